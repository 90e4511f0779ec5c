// The SSR browser tests' server: pages whose <news-card> or <news-feed> Lit SSR rendered
// (from dist/, so `npm run build` first), served with the README's strict CSP plus the
// published style hash, and the article and feed URLs they name in `src`, which count their
// requests (a hydrated element must not make one). Mounted under /__ssr/ by test/servers/ssr.mjs.
import { readFileSync } from 'node:fs';
import { articles, feedArticles } from './articles.mjs';

export const PREFIX = '/__ssr/';

const dist = new URL('../../dist/', import.meta.url);
/** Requests for each article id, since the last reset. */
const requests = new Map();
let ready;

/** jsdom and the renderer, once: importing dist/ at start-up would fail every other test run before a build. */
function renderer() {
  ready ??= import(new URL('ssr.js', dist).href).then(async (ssr) => {
    await ssr.useJsdom();
    return ssr;
  });
  return ready;
}

// Collects the page's CSP violations and layout shifts from its first byte (a classic
// script in <head>, 'self' under the policy).
// `__upgrade` loads the element's module (or, with `loader=bundle`, the script-tag bundle)
// when the test says so (import() is no Trusted Types sink, a script element's src would be).
const record = (loader, element) => `window.__upgrade = () => import('/dist/${loader === 'bundle' ? 'lapa-widgets.all.min.js' : `${element === 'news-feed' ? 'news-feed' : 'news-card'}/define.js`}');
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
window.__shifts = [];
try {
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__shifts.push([entry.startTime, entry.value]); }).observe({ type: 'layout-shift', buffered: true });
} catch {}
`;

const CSS = `body { margin: 0; font: 16px/1.5 sans-serif; } main { inline-size: 36rem; padding: 1rem; }`;

/** The element a page shows, rendered: a card (`variant`, `id`), or with `element=news-feed` a feed of feedArticles() (`limit`, `layout`, `heading`). */
async function rendered(url) {
  const { renderNewsCard, renderNewsFeed } = await renderer();
  const base = `${url.origin}/`;
  if (url.searchParams.get('element') === 'news-feed') {
    const { limit = '3', layout = 'list', heading = 'Latest news' } = Object.fromEntries(url.searchParams);
    return renderNewsFeed(feedArticles(base), { limit: Number(limit), layout, heading, lang: 'en', src: `${PREFIX}feed.json` });
  }
  const variant = url.searchParams.get('variant') ?? 'card';
  const id = url.searchParams.get('id') ?? variant;
  return renderNewsCard(articles(base)[id], { variant: variant === 'card' ? undefined : 'full', lang: 'en', src: `${PREFIX}article.json?id=${id}` });
}

/** The feed's pages as JSON Feed: the first holds the articles the page was rendered with (as a feed that has not changed since), the second two new ones. */
function feedPage(url) {
  const base = `${url.origin}/`;
  const second = url.searchParams.get('page') === '2';
  const shown = second
    ? [1, 2].map((n) => ({ id: `new-${n}`, title: `Page two, article ${n}`, url: `${base}articles/new-${n}`, summaryText: `From the second page ${n}.` }))
    : feedArticles(base);
  const items = shown.map(({ id, title, url: link, summaryText }) => ({ id, title, url: link, summary: summaryText, content_text: summaryText ?? 'Text.' }));
  const feed = { version: 'https://jsonfeed.org/version/1.1', title: 'SSR feed', items, ...(second ? {} : { next_url: `${url.origin}${PREFIX}feed.json?page=2` }) };
  return { status: 200, type: 'application/feed+json', body: JSON.stringify(feed) };
}

const count = (key) => requests.set(key, (requests.get(key) ?? 0) + 1);

async function page(url) {
  const element = url.searchParams.get('element') === 'news-feed' ? 'news-feed' : 'news-card';
  const shown = await rendered(url);
  const hashes = JSON.parse(readFileSync(new URL('ssr-style-hashes.json', dist), 'utf8'));
  const styleSrc = url.searchParams.get('hash') === '0' ? "'self'" : `'self' '${hashes[element]}'`;
  // The README's strict policy, plus the hash.
  const csp = `default-src 'self'; script-src 'self'; style-src ${styleSrc}; img-src 'self' data:; connect-src 'self'; require-trusted-types-for 'script'; trusted-types lapa-widgets lit-html 'allow-duplicates'`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SSR ${element}</title><script src="${PREFIX}record.js?loader=${url.searchParams.get('loader') ?? 'module'}&amp;element=${element}"></script><link rel="stylesheet" href="${PREFIX}page.css"></head><body><main>${shown}<p id="after">After the ${element === 'news-feed' ? 'feed' : 'card'}.</p></main></body></html>`;
  return { status: 200, type: 'text/html; charset=utf-8', body: html, headers: { 'content-security-policy': csp } };
}

async function route(url) {
  const path = url.pathname.slice(PREFIX.length);
  if (path === 'page') return page(url);
  if (path === 'record.js') return { status: 200, type: 'text/javascript', body: record(url.searchParams.get('loader'), url.searchParams.get('element')) };
  if (path === 'page.css') return { status: 200, type: 'text/css', body: CSS };
  if (path === 'requests') return { status: 200, type: 'application/json', body: JSON.stringify(Object.fromEntries(requests)) };
  if (path === 'reset') {
    requests.clear();
    return { status: 204, type: 'text/plain', body: '' };
  }
  if (path === 'feed.json') {
    count(`feed page ${url.searchParams.get('page') ?? '1'}`);
    return feedPage(url);
  }
  if (path === 'article.json') {
    const id = url.searchParams.get('id');
    count(id);
    const { title, ...rest } = articles(`${url.origin}/`)[id];
    // A JSON Feed item: what the card shows once it loads its src itself.
    const item = { id, title: `${title} (fetched)`, url: rest.url, content_text: rest.contentText ?? 'Fetched.', tags: rest.tags, authors: rest.authors };
    return { status: 200, type: 'application/feed+json', body: JSON.stringify(item) };
  }
  return { status: 404, type: 'text/plain', body: 'not found' };
}

export async function handle(req, res) {
  const url = new URL(req.url, `http://${req.headers.host}`);
  const { status, type, body, headers = {} } = await route(url);
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(body);
}
