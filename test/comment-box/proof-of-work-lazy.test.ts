/**
 * The proof-of-work solver is its own module, loaded only when a server asks for proof of
 * work. A file of its own: a page that loaded the module once keeps it.
 */
import { expect } from '@open-wc/testing';
import { clearStorage, fill, mount, submit, wpSite } from './helpers.js';

const solverLoaded = () => performance.getEntriesByType('resource').some((entry) => entry.name.includes('pow-solver'));

describe('comment-box: the proof-of-work solver loads only when asked for', () => {
  beforeEach(clearStorage);

  it('a WordPress site (no challenge) posts without loading the solver', async () => {
    const site = await wpSite();
    const el = await mount({ src: site.src, api: 'wordpress' });
    await fill(el, { text: 'No puzzle here.' });
    expect((await submit(el)).type).to.equal('comment-box-posted');
    const [post] = (await site.log()).requests.filter((r) => r.method === 'POST');
    expect(post, 'the comment was sent').to.not.equal(undefined);
    expect(solverLoaded()).to.equal(false);
    expect(performance.getEntriesByType('resource').some((entry) => entry.name.includes('comment-box')), 'resource timing sees modules').to.equal(true);
  });
});
