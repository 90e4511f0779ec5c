import { expect, oneEvent } from '@open-wc/testing';
import { CommentError } from '../../src/comment-box/comment-box.js';
import type { CommentBackend, CommentListRequest, CommentPage, CommentPostRequest, CommentPostResult } from '../../src/comment-box/comment-box.js';
import type { CommentData } from '../../src/internal/data.js';
import type { CommentBoxErrorEvent } from '../../src/internal/events.js';
import { articleId, clearStorage, control, fill, mount, part, parts, seed, srcFor, submit, text } from './helpers.js';

/** What an npm user might write: comments kept by their own code, paged by an offset cursor. */
class InMemoryBackend implements CommentBackend {
  readonly key = `memory ${Math.random()}`;
  readonly comments: CommentData[] = [];
  open = true;

  async list({ order, pageSize, cursor }: CommentListRequest): Promise<CommentPage> {
    const roots = this.comments.filter((c) => c.parent === null);
    if (order === 'newest') roots.reverse();
    const start = cursor ? Number(cursor) : 0;
    const page = roots.slice(start, start + pageSize);
    const ids = new Set(page.map((c) => c.id));
    return {
      comments: this.comments.filter((c) => ids.has(c.id) || (c.parent !== null && ids.has(c.parent))),
      total: this.comments.length,
      next: start + pageSize < roots.length ? String(start + pageSize) : null,
      open: this.open,
    };
  }

  async post({ draft }: CommentPostRequest): Promise<CommentPostResult> {
    if (/buy now/i.test(draft.text)) throw new CommentError('field', 'Advertising', { field: 'text', code: 'ads' });
    if (/later/i.test(draft.text)) throw new CommentError('too-fast', 'Slow down', { code: 'slow', retryAfter: 30 });
    const comment: CommentData = { id: String(this.comments.length + 1), parent: draft.parent, author: { name: draft.name }, text: draft.text, date: new Date().toISOString() };
    this.comments.push(comment);
    return { comment, status: 'approved' };
  }
}

describe('comment-box: backends for npm users', () => {
  beforeEach(clearStorage);

  it('lists, pages and posts through a backend object given as a property', async () => {
    const backend = new InMemoryBackend();
    backend.comments.push(
      { id: 'a', parent: null, author: { name: 'Ilze' }, text: 'first', date: '2026-01-01T10:00:00Z' },
      { id: 'b', parent: 'a', author: { name: 'Erik' }, text: 'reply', date: '2026-01-01T11:00:00Z' },
      { id: 'c', parent: null, author: { name: 'Anna' }, text: 'second', date: '2026-01-02T10:00:00Z' },
    );
    const el = await mount({ 'page-size': '1' }, { backend });
    expect(parts(el, 'body').map(text)).to.deep.equal(['first', 'reply']);
    const more = oneEvent(el, 'comment-box-load');
    part<HTMLButtonElement>(el, 'load-more')!.click();
    await more;
    await el.updateComplete;
    expect(parts(el, 'body').map(text)).to.deep.equal(['first', 'reply', 'second']);
    await fill(el, { text: 'mine' });
    await submit(el);
    expect(backend.comments.at(-1)!.text).to.equal('mine');
    expect(text(part(el, 'heading'))).to.equal('4 comments');
  });

  it('shows a CommentError a backend throws with the element’s own localised words', async () => {
    const el = await mount({ lang: 'lv' }, { backend: new InMemoryBackend() });
    await fill(el, { text: 'Buy now!' });
    const event = (await submit(el)) as CommentBoxErrorEvent;
    expect([event.kind, event.code]).to.deep.equal(['rejected', 'ads']);
    expect(text(el.shadowRoot!.querySelector('#text-error'))).to.equal('Vietne nepieņēma šo tekstu.');
    await fill(el, { text: 'Later' });
    await submit(el);
    expect(text(part(el, 'error'))).to.equal('Jūs komentējat pārāk ātri. Mēģiniet vēlreiz pēc 30 s.');
    expect(control(el, 'text').value).to.equal('Later');
  });

  it('the built-in backends use the fetch given as a property', async () => {
    const article = articleId();
    await seed(article, [{ text: 'via a wrapper' }]);
    const seen: string[] = [];
    const wrapped: typeof fetch = (input, init) => {
      seen.push(`${init?.method ?? 'GET'} ${String(input)}`);
      return fetch(input, init);
    };
    const el = await mount({ src: srcFor(article) }, { fetch: wrapped });
    expect(parts(el, 'body').map(text)).to.deep.equal(['via a wrapper']);
    await fill(el);
    await submit(el);
    expect(seen.map((s) => s.split(' ')[0])).to.deep.equal(['GET', 'POST']);
  });
});
