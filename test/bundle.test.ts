// The built script-tag files (from `npm run build`) on a host page, loaded the way a partner
// pastes them: a classic <script src>. The all-in-one file defines everything when it runs;
// the loader defines an element once a tag of it is on the page or `LapaWidgets.load()` asks.
// This file imports no sources, so everything it sees comes from dist/.
import { expect, waitUntil } from '@open-wc/testing';
import { ALL_IN_ONE, BUNDLE, TAGS, loadBundle } from './support/bundle.js';

/** The chunk scripts the loader inserted so far. */
const chunkScripts = () => [...document.scripts].filter((s) => s.src.includes('/dist/chunks/')).map((s) => new URL(s.src).pathname);

async function rendersCard(tag = 'news-card') {
  const card = document.createElement(tag);
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
}

describe('the loader (dist/lapa-widgets.min.js)', () => {
  before(async () => {
    expect(customElements.get('news-card'), 'nothing defined before the loader').to.equal(undefined);
    const script = document.createElement('script');
    script.src = BUNDLE;
    await new Promise((resolve, reject) => {
      script.onload = resolve;
      script.onerror = () => reject(new Error('run npm run build first'));
      document.head.append(script);
    });
  });

  it('defines nothing and fetches no element until a tag of it is on the page', () => {
    for (const tag of TAGS) expect(customElements.get(tag), tag).to.equal(undefined);
    expect(chunkScripts()).to.deep.equal([]);
    expect(window.LapaWidgets!.NewsCardElement).to.equal(undefined);
  });

  it('loads an element when its tag is added, and only that element', async () => {
    const top = document.createElement('scroll-to-top');
    document.body.append(top);
    try {
      await waitUntil(() => customElements.get('scroll-to-top'), 'scroll-to-top defined', { timeout: 5000 });
      expect(customElements.get('news-card')).to.equal(undefined);
      expect(chunkScripts().some((path) => /\/(news-card|comment-box)-/.test(path)), chunkScripts().join()).to.be.false;
      expect(window.LapaWidgets!.ScrollToTopElement).to.equal(customElements.get('scroll-to-top'));
    } finally {
      top.remove();
    }
  });

  it('renders a news card from served JSON', () => rendersCard());

  it('resolves load() with the class, and each chunk is inserted once', async () => {
    const classes = await Promise.all(TAGS.map((tag) => window.LapaWidgets!.load(tag)));
    TAGS.forEach((tag, i) => expect(classes[i], tag).to.equal(customElements.get(tag)));
    const paths = chunkScripts();
    expect(new Set(paths).size).to.equal(paths.length);
  });

  it('rejects load() of an unknown tag', async () => {
    const error = await window.LapaWidgets!.load('no-such-card' as 'news-card').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(TypeError);
  });

  it('ignores a definition from a script it did not insert', async () => {
    let ran = false;
    window.__lapaDefine!(['exports'], () => {
      ran = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(ran).to.be.false;
  });

  it('can be loaded a second time: no error, the first definitions and global kept', async () => {
    const before = { card: customElements.get('news-card'), api: window.LapaWidgets, chunks: chunkScripts().length };
    const errors = await loadBundle();
    expect(errors).to.deep.equal([]);
    expect(customElements.get('news-card')).to.equal(before.card);
    expect(window.LapaWidgets).to.equal(before.api);
    expect(chunkScripts().length).to.equal(before.chunks);
  });

  it('lets a page register a class under another tag', async () => {
    const NewsCard = await window.LapaWidgets!.load('news-card');
    NewsCard.define('agency-news-card');
    expect(document.createElement('agency-news-card')).to.be.instanceOf(NewsCard);
  });

  it('leaves the global to the loader when the all-in-one file comes after it', async () => {
    const api = window.LapaWidgets;
    expect(await loadBundle(ALL_IN_ONE)).to.deep.equal([]);
    expect(window.LapaWidgets).to.equal(api);
    await rendersCard('agency-news-card');
  });
});
