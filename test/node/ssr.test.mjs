// <news-card> and <news-feed> rendered on the server with Lit SSR (lapa-widgets/ssr over
// dist/, so run `npm run build` first): a declarative shadow root per variant or layout,
// texts as text, only safe URLs, no unsanitised HTML, the data the browser's element adopts,
// the CSP hash of each element's style, and the prerender script over a real HTTP server.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { fetchArticles, renderNewsCard, renderNewsFeed, setServerWindow, useJsdom } from 'lapa-widgets/ssr';
import { checkArticle } from '../../dist/internal/formats/detect.js';
import { HOSTILE_TITLE, articles, feedArticles } from '../ssr/articles.mjs';

const root = new URL('../../', import.meta.url);
const ARTICLES = articles();

/** The rendered element: its host, its declarative shadow root's content (parsed by jsdom, which keeps it a <template>). */
function parse(html, tag = 'news-card') {
  const { document } = new JSDOM(`<!doctype html><body>${html}`).window;
  const host = document.querySelector(tag);
  assert.ok(host, `a <${tag}> element`);
  const template = host.querySelector(':scope > template');
  assert.ok(template, 'a <template> child');
  return { host, template, shadow: template.content };
}

/** What no sanitised shadow root holds: scripts, frames, handlers, inline styles, unsafe URLs. */
function assertSafe(shadow) {
  assert.equal(shadow.querySelectorAll('script, iframe, object, embed, svg, math').length, 0, 'no script, frame or foreign content');
  assert.equal(shadow.querySelectorAll('style').length, 1, "only Lit's one <style>");
  for (const el of shadow.querySelectorAll('*')) {
    for (const { name, value } of el.attributes) {
      assert.ok(!/^on/i.test(name), `no ${name} handler on <${el.localName}>`);
      assert.notEqual(name, 'style', `no inline style on <${el.localName}>`);
      if (['href', 'src', 'srcset'].includes(name)) assert.match(value, /^(https?:|mailto:)/, `${name}="${value}" is http(s)`);
    }
  }
}

/** What Lit SSR renders by itself (as Astro or a Lit app would) once `entry` has registered the element: `template(html)`. */
async function litRender(entry, template) {
  await import(entry);
  const { render } = await import('@lit-labs/ssr');
  const { collectResult } = await import('@lit-labs/ssr/lib/render-result.js');
  const { html } = await import('lit');
  return collectResult(render(template(html)));
}

const FEED = feedArticles();
const parseFeed = (html) => parse(html, 'news-feed');
const feedData = (shadow) => JSON.parse([...shadow.children].find((child) => child.matches('template[data-articles]')).getAttribute('data-articles'));

const styleHash = (html) => `sha256-${createHash('sha256').update(html.match(/<style>([^]*?)<\/style>/)[1]).digest('base64')}`;

describe('<news-card> rendered with Lit SSR', () => {
  before(useJsdom);
  after(useJsdom);

  it('renders a card into a declarative shadow root, its title, tags and authors as text', async () => {
    const html = await renderNewsCard(ARTICLES.card, { lang: 'en' });
    const { template, shadow } = parse(html);
    assert.equal(template.getAttribute('shadowrootmode'), 'open');
    const base = shadow.querySelector('[part~="base"]');
    assert.equal(base.className, 'base card loaded');
    assert.equal(base.getAttribute('aria-busy'), 'false');
    assert.equal(shadow.querySelector('[part~="title"]').localName, 'h2');
    assert.equal(shadow.querySelector('[part~="title"]').textContent, HOSTILE_TITLE);
    assert.deepEqual([...shadow.querySelectorAll('[part~="tag"]')].map((t) => t.textContent), ARTICLES.card.tags);
    assert.equal(shadow.querySelector('[part~="summary"]').textContent, ARTICLES.card.summaryText);
    assert.equal(shadow.querySelector('[part~="read-more"]').textContent, 'Read more');
    assert.equal(shadow.querySelector('[part~="read-more"]').getAttribute('href'), 'https://news.example/articles/riga');
    const authors = [...shadow.querySelectorAll('[part~="author"]')];
    assert.deepEqual(authors.map((a) => [a.localName, a.textContent, a.getAttribute('href')]), [
      ['a', 'Anna Bērziņa', 'https://news.example/authors/anna'],
      ['span', 'Evil', null],
    ]);
    assert.equal(shadow.querySelector('time').getAttribute('datetime'), '2026-11-30T08:00:00.000Z');
    assertSafe(shadow);
  });

  it('sanitises a full HTML body on the server, as the browser would', async () => {
    const { shadow } = parse(await renderNewsCard(ARTICLES.full, { variant: 'full', headingLevel: 3 }));
    assert.equal(shadow.querySelector('[part~="base"]').className, 'base full loaded');
    assert.equal(shadow.querySelector('[part~="title"]').localName, 'h3');
    const body = shadow.querySelector('[part~="body"]');
    assert.match(body.textContent, /First paragraph with a bad link and a good one\.\s*Second\.\s*Heading\s*Last\./);
    assert.deepEqual([...body.querySelectorAll('a')].map((a) => a.getAttribute('href')), [null, 'https://news.example/ok']);
    assert.equal(body.querySelector('img').getAttribute('src'), 'https://news.example/x');
    assert.equal(body.querySelector('img').getAttribute('loading'), 'lazy');
    assert.equal(shadow.querySelector('[part~="read-more"]'), null, 'no Read more on a full article');
    assertSafe(shadow);
  });

  it('renders a full text body as paragraphs of text', async () => {
    const { shadow } = parse(await renderNewsCard(ARTICLES.text, { variant: 'full' }));
    const paragraphs = [...shadow.querySelectorAll('[part~="body"] > p')].map((p) => p.textContent);
    assert.deepEqual(paragraphs, ['First paragraph.', 'Second paragraph <not a tag>.']);
    assert.equal(shadow.querySelector('[part~="body"]').className, 'body text');
    assertSafe(shadow);
  });

  it("writes the UI in the card's lang", async () => {
    const { shadow } = parse(await renderNewsCard(ARTICLES.card, { lang: 'lv' }));
    assert.equal(shadow.querySelector('[part~="read-more"]').textContent, 'Lasīt vairāk');
    assert.match(shadow.querySelector('time').textContent, /2026/);
  });

  it('hands the browser the article it showed, as JSON in an inert template', async () => {
    for (const [variant, article] of [['card', ARTICLES.card], ['full', ARTICLES.full], ['full', ARTICLES.text]]) {
      const { shadow } = parse(await renderNewsCard(article, { variant }));
      const data = [...shadow.children].find((child) => child.matches('template[data-article]'));
      assert.ok(data, `${article.id}: a data template`);
      assert.deepEqual(JSON.parse(data.getAttribute('data-article')), article);
      assert.equal(data.content.childNodes.length, 0, 'the template itself is empty');
    }
  });

  it('renders hostile titles, tags and bodies as text or sanitised HTML (property-based)', async () => {
    const hostile = fc.oneof(
      fc.string(),
      fc.constantFrom('<script>alert(1)</script>', '</template><script>x</script>', '"><img src=x onerror=alert(1)>', '<!--', ']]>', '</news-card>', '&amp;&lt;'),
    );
    const text = fc.array(hostile, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(' ').trim() || 'x');
    await fc.assert(
      fc.asyncProperty(text, fc.array(text, { maxLength: 3 }), fc.array(hostile, { maxLength: 4 }), fc.constantFrom('card', 'full'), async (title, tags, body, variant) => {
        const article = { title, tags: [...new Set(tags)], authors: [{ name: title, url: body[0] ?? '' }], contentHtml: body.join('') || '<p>x</p>', url: body[1] ?? 'https://news.example/a', baseUrl: 'https://news.example/' };
        const { shadow } = parse(await renderNewsCard(article, { variant }));
        const shownTitle = shadow.querySelector('[part~="title"]');
        assert.ok(shownTitle, 'a title');
        // The title as the element's own check normalises it (white space), and as text.
        assert.equal(shownTitle.textContent, checkArticle(article).title);
        assertSafe(shadow);
        assert.deepEqual(JSON.parse(shadow.querySelector('template[data-article]').getAttribute('data-article')), article);
      }),
      { seed: 17, numRuns: 150 },
    );
  });

  it('renders the same when Lit SSR renders the element itself (as Astro or a Lit app would)', async () => {
    const direct = await litRender('lapa-widgets/news-card/define', (html) => html`<news-card lang="en" variant="full" .article=${ARTICLES.full}></news-card>`);
    const ours = await renderNewsCard(ARTICLES.full, { lang: 'en', variant: 'full' });
    assert.equal(parse(direct).template.innerHTML, parse(ours).template.innerHTML);
    assert.ok(parse(direct).shadow.querySelector('[part~="body"]'), 'the full body');
  });

  it('leaves no DOM globals behind in the server process', async () => {
    await renderNewsCard(ARTICLES.full, { variant: 'full' });
    for (const name of ['window', 'document', 'DOMParser', 'Document', 'Node', 'NodeFilter']) assert.equal(globalThis[name], undefined, name);
  });

  it('without a server DOM, renders the placeholder and leaves the article to the browser', async () => {
    setServerWindow();
    try {
      const { shadow } = parse(await renderNewsCard(ARTICLES.full, { variant: 'full' }));
      assert.equal(shadow.querySelector('[part~="base"]').className, 'base full loading');
      assert.ok(shadow.querySelector('[part~="skeleton"]'), 'the skeleton reserves the space');
      assert.equal(shadow.querySelector('article'), null);
      assert.deepEqual(JSON.parse(shadow.querySelector('template[data-article]').getAttribute('data-article')), ARTICLES.full);
    } finally {
      await useJsdom();
    }
  });

  it('publishes the CSP hash of the style it writes (dist/ssr-style-hashes.json)', async () => {
    const hashes = JSON.parse(readFileSync(new URL('dist/ssr-style-hashes.json', root), 'utf8'));
    for (const [article, variant] of [[ARTICLES.card, 'card'], [ARTICLES.full, 'full']]) {
      assert.equal(styleHash(await renderNewsCard(article, { variant, theme: 'dark' })), hashes['news-card']);
    }
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
    assert.equal(pkg.exports['./ssr-style-hashes.json'], './dist/ssr-style-hashes.json');
  });
});

describe('<news-feed> rendered with Lit SSR', () => {
  before(useJsdom);
  after(useJsdom);

  it('renders the first `limit` articles as compact cards, a heading and "load more", texts as text', async () => {
    const { host, template, shadow } = parseFeed(await renderNewsFeed(FEED, { limit: 3, heading: 'Latest news', lang: 'en' }));
    assert.equal(template.getAttribute('shadowrootmode'), 'open');
    assert.equal(host.getAttribute('limit'), '3');
    const base = shadow.querySelector('[part~="base"]');
    assert.equal(base.className, 'feed list loaded');
    assert.equal(base.getAttribute('aria-busy'), 'false');
    assert.equal(shadow.querySelector('[part~="heading"]').localName, 'h2');
    assert.equal(shadow.querySelector('[part~="heading"]').textContent, 'Latest news');
    const list = shadow.querySelector('[part~="list"]');
    assert.equal(list.getAttribute('aria-labelledby'), 'heading');
    const items = [...list.querySelectorAll(':scope > [part~="item"]')];
    assert.equal(items.length, 3);
    // Headlines one level below the heading, each the link to its article, as text.
    assert.deepEqual(items.map((li) => li.querySelector('[part~="title"]').localName), ['h3', 'h3', 'h3']);
    assert.equal(items[0].querySelector('[part~="title-link"]').textContent, HOSTILE_TITLE);
    assert.equal(items[0].querySelector('[part~="title-link"]').getAttribute('href'), 'https://news.example/articles/riga');
    assert.equal(items[0].querySelector('article').getAttribute('aria-labelledby'), 'title-0');
    assert.deepEqual([...items[0].querySelectorAll('[part~="author"]')].map((a) => a.getAttribute('href')), ['https://news.example/authors/anna', null]);
    assert.equal(shadow.querySelectorAll('[part~="tags"], [part~="read-more"], [part~="body"]').length, 0, 'compact cards: no tags, Read more or body');
    assert.equal(shadow.querySelector('[part~="load-more"]').textContent, 'Load more');
    assertSafe(shadow);
  });

  it('reads HTML summaries (and a body standing in for one) as text through the sanitiser on the server DOM', async () => {
    const { shadow } = parseFeed(await renderNewsFeed(FEED, { limit: 3 }));
    const summaries = [...shadow.querySelectorAll('[part~="summary"]')].map((p) => [p.textContent, p.children.length]);
    assert.deepEqual(summaries, [
      [ARTICLES.card.summaryText, 0],
      ['Summary with bold and text…', 0],
      ['First paragraph with a bad link and a good one. Second. Heading Last.', 0],
    ]);
    assertSafe(shadow);
  });

  it('hands the browser every article, compact: no bodies, the summary as shown', async () => {
    const data = feedData(parseFeed(await renderNewsFeed(FEED, { limit: 3 })).shadow);
    assert.deepEqual(data.map((a) => a.id), FEED.map((a) => a.id));
    for (const article of data) for (const field of ['contentHtml', 'contentText', 'summaryHtml']) assert.equal(article[field], undefined, `${article.id}: no ${field}`);
    assert.equal(data[1].summaryText, 'Summary with bold and text…');
    assert.equal(data[2].summaryText, 'First paragraph with a bad link and a good one. Second. Heading Last.');
    assert.deepEqual(data[0].authors, ARTICLES.card.authors, 'the rest as given (URLs are checked where they are shown)');
    assert.equal(JSON.stringify(data).includes('__ssrXss'), false, 'nothing of the HTML left');
  });

  it('writes the attributes, the grid layout, the label and the UI in the feed\'s lang', async () => {
    const html = await renderNewsFeed(FEED.slice(0, 2), { limit: 5, layout: 'grid', headingLevel: 4, label: 'Ziņas no Rīgas', lang: 'lv', theme: 'dark', src: '/feed.json' });
    const { host, shadow } = parseFeed(html);
    assert.deepEqual(['layout', 'heading-level', 'label', 'lang', 'theme', 'src'].map((name) => host.getAttribute(name)), ['grid', '4', 'Ziņas no Rīgas', 'lv', 'dark', '/feed.json']);
    assert.equal(shadow.querySelector('[part~="base"]').className, 'feed grid loaded');
    assert.equal(shadow.querySelector('[part~="heading"]'), null);
    assert.equal(shadow.querySelector('[part~="list"]').getAttribute('aria-label'), 'Ziņas no Rīgas');
    assert.equal(shadow.querySelector('[part~="title"]').localName, 'h4');
    // All shown, but a `src` may hold more: "load more" stays, in Latvian.
    assert.equal(shadow.querySelector('[part~="load-more"]').textContent, 'Ielādēt vēl');
    const alone = parseFeed(await renderNewsFeed(FEED.slice(0, 2), { limit: 5 })).shadow;
    assert.equal(alone.querySelector('[part~="load-more"]'), null, 'without src, two of two shown: nothing more');
  });

  it('renders hostile titles and summaries as text (property-based)', async () => {
    const hostile = fc.oneof(fc.string(), fc.constantFrom('<script>alert(1)</script>', '</template><script>x</script>', '"><img src=x onerror=alert(1)>', '<!--', '</news-feed>', '&amp;&lt;'));
    const text = fc.array(hostile, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(' ').trim() || 'x');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(text, fc.array(hostile, { maxLength: 3 }), hostile), { minLength: 1, maxLength: 4 }), async (rows) => {
        const given = rows.map(([title, summary, url], i) => ({ id: String(i), title, summaryHtml: summary.join(''), url, authors: [], tags: [], baseUrl: 'https://news.example/' }));
        const { shadow } = parseFeed(await renderNewsFeed(given, { limit: 4 }));
        assert.deepEqual([...shadow.querySelectorAll('[part~="title"]')].map((t) => t.textContent), given.map((a) => checkArticle(a).title));
        for (const summary of shadow.querySelectorAll('[part~="summary"]')) assert.equal(summary.children.length, 0, 'a summary is text');
        assertSafe(shadow);
      }),
      { seed: 17, numRuns: 80 },
    );
  });

  it('renders the same when Lit SSR renders the element itself', async () => {
    const direct = await litRender('lapa-widgets/news-feed/define', (html) => html`<news-feed limit="3" lang="en" heading="News" .articles=${FEED}></news-feed>`);
    const ours = await renderNewsFeed(FEED, { limit: 3, lang: 'en', heading: 'News' });
    assert.equal(parseFeed(direct).template.innerHTML, parseFeed(ours).template.innerHTML);
  });

  it('leaves no DOM globals behind in the server process', async () => {
    await renderNewsFeed(FEED, { limit: 3 });
    for (const name of ['window', 'document', 'DOMParser', 'Document', 'Node', 'NodeFilter']) assert.equal(globalThis[name], undefined, name);
  });

  it('without a server DOM, renders the skeleton and leaves the articles, whole, to the browser', async () => {
    setServerWindow();
    try {
      const { shadow } = parseFeed(await renderNewsFeed(FEED, { limit: 3 }));
      assert.equal(shadow.querySelector('[part~="base"]').className, 'feed list loading');
      assert.equal(shadow.querySelectorAll('[part~="skeleton"] > .item').length, 3, 'the skeleton reserves the three cards');
      assert.equal(shadow.querySelector('article'), null);
      assert.deepEqual(feedData(shadow), FEED);
    } finally {
      await useJsdom();
    }
  });

  it('publishes the CSP hash of the style it writes (dist/ssr-style-hashes.json)', async () => {
    const hashes = JSON.parse(readFileSync(new URL('dist/ssr-style-hashes.json', root), 'utf8'));
    assert.notEqual(hashes['news-feed'], hashes['news-card'], 'its own styles');
    for (const attributes of [{ layout: 'list' }, { layout: 'grid', theme: 'dark' }]) {
      assert.equal(styleHash(await renderNewsFeed(FEED, attributes)), hashes['news-feed']);
    }
  });

  it('fetchArticles gives the first page of a JSON Feed or WordPress list, items that are no article left out', async () => {
    const feed = { version: 'https://jsonfeed.org/version/1.1', title: 'T', items: [{ id: 'a', title: 'A', content_text: 'x' }, { id: 'b' }, { id: 'c', title: 'C', url: '/c', content_html: '<p>c</p>' }], next_url: '/page-2.json' };
    const server = createServer((req, res) => res.writeHead(req.url === '/feed.json' ? 200 : 500, { 'content-type': 'application/feed+json' }).end(JSON.stringify(feed)));
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const origin = `http://127.0.0.1:${server.address().port}`;
      const got = await fetchArticles(`${origin}/feed.json`);
      assert.deepEqual(got.map((a) => [a.id, a.title, a.url]), [['a', 'A', undefined], ['c', 'C', `${origin}/c`]]);
      await assert.rejects(fetchArticles(`${origin}/other.json`), /HTTP 500/);
    } finally {
      server.close();
    }
  });
});

describe('scripts/prerender.mjs', () => {
  let server;
  let origin;
  let status = 200;
  const feed = JSON.parse(readFileSync(new URL('test/fixtures/news/jsonfeed/feed-1.1.json', root), 'utf8'));
  const run = promisify(execFile);
  const prerender = (...args) => run(process.execPath, [new URL('scripts/prerender.mjs', root).pathname, ...args], { cwd: root });

  before(async () => {
    server = createServer((req, res) => {
      if (status !== 200 || req.url !== '/feed.json') {
        res.writeHead(status === 200 ? 404 : status).end('no');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/feed+json' }).end(JSON.stringify(feed));
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${server.address().port}`;
  });
  after(() => server.close());

  it('fetches a feed and writes the card as an HTML snippet, then refreshes it', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'lapa-prerender-')), 'card.html');
    const item = feed.items[1];
    await prerender(`${origin}/feed.json`, '--item-id', item.id, '--lang', 'lv', '--out', out);
    let { shadow, host } = parse(readFileSync(out, 'utf8'));
    assert.equal(host.getAttribute('lang'), 'lv');
    assert.equal(shadow.querySelector('[part~="title"]').textContent, item.title);
    assertSafe(shadow);
    // Published again: the snippet follows the feed.
    feed.items[1] = { ...item, title: 'Updated on publish' };
    await prerender(`${origin}/feed.json`, '--item-id', item.id, '--variant', 'full', '--out', out);
    ({ shadow } = parse(readFileSync(out, 'utf8')));
    assert.equal(shadow.querySelector('[part~="title"]').textContent, 'Updated on publish');
    assert.ok(shadow.querySelector('[part~="body"]'), 'the full variant');
  });

  it('with --feed, writes the feed as an HTML snippet whose src is the feed, for "load more"', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'lapa-prerender-')), 'feed.html');
    await prerender(`${origin}/feed.json`, '--feed', '--limit', '1', '--layout', 'grid', '--heading', 'Ziņas', '--lang', 'lv', '--out', out);
    const { shadow, host } = parse(readFileSync(out, 'utf8'), 'news-feed');
    assert.deepEqual(['src', 'limit', 'layout', 'lang'].map((name) => host.getAttribute(name)), [`${origin}/feed.json`, '1', 'grid', 'lv']);
    assert.equal(shadow.querySelector('[part~="heading"]').textContent, 'Ziņas');
    assert.deepEqual([...shadow.querySelectorAll('[part~="title"]')].map((t) => t.textContent), [feed.items[0].title]);
    assert.deepEqual(feedData(shadow).map((a) => a.id), feed.items.map((item) => String(item.id)), 'the whole first page goes with it (ids as the element reads them)');
    assertSafe(shadow);
    await assert.rejects(prerender(`${origin}/feed.json`, '--feed', '--variant', 'full'), (error) => error.code === 2 && /--variant is for a card/.test(error.stderr));
    await assert.rejects(prerender(`${origin}/feed.json`, '--limit', '3'), (error) => error.code === 2 && /--limit is for --feed only/.test(error.stderr));
  });

  it('keeps the old snippet and fails when the feed cannot be fetched', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'lapa-prerender-')), 'card.html');
    writeFileSync(out, 'old snippet');
    status = 503;
    try {
      await assert.rejects(prerender(`${origin}/feed.json`, '--out', out), (error) => error.code === 1 && /HTTP 503/.test(error.stderr));
      assert.equal(readFileSync(out, 'utf8'), 'old snippet');
    } finally {
      status = 200;
    }
    await assert.rejects(prerender(`${origin}/feed.json`, '--variant', 'wide'), (error) => error.code === 2 && /--variant/.test(error.stderr));
  });
});
