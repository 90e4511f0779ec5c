import { expect, html } from '@open-wc/testing';
import type { NewsCardElement } from '../../src/news-card/news-card.js';
import { sanitizerIsReady, sanitizerPath } from '../../src/internal/sanitize.js';
import { imageRoundTrip } from '../support/dom.js';
import { until } from '../support/until.js';
import { FEED, WP_DANGEROUS, fresh, mount, outcome, part, release, settle, uid } from './helpers.js';

const FORBIDDEN_ELEMENTS = 'script, style, link, meta, base, iframe, frame, frameset, object, embed, form, input, button, textarea, select, svg, math, template, noscript';
const SAFE_URL = /^(https?:|mailto:)/;

/** Everything in the body that must not survive the sanitiser; empty when clean. */
function dangers(body: Element): string[] {
  const found: string[] = [];
  for (const el of body.querySelectorAll(FORBIDDEN_ELEMENTS)) found.push(`<${el.localName}>`);
  for (const el of body.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on') || ['style', 'srcdoc', 'formaction', 'action', 'xlink:href', 'background', 'ping'].includes(name)) found.push(`${el.localName}[${name}]`);
      if ((name === 'href' || name === 'src') && !SAFE_URL.test(attr.value)) found.push(`${el.localName}[${name}=${attr.value.slice(0, 40)}]`);
    }
    if (el.localName === 'a' && el.hasAttribute('href') && el.getAttribute('rel') !== 'noopener noreferrer') found.push('a without rel');
  }
  return found;
}

/** Whether the page has fetched DOMPurify's code (our purifier module or the library). */
const purifierFetched = () => performance.getEntriesByType('resource').some((entry) => /\/purifier\.|dompurify/.test(entry.name));

// First in this file: a page fetches DOMPurify once, and keeps it.
describe('<news-card> and the sanitiser it waits for', () => {
  it('fetches DOMPurify beside the request where the engine has no working Sanitizer, and never where it has', async () => {
    const hold = `sanitizer-${uid()}`;
    const card = await mount(html`<news-card variant="full" src=${fresh(FEED, { hold })}></news-card>`);
    if (sanitizerPath() === 'dompurify') {
      // The server still holds the article: DOMPurify arrives while it does, not after it.
      await until(() => sanitizerIsReady() && purifierFetched(), 'DOMPurify fetched');
      expect(card.state, 'while the article is held').to.equal('loading');
    } else {
      expect(sanitizerIsReady()).to.equal(true);
    }
    const loaded = outcome(card);
    await release(hold);
    expect((await loaded).type).to.equal('news-card-load');
    expect(part(card, 'body')!.querySelector('p'), 'the sanitised body').to.exist;
    expect(purifierFetched(), 'DOMPurify fetched').to.equal(sanitizerPath() === 'dompurify');
  });
});

describe('<news-card> sanitising article bodies', () => {
  let alerts: unknown[];
  let realAlert: typeof window.alert;
  beforeEach(() => {
    alerts = [];
    realAlert = window.alert;
    window.alert = (message?: unknown) => void alerts.push(message);
  });
  afterEach(() => {
    window.alert = realAlert;
  });

  it('cleans the recorded post an administrator saved with scripts in it', async () => {
    const { card } = await settle(html`<news-card variant="full" src=${fresh(WP_DANGEROUS)}></news-card>`);
    const body = part(card, 'body')!;
    expect(dangers(body)).to.deep.equal([]);
    expect(body.textContent).to.contain('Paragraph with an inline onclick handler and style.');
    const links = [...body.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([null, 'https://example.com/', null]);
    expect(links.every((a) => a.rel === 'noopener noreferrer')).to.equal(true);
    expect(links[1]!.hasAttribute('target')).to.equal(false);
    const image = body.querySelector('img')!;
    expect(image.getAttribute('src')).to.equal(new URL('/no-such-image.png', location.href).href);
    expect([image.loading, image.decoding, image.referrerPolicy]).to.deep.equal(['lazy', 'async', 'no-referrer']);
    expect(alerts).to.deep.equal([]);
  });

  it('keeps news markup: paragraphs, quotes, figures, links and images with srcset and sizes', async () => {
    const card = await mount(html`<news-card variant="full" .article=${{
      title: 'T',
      authors: [],
      tags: [],
      baseUrl: 'https://agency.example/news/',
      contentHtml: `<h2>Sub</h2><p>A <a href="item/2">relative link</a>.</p><blockquote><p>Quote</p></blockquote>
        <figure><img src="a.jpg" srcset="a-300.jpg 300w, a-900.jpg 900w" width="900" height="500" alt="A"><figcaption>Cap</figcaption></figure>
        <ul><li>One</li></ul><table><tr><th scope="col">H</th></tr><tr><td>D</td></tr></table>`,
    }}></news-card>`);
    const body = part(card, 'body')!;
    expect(body.querySelector('h2, blockquote, figure, figcaption, ul, table, th')).to.exist;
    expect(body.querySelector('a')!.href).to.equal('https://agency.example/news/item/2');
    const image = body.querySelector('img')!;
    expect(image.getAttribute('srcset')).to.equal('https://agency.example/news/a-300.jpg 300w, https://agency.example/news/a-900.jpg 900w');
    expect(image.getAttribute('sizes')).to.be.a('string').and.not.equal('');
    expect([image.getAttribute('width'), image.getAttribute('height'), image.alt]).to.deep.equal(['900', '500', 'A']);
    expect(dangers(body)).to.deep.equal([]);
  });

  it('resolves relative links and images in a feed body against the response URL', async () => {
    const src = fresh(FEED);
    const { card } = await settle(html`<news-card variant="full" src=${src}></news-card>`);
    const body = part(card, 'body')!;
    expect(body.querySelector('a')!.href).to.equal(new URL('../par-mums', new URL(src, location.href)).href);
    expect(body.querySelector('img')!.src).to.equal(new URL('images/darbnica.svg', new URL(src, location.href)).href);
  });

  it('contains the body so nothing it holds draws outside the card', async () => {
    const card = await mount(html`<news-card variant="full" .article=${{ title: 'T', authors: [], tags: [], contentHtml: '<p>x</p>' }}></news-card>`);
    expect(getComputedStyle(part(card, 'body')!).contain).to.equal('paint');
  });

  it("defuses every payload of DOMPurify's XSS suite", async () => {
    const { vectors } = (await (await fetch('/test/fixtures/xss/dompurify-vectors.json')).json()) as { vectors: { title: string; payload: string }[] };
    expect(vectors.length).to.be.above(200);
    const card: NewsCardElement = await mount(html`<news-card variant="full"></news-card>`);
    const failures: string[] = [];
    for (const { title, payload } of vectors) {
      card.article = { title: 'Vector', authors: [], tags: [], contentHtml: payload };
      await card.updateComplete;
      const body = part(card, 'body');
      const found = body ? dangers(body) : [];
      if (found.length) failures.push(`${title}: ${found.join(', ')}`);
    }
    // Give any handler that slipped through a chance to run: image errors come last.
    await imageRoundTrip();
    expect(failures).to.deep.equal([]);
    expect(alerts).to.deep.equal([]);
  });
});
