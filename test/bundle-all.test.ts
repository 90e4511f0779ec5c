// The all-in-one file (dist/lapa-widgets.all.min.js, from `npm run build`), for partners who
// self-host exactly one file, pasted as a classic <script src>: everything is defined when it
// has run. This file imports no sources.
import { expect } from '@open-wc/testing';
import { ALL_IN_ONE, TAGS, loadBundle } from './support/bundle.js';

describe('the all-in-one script', () => {
  let firstErrors: unknown[];
  before(async () => {
    expect(customElements.get('news-card'), 'nothing defined before the bundle').to.equal(undefined);
    firstErrors = await loadBundle(ALL_IN_ONE);
  });

  it('is a classic script that defines every element without errors, inserting no other script', () => {
    expect(firstErrors).to.deep.equal([]);
    for (const tag of TAGS) expect(customElements.get(tag), tag).to.be.a('function');
    expect([...document.scripts].filter((s) => s.src.includes('/dist/chunks/'))).to.deep.equal([]);
  });

  it('exposes the classes as window.LapaWidgets, and load() resolves with them', async () => {
    const api = window.LapaWidgets!;
    expect(api.NewsCardElement).to.equal(customElements.get('news-card'));
    expect(api.CommentBoxElement).to.equal(customElements.get('comment-box'));
    expect(api.ScrollToTopElement).to.equal(customElements.get('scroll-to-top'));
    expect(api.CommentCountElement).to.equal(customElements.get('comment-count'));
    expect(await api.load('comment-box')).to.equal(customElements.get('comment-box'));
  });

  it('can be loaded a second time: no error, the first definitions and global kept', async () => {
    const before = { card: customElements.get('news-card'), api: window.LapaWidgets };
    expect(await loadBundle(ALL_IN_ONE)).to.deep.equal([]);
    expect(customElements.get('news-card')).to.equal(before.card);
    expect(window.LapaWidgets).to.equal(before.api);
  });
});
