// The built script-tag bundle (dist/lapa-widgets.min.js, from `npm run build`) on a host
// page, loaded the way a partner pastes it: a classic <script src>. This file imports no
// sources, so everything it sees comes from the bundle.
import { expect } from '@open-wc/testing';
import { loadBundle } from './support/bundle.js';

describe('the script-tag bundle', () => {
  let firstErrors: unknown[];
  before(async () => {
    expect(customElements.get('news-card'), 'nothing defined before the bundle').to.equal(undefined);
    firstErrors = await loadBundle();
  });

  it('is a classic script that defines all three elements without errors', () => {
    expect(firstErrors).to.deep.equal([]);
    for (const tag of ['news-card', 'comment-box', 'scroll-to-top', 'comment-count']) expect(customElements.get(tag), tag).to.be.a('function');
  });

  it('exposes the classes as window.LapaWidgets', () => {
    const api = window.LapaWidgets!;
    expect(api.NewsCardElement).to.equal(customElements.get('news-card'));
    expect(api.CommentBoxElement).to.equal(customElements.get('comment-box'));
    expect(api.ScrollToTopElement).to.equal(customElements.get('scroll-to-top'));
    expect(api.CommentCountElement).to.equal(customElements.get('comment-count'));
  });

  it('renders a news card from served JSON', async () => {
    const card = document.createElement('news-card');
    card.setAttribute('src', `/__news/fixtures/jsonfeed/feed-1.1.json?bundle=${Math.random()}`);
    const loaded = new Promise<Event>((resolve) => card.addEventListener('news-card-load', resolve, { once: true }));
    document.body.append(card);
    try {
      await loaded;
      await (card as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
      const title = card.shadowRoot!.querySelector('[part~="title"]');
      expect(title?.textContent?.trim()).to.equal('Radošās sociālās uzņēmējdarbības projekts noslēdzies');
      expect(card.shadowRoot!.querySelector('[part~="read-more"]')!.getAttribute('rel')).to.equal('noopener noreferrer');
    } finally {
      card.remove();
    }
  });

  it('can be loaded a second time: no error, the first definitions and global kept', async () => {
    const before = { card: customElements.get('news-card'), api: window.LapaWidgets };
    const errors = await loadBundle();
    expect(errors).to.deep.equal([]);
    expect(customElements.get('news-card')).to.equal(before.card);
    expect(window.LapaWidgets).to.equal(before.api);
  });

  it('lets a page register a class under another tag', () => {
    window.LapaWidgets!.NewsCardElement.define('agency-news-card');
    const element = document.createElement('agency-news-card');
    expect(element).to.be.instanceOf(window.LapaWidgets!.NewsCardElement);
  });
});
