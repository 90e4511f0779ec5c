// The SSR browser tests' server: pages whose <news-card> Lit SSR rendered (from dist/, so
// `npm run build` first), served with the README's strict CSP plus the published style hash,
// and the article URL the cards name in `src`, which counts its requests (a hydrated card
// must not make one). Mounted under /__ssr/ by test/servers/ssr.mjs.
import { readFileSync } from 'node:fs';
import { articles } from './articles.mjs';

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
const record = (loader) => `window.__upgrade = () => import('/dist/${loader === 'bundle' ? 'lapa-widgets.all.min.js' : 'news-card/define.js'}');
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
window.__shifts = [];
try {
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__shifts.push([entry.startTime, entry.value]); }).observe({ type: 'layout-shift', buffered: true });
} catch {}
`;

const CSS = `body { margin: 0; font: 16px/1.5 sans-serif; } main { inline-size: 36rem; padding: 1rem; }`;

async function page(url) {
  const variant = url.searchParams.get('variant') ?? 'card';
  const id = url.searchParams.get('id') ?? variant;
  const { renderNewsCard } = await renderer();
  const article = articles(`${url.origin}/`)[id];
  const card = await renderNewsCard(article, { variant: variant === 'card' ? undefined : 'full', lang: 'en', src: `${PREFIX}article.json?id=${id}` });
  const hashes = JSON.parse(readFileSync(new URL('ssr-style-hashes.json', dist), 'utf8'));
  const styleSrc = url.searchParams.get('hash') === '0' ? "'self'" : `'self' '${hashes['news-card']}'`;
  // The README's strict policy, plus the hash.
  const csp = `default-src 'self'; script-src 'self'; style-src ${styleSrc}; img-src 'self' data:; connect-src 'self'; require-trusted-types-for 'script'; trusted-types lapa-widgets lit-html 'allow-duplicates'`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SSR ${id}</title><script src="${PREFIX}record.js?loader=${url.searchParams.get('loader') ?? 'module'}"></script><link rel="stylesheet" href="${PREFIX}page.css"></head><body><main>${card}<p id="after">After the card.</p></main></body></html>`;
  return { status: 200, type: 'text/html; charset=utf-8', body: html, headers: { 'content-security-policy': csp } };
}

async function route(url) {
  const path = url.pathname.slice(PREFIX.length);
  if (path === 'page') return page(url);
  if (path === 'record.js') return { status: 200, type: 'text/javascript', body: record(url.searchParams.get('loader')) };
  if (path === 'page.css') return { status: 200, type: 'text/css', body: CSS };
  if (path === 'requests') return { status: 200, type: 'application/json', body: JSON.stringify(Object.fromEntries(requests)) };
  if (path === 'reset') {
    requests.clear();
    return { status: 204, type: 'text/plain', body: '' };
  }
  if (path === 'article.json') {
    const id = url.searchParams.get('id');
    requests.set(id, (requests.get(id) ?? 0) + 1);
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
