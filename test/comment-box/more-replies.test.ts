/**
 * Long threads (protocol v1.1): a page's answer has a byte budget, so a thread longer than
 * it ends its page with `replies_next`, and the element shows "Show more replies".
 * The long- instance of the reference server answers at most 8 KB.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { activeElement, articleId, clearStorage, mount, part, parts, seed, srcFor, text } from './helpers.js';

const words = (i: number) => `Reply ${i + 1}: ${'garš teksts '.repeat(20)}`;

describe('comment-box: more replies of a long thread', () => {
  beforeEach(clearStorage);

  it('shows the first part of a long thread, then the rest with "Show more replies", focus on the first new reply', async () => {
    const article = articleId('long');
    await seed(article, [{ text: 'The thread.' }, ...Array.from({ length: 60 }, (_, i) => ({ text: words(i), replyTo: 0 })), { text: 'Next thread.' }]);
    const el = await mount({ src: srcFor(article), lang: 'en' });
    await expect(el).to.be.accessible();
    const first = parts(el, 'comment').length;
    expect(first, 'the first part').to.be.within(2, 60);
    let button = part(el, 'more-replies');
    expect(button, 'Show more replies').to.not.equal(null);
    expect(text(button)).to.equal('Show more replies');
    for (let round = 0; button && round < 20; round++) {
      const before = parts(el, 'body').length;
      const loaded = oneEvent(el, 'comment-box-load');
      button.click();
      await loaded;
      await el.updateComplete;
      const bodies = parts(el, 'body');
      expect(bodies.length).to.be.greaterThan(before);
      expect(activeElement(el), 'focus on the first new reply').to.equal(parts(el, 'comment')[before]);
      button = part(el, 'more-replies');
    }
    const texts = parts(el, 'body').map(text);
    const replies = texts.filter((t) => t.startsWith('Reply '));
    expect(replies).to.have.length(60);
    expect(replies.map((t) => Number(/^Reply (\d+)/.exec(t)![1]))).to.deep.equal(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(part(el, 'more-replies')).to.equal(null);
  });

  it('a thread that fits its page has no "Show more replies" (and a v1 server never sends the member)', async () => {
    const article = articleId();
    await seed(article, [{ text: 'Short.' }, { replyTo: 0 }, { replyTo: 0 }]);
    const el = await mount({ src: srcFor(article) });
    expect(parts(el, 'comment')).to.have.length(3);
    expect(part(el, 'more-replies')).to.equal(null);
  });
});
