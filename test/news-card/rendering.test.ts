import { expect, html } from '@open-wc/testing';
import type { Article } from '../../src/internal/formats/article.js';
import type { NewsCardElement } from '../../src/news-card/news-card.js';
import { FEED, WP_POST, fresh, mount, part, parts, settle, text } from './helpers.js';

const article = (extra: Partial<Article> = {}): Article => ({
  title: 'Handbook published',
  url: 'https://agency.example/handbook',
  summaryText: 'A short summary.',
  contentHtml: '<p>The whole body.</p>',
  datePublished: '2025-05-16T10:00:00.000Z',
  authors: [{ name: 'Anna Bērziņa' }],
  tags: ['handbook'],
  ...extra,
});

async function given(value: unknown, attrs: { variant?: string; headingLevel?: number } = {}): Promise<NewsCardElement> {
  const card = await mount(html`<news-card variant=${attrs.variant ?? 'card'} heading-level=${attrs.headingLevel ?? 2} .article=${value as Article}></news-card>`);
  await card.updateComplete;
  return card;
}

describe('<news-card> rendering', () => {
  it('shows image, headline, meta, summary, tags and Read more on a card, and no body', async () => {
    const { card } = await settle(html`<news-card src=${fresh(FEED)}></news-card>`);
    for (const name of ['image', 'title', 'meta', 'author', 'date', 'summary', 'tags', 'tag', 'read-more']) expect(part(card, name), name).to.exist;
    expect(part(card, 'body')).to.equal(null);
  });

  it('shows the whole body and no summary or Read more in the full variant', async () => {
    const { card } = await settle(html`<news-card variant="full" src=${fresh(FEED)}></news-card>`);
    expect(part(card, 'body')!.querySelector('strong')).to.exist;
    expect(part(card, 'summary')).to.equal(null);
    expect(part(card, 'read-more')).to.equal(null);
  });

  it('switches variant on a loaded card, and back, without losing the body', async () => {
    const card = await given(article(), { variant: 'full' });
    expect(text(part(card, 'body'))).to.equal('The whole body.');
    card.variant = 'card';
    await card.updateComplete;
    expect(part(card, 'body')).to.equal(null);
    card.variant = 'full';
    await card.updateComplete;
    expect(text(part(card, 'body'))).to.equal('The whole body.');
  });

  it('keeps the body when the headline level or language changes', async () => {
    const card = await given(article(), { variant: 'full' });
    card.headingLevel = 4;
    card.lang = 'sv';
    await card.updateComplete;
    await card.updateComplete;
    expect(part(card, 'title')!.localName).to.equal('h4');
    expect(text(part(card, 'body'))).to.equal('The whole body.');
  });

  it('renders the headline at heading-level 1 to 6, and 2 for anything else', async () => {
    for (const [level, tag] of [[1, 'h1'], [3, 'h3'], [6, 'h6'], [0, 'h2'], [9, 'h2']] as const) {
      const card = await given(article(), { headingLevel: level });
      expect(part(card, 'title')!.localName, `level ${level}`).to.equal(tag);
      expect(part(card, 'title')!.id).to.equal('title');
    }
  });

  it('names the article region by its headline and ties Read more to it', async () => {
    const card = await given(article());
    expect(card.shadowRoot!.querySelector('article')!.getAttribute('aria-labelledby')).to.equal('title');
    expect(part(card, 'read-more')!.getAttribute('aria-describedby')).to.equal('title');
  });

  it('gives the image srcset, sizes, dimensions, alt, lazy loading, async decoding and no referrer', async () => {
    const { card } = await settle(html`<news-card src=${fresh(WP_POST)}></news-card>`);
    const image = part<HTMLImageElement>(card, 'image')!;
    expect(image.getAttribute('srcset')).to.match(/-300x158\.jpg 300w, .*\.jpg 1200w$/);
    expect(image.getAttribute('sizes')).to.match(/^auto, /);
    expect(image.getAttribute('width')).to.equal('1200');
    expect(image.getAttribute('height')).to.equal('630');
    expect(image.alt).to.equal('Latvijas, Zviedrijas un Gruzijas karogi');
    expect(image.getAttribute('loading')).to.equal('lazy');
    expect(image.getAttribute('decoding')).to.equal('async');
    expect(image.getAttribute('referrerpolicy')).to.equal('no-referrer');
  });

  it('drops an image that fails to load', async () => {
    const card = await given(article({ image: { src: '/__news/status/404.txt', alt: 'Missing' } }));
    const image = part<HTMLImageElement>(card, 'image')!;
    image.loading = 'eager';
    await new Promise((resolve) => image.addEventListener('error', resolve, { once: true }));
    await card.updateComplete;
    expect(part(card, 'image')).to.equal(null);
    expect(part(card, 'title')).to.exist;
  });

  it("marks headline, summary, body and tags with the content's language, not the UI's", async () => {
    const card = await mount(html`<div lang="en"><news-card variant="full" .article=${article({ language: 'lv' })}></news-card></div>`);
    await card.updateComplete;
    expect(part(card, 'title')!.lang).to.equal('lv');
    expect(part(card, 'body')!.lang).to.equal('lv');
    expect(part(card, 'tag')!.lang).to.equal('lv');
    expect(part(card, 'tags')!.getAttribute('aria-label')).to.equal('Tags');
    expect(part(card, 'meta')!.hasAttribute('lang')).to.equal(false);
  });

  it('shows titles, names and tags as text, never as markup', async () => {
    const card = await given(article({ title: '<img src=x onerror=alert(1)>Title', authors: [{ name: '<b>Bold</b>' }], tags: ['<i>x</i>'], summaryText: '<script>alert(1)</script>' }));
    expect(text(part(card, 'title'))).to.equal('<img src=x onerror=alert(1)>Title');
    expect(part(card, 'title')!.querySelector('img')).to.equal(null);
    expect(text(part(card, 'author'))).to.equal('<b>Bold</b>');
    expect(text(part(card, 'tag'))).to.equal('<i>x</i>');
    expect(card.shadowRoot!.querySelector('script, b, i, img')).to.equal(null);
  });

  it('links Read more and authors only through the URL check, with rel noopener noreferrer', async () => {
    const safe = await given(article({ authors: [{ name: 'A', url: 'https://agency.example/a' }] }));
    expect(part(safe, 'read-more')!.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(part<HTMLAnchorElement>(safe, 'author')!.href).to.equal('https://agency.example/a');
    const unsafe = await given(article({ url: 'javascript:alert(1)', authors: [{ name: 'A', url: ' java\tscript:alert(1)' }], image: { src: 'data:image/png;base64,AAAA', alt: '' } }));
    expect(part(unsafe, 'read-more')).to.equal(null);
    expect(part(unsafe, 'author')!.localName).to.equal('span');
    expect(part(unsafe, 'image')).to.equal(null);
  });

  it('resolves relative URLs of an article property against its baseUrl', async () => {
    const card = await given(article({ url: 'news/1', baseUrl: 'https://agency.example/feed/', image: { src: 'img/a.png', alt: '' } }));
    expect(part<HTMLAnchorElement>(card, 'read-more')!.href).to.equal('https://agency.example/feed/news/1');
    expect(part<HTMLImageElement>(card, 'image')!.getAttribute('src')).to.equal('https://agency.example/feed/img/a.png');
  });

  it('shows the reading time of the body, at 200 words a minute', async () => {
    const words = (n: number) => `<p>${Array.from({ length: n }, () => 'word').join(' ')}</p>`;
    const card = await given(article({ contentHtml: words(1000) }));
    expect(text(card.shadowRoot!.querySelector('.reading-time'))).to.equal('5 minutes to read');
    const short = await given(article({ contentHtml: words(20) }));
    expect(text(short.shadowRoot!.querySelector('.reading-time'))).to.equal('1 minute to read');
    const none = await given(article({ contentHtml: undefined, contentText: undefined }));
    expect(none.shadowRoot!.querySelector('.reading-time')).to.equal(null);
  });

  it('uses the start of the body as the summary of an article without one', async () => {
    const card = await given(article({ summaryText: undefined, contentHtml: '<p>First paragraph.</p><p>Second.</p>' }));
    expect(text(part(card, 'summary'))).to.equal('First paragraph. Second.');
  });

  it('shows an invalid article property as an error, without Retry', async () => {
    const card = await given({ title: 42 });
    expect(card.state).to.equal('error');
    expect(text(part(card, 'error'))).to.equal("The server's answer does not contain an article.");
    expect(part(card, 'retry')).to.equal(null);
  });

  it('shows the article property instead of src, and src again when it is cleared', async () => {
    const { card } = await settle(html`<news-card src=${fresh(FEED)}></news-card>`);
    card.article = article();
    await card.updateComplete;
    expect(text(part(card, 'title'))).to.equal('Handbook published');
    card.article = undefined;
    await new Promise((resolve) => card.addEventListener('news-card-load', resolve, { once: true }));
    expect(text(part(card, 'title'))).to.equal('Radošās sociālās uzņēmējdarbības projekts noslēdzies');
  });

  it('lists several authors, each its own part', async () => {
    const card = await given(article({ authors: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] }));
    expect(parts(card, 'author').map(text)).to.deep.equal(['A', 'B', 'C']);
    expect(text(card.shadowRoot!.querySelector('.authors'))).to.equal('A, B, C');
  });
});
