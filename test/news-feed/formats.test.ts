import { expect, html } from '@open-wc/testing';
import type { NewsFeedErrorEvent, NewsFeedLoadEvent } from '../../src/internal/events.js';
import { feedUrl, focused, loadMore, moreButton, part, parts, requests, settle, text, titles, uid } from './helpers.js';

const query = (path: string) => new URL(path, location.href).searchParams;
const others = (path: string) => [...query(path)].filter(([name]) => name !== 'page');

/** Counts reads of `textContent` on nodes of XML documents (what mapping a feed item does) while `run` runs. */
async function xmlReads(run: () => Promise<void>): Promise<number> {
  const descriptor = Object.getOwnPropertyDescriptor(Node.prototype, 'textContent')!;
  let reads = 0;
  Object.defineProperty(Node.prototype, 'textContent', {
    ...descriptor,
    get(this: Node) {
      if (this.ownerDocument instanceof XMLDocument) reads++;
      return descriptor.get!.call(this);
    },
  });
  try {
    await run();
  } finally {
    Object.defineProperty(Node.prototype, 'textContent', descriptor);
  }
  return reads;
}

describe('<news-feed> RSS and Atom', () => {
  it('shows an RSS 2.0 feed: titles as text, dates, creators, images, links through the URL check', async () => {
    const { feed, event } = await settle(html`<news-feed src=${`/__feeds/fixtures/rss/feed.rss.xml?t=${uid()}`}></news-feed>`);
    expect(event.type).to.equal('news-feed-load');
    expect(feed.state).to.equal('loaded');
    expect(parts(feed, 'item')).to.have.length(4);
    const first = parts(feed, 'item')[0]!;
    expect(text(first.querySelector('[part~="title"]'))).to.equal('Tom & Jerry atgriežas mājās');
    expect(first.querySelector('[part~="title"] em')).to.equal(null);
    // Relative links resolve against the answer's URL.
    expect(first.querySelector<HTMLAnchorElement>('[part~="title-link"]')!.href).to.equal(new URL('/raksti/tom-un-jerry', location.href).href);
    expect(first.querySelector('time')!.getAttribute('datetime')).to.equal('2025-05-16T09:00:00.000Z');
    expect(parts(feed, 'author').slice(0, 2).map(text)).to.deep.equal(['Anna Bērziņa', 'Lars Lindqvist']);
    expect(first.querySelector<HTMLImageElement>('[part~="image"]')!.getAttribute('src')).to.equal(new URL('/__feeds/fixtures/rss/bildes/galvenā.jpg', location.href).href);
    expect(text(first.querySelector('[part~="summary"]'))).to.equal('Īss kopsavilkums ar treknrakstu.');
    for (const a of feed.shadowRoot!.querySelectorAll('[href]')) expect(a.getAttribute('href')).to.match(/^https?:/);
  });

  it('shows the RSS and Atom feeds recorded from a real WordPress 6.1: /feed/, /feed/atom/ and a category feed', async () => {
    const newest = ['Partnera ziņa 5', 'Partnera ziņa 4', 'Partnera ziņa 3', 'Partnera ziņa 2', 'Partnera ziņa 1'];
    for (const file of ['feed.rss.xml', 'feed.atom.xml']) {
      const { feed, event } = await settle(html`<news-feed src=${`/__feeds/fixtures/wordpress-feeds/${file}?t=${uid()}`}></news-feed>`);
      expect(event.type, file).to.equal('news-feed-load');
      expect(titles(feed), file).to.deep.equal(newest);
      const first = parts(feed, 'item')[0]!;
      expect(first.querySelector<HTMLAnchorElement>('[part~="title-link"]')!.getAttribute('href'), file).to.equal('http://127.0.0.1:8089/partneru-zina-5/');
      expect(first.querySelector('time')!.getAttribute('datetime'), file).to.equal('2025-06-05T10:00:00.000Z');
      expect(text(first.querySelector('[part~="author"]')), file).to.equal('admin');
      expect(text(first.querySelector('[part~="summary"]')), file).to.equal('Ziņa numur 5.');
      // Ten items: the other five on "load more", from the same answer.
      await loadMore(feed);
      expect(titles(feed), file).to.have.length(10);
      // The title is text whatever it holds (RSS 2.0 titles are read as HTML, so its decoded
      // "<script>" is dropped there; Atom's type="html" keeps it as text).
      expect(titles(feed)[5], file).to.match(file.endsWith('atom.xml') ? /^Administratora HTML ar <script> un .onerror.$/ : /^Administratora HTML ar/);
      expect(feed.shadowRoot!.querySelector('script, iframe, [onerror]'), file).to.equal(null);
      expect(moreButton(feed), file).to.equal(null);
    }
    const category = await settle(html`<news-feed src=${`/__feeds/fixtures/wordpress-feeds/category-partneru-zinas.rss.xml?t=${uid()}`}></news-feed>`);
    expect(titles(category.feed)).to.deep.equal(newest);
    expect(moreButton(category.feed)).to.equal(null);
  });

  it('shows an Atom 1.0 feed', async () => {
    const { feed } = await settle(html`<news-feed src=${`/__feeds/fixtures/atom/feed.atom.xml?t=${uid()}`}></news-feed>`);
    expect(feed.state).to.equal('loaded');
    expect(parts(feed, 'item')).to.have.length(4);
    expect(titles(feed)[0]).to.equal('Fish & chips');
  });

  it('detects the format from the answer, whatever the content type says', async () => {
    for (const type of ['text/xml', 'text/html; charset=UTF-8', 'text/plain', 'application/octet-stream']) {
      const { url } = feedUrl('atom', { total: 2, type });
      const { feed } = await settle(html`<news-feed src=${url}></news-feed>`);
      expect(titles(feed), type).to.deep.equal(['Atom entry 1', 'Atom entry 2']);
    }
  });

  it('shows the items of an RSS file beyond `limit` on "load more", without a request', async () => {
    const { url, key } = feedUrl('rss', { total: 12 });
    const { feed } = await settle(html`<news-feed src=${url} limit="5"></news-feed>`);
    expect(titles(feed)).to.have.length(5);
    moreButton(feed)!.focus();
    const event = (await loadMore(feed)) as NewsFeedLoadEvent;
    expect(titles(feed)).to.have.length(10);
    expect(event.hasMore).to.equal(true);
    expect(focused(feed)).to.equal(parts(feed, 'item')[5]!.querySelector('[part~="title-link"]'));
    await loadMore(feed);
    expect(titles(feed)).to.deep.equal(Array.from({ length: 12 }, (_, i) => `RSS item ${i + 1}`));
    expect(moreButton(feed)).to.equal(null);
    expect(await requests(key)).to.have.length(1);
  });

  const paged = [
    ['Atom link rel="next"', 'atom', 'Atom entry', { lang: 'sv', category: 'nyheter' }],
    ['an RSS channel\'s atom:link rel="next"', 'rss-paged', 'RSS item', { lang: 'lv', category: 'zinas' }],
  ] as const;
  for (const [name, route, title, params] of paged) {
    it(`follows ${name} (RFC 5005), keeping every other query parameter`, async () => {
      const { url, key } = feedUrl(route, { total: 7, per: 3, ...params });
      const { feed } = await settle(html`<news-feed src=${url} limit="3"></news-feed>`);
      await loadMore(feed);
      await loadMore(feed);
      expect(titles(feed)).to.deep.equal(Array.from({ length: 7 }, (_, i) => `${title} ${i + 1}`));
      expect(moreButton(feed)).to.equal(null);
      const log = await requests(key);
      expect(log.map((p) => query(p).get('page'))).to.deep.equal([null, '2', '3']);
      for (const p of log.slice(1)) expect(others(p)).to.deep.equal(others(log[0]!));
    });
  }

  it('renders the first `limit` items of a 10,000-item feed without mapping the others', async () => {
    const small = await xmlReads(async () => {
      await settle(html`<news-feed limit="5" src=${`/__feed/xml-many?items=15&valid=5&t=${uid()}`}></news-feed>`);
    });
    let big: Element | undefined;
    const large = await xmlReads(async () => {
      big = (await settle(html`<news-feed limit="5" src=${`/__feed/xml-many?items=10000&valid=5&t=${uid()}`}></news-feed>`)).feed;
    });
    expect(titles(big!)).to.have.length(5);
    expect(small).to.be.greaterThan(0);
    // The same work for 15 items as for 10,000: the 9,995 beyond were never read.
    expect(large).to.equal(small);
  });

  it('shows not-xml for XML that does not parse or declares entities, and invalid for XML that is no feed', async () => {
    const cases: Record<string, string> = {
      '/__feeds/broken': 'not-xml',
      '/__feeds/billion-laughs': 'not-xml',
      '/__feeds/quadratic': 'not-xml',
      '/__feeds/not-a-feed': 'invalid',
      '/__feeds/html-page': 'not-json',
    };
    for (const [src, kind] of Object.entries(cases)) {
      const { feed, event } = await settle(html`<news-feed src=${`${src}?t=${uid()}`}></news-feed>`);
      expect(event.type, src).to.equal('news-feed-error');
      expect((event as NewsFeedErrorEvent).kind, src).to.equal(kind);
      expect(feed.state, src).to.equal('error');
      if (kind === 'not-xml') expect(text(part(feed, 'error'))).to.contain("The server's feed is broken and cannot be read.");
    }
  });

  it('shows the empty state for a feed without items', async () => {
    for (const format of ['rss', 'atom']) {
      const { feed } = await settle(html`<news-feed src=${`/__feeds/empty?format=${format}&t=${uid()}`}></news-feed>`);
      expect(feed.state, format).to.equal('empty');
    }
  });
});
