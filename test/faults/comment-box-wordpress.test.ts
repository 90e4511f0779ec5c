/**
 * A hostile WordPress site (defect 5 of issue 15): X-WP-TotalPages claims a billion pages
 * of replies. The element makes a bounded number of requests and shows what it got.
 */
import { expect } from '@open-wc/testing';
import { MAX_REQUESTS_PER_PAGE } from '../../src/comment-box/backends/wordpress.js';
import { clearStorage, mount, part, parts, text, wpSite } from '../comment-box/helpers.js';

describe('<comment-box api="wordpress"> and a hostile X-WP-TotalPages', () => {
  beforeEach(clearStorage);

  it('stops at its request cap and renders the comments it got', async () => {
    // One thread whose replies fill every page the site claims to have.
    const comments = [{ text: 'The thread.' }, ...Array.from({ length: 100 }, (_, i) => ({ text: `Reply ${i + 1}.`, replyTo: 0 }))];
    const site = await wpSite({ comments, totalPages: 1_000_000_000 });
    const el = await mount({ src: site.src, api: 'wordpress', lang: 'en' });
    const gets = (await site.log()).requests.filter((r) => r.method === 'GET');
    expect(gets.length).to.be.within(3, MAX_REQUESTS_PER_PAGE);
    expect(part(el, 'error')).to.equal(null);
    // The same page of replies again and again is shown once.
    expect(parts(el, 'comment')).to.have.length(101);
    expect(text(parts(el, 'body')[0])).to.equal('The thread.');
    expect(MAX_REQUESTS_PER_PAGE).to.be.at.most(100);
  });
});
