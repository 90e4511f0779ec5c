// The embedding tests' server, one plain Node request handler mounted two ways: on the
// test runner's origin by test/servers/embed.mjs (browser tests open these pages in
// iframes), and on its own 127.0.0.1 port by the Node tests that drive Chromium with
// puppeteer (real top-level navigations, strict CSP). Everything lives under /__embed/:
//
//   /__embed/pages/<file>        test/embed/pages/: real host pages and their external
//                                scripts and styles. Pages named csp-*.html are sent with
//                                the strict policy of demo/headers.mjs; ?tt=no-duplicates
//                                drops 'allow-duplicates' from it, ?cdn=<origin> loads the
//                                bundle from that origin (%CDN% in the page) and allows it
//                                in script-src. %SRI% is the bundle's integrity hash;
//                                <!--#include x.part.html --> is replaced by that file.
//                                ?nonce=on sends a nonce-based policy instead ('nonce-…'
//                                'strict-dynamic' for script-src; %NONCE% in the page).
//   /__embed/dist/<file>         the built dist/ (the loader, its chunks, the self-contained
//                                files), CORS-open like a CDN; ?charset=none sends it without a
//                                charset, as many servers do. Pages named windows-1257-*.html
//                                are sent in that charset. Every request here is logged in
//                                `requests` (its path), for tests of what a page downloads.
//   /__embed/tampered/<file>     the same dist/, but news-card's entry chunk is one byte off
//                                what the loader's baked integrity says (a compromised CDN).
//   /__embed/data/<file>         test/fixtures/embed/ (article JSON, images); any image
//                                under data/wp/ (the WordPress post's uploads) is a small SVG
//   /__embed/api/articles/<id>/comments
//                                the reference comments server (in memory, no minimum
//                                submit time, no rate limit), seeded for article "embed"
//   /__embed/vendor/require.js   RequireJS, a host page's AMD loader
//   /__embed/vendor/purify.js    DOMPurify's UMD build, a host page's own copy
//   /__embed/vendor/lit2-host.js a host page's own bundle built on Lit 2 (test/embed/host/)
import { readFile } from 'node:fs/promises';
import { extname, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCommentServer } from '../../server/lib/index.mjs';
import { STRICT_CSP } from '../../demo/headers.mjs';

export const PREFIX = '/__embed/';

/** The article id the comments API is seeded for. */
export const COMMENTS_ARTICLE = 'embed';

const root = fileURLToPath(new URL('../../', import.meta.url));
const DIRS = {
  pages: fileURLToPath(new URL('./pages/', import.meta.url)),
  dist: `${root}dist${sep}`,
  data: `${root}test${sep}fixtures${sep}embed${sep}`,
};
const VENDOR = {
  'require.js': `${root}node_modules/requirejs/require.js`,
  'purify.js': `${root}node_modules/dompurify/dist/purify.js`,
};
/** The nonce of the nonce-based policy: fixed, as these pages are test pages; a real site makes one per response. */
export const NONCE = 'bGFwYS1lbWJlZC10ZXN0';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.sri': 'text/plain; charset=utf-8',
};
const LOCAL_ORIGIN = /^http:\/\/(127\.0\.0\.1|localhost):\d{1,5}$/;
const UPLOAD = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 21" width="1024" height="538"><rect width="40" height="7" fill="#9e3039"/><rect y="7" width="40" height="7" fill="#fff"/><rect y="14" width="40" height="7" fill="#9e3039"/></svg>`;

function send(res, status, type, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers });
  res.end(body);
}

async function readInside(dir, relative) {
  const file = normalize(dir + decodeURIComponent(relative));
  if (!file.startsWith(dir)) return undefined;
  try {
    return { file, body: await readFile(file) };
  } catch {
    return undefined;
  }
}

/** Bundles test/embed/host/lit2-host.mjs with its own Lit 2, the way a host site ships its code. */
async function buildLit2Host() {
  const [{ rollup }, { nodeResolve }] = await Promise.all([import('rollup'), import('@rollup/plugin-node-resolve')]);
  const bundle = await rollup({
    input: fileURLToPath(new URL('./host/lit2-host.mjs', import.meta.url)),
    plugins: [nodeResolve({ browser: true, exportConditions: ['production'] })],
    logLevel: 'silent',
  });
  const { output } = await bundle.generate({ format: 'iife' });
  await bundle.close();
  return output[0].code;
}

/**
 * @returns {{ handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): Promise<boolean>, comments: ReturnType<typeof createCommentServer>, requests: string[], close(): void }}
 */
/**
 * Puts the file named in each `<!--#include name.part.html -->` of a page in its place: the
 * pages share their widget markup (test/embed/pages/*.part.html); a browser gets the whole
 * page, as a partner's server would send it.
 */
async function withIncludes(html) {
  const names = [...html.matchAll(/<!--#include ([\w.-]+\.part\.html) -->\n?/g)];
  let out = html;
  for (const [directive, name] of names) out = out.replace(directive, await readFile(`${DIRS.pages}${name}`, 'utf8'));
  return out;
}

export function createEmbedServer() {
  const comments = createCommentServer({ minSubmitMs: 0, rateLimit: false, allowedOrigins: '*', articles: 'any', proofOfWork: false, onError: () => {} });
  const day = 24 * 3_600_000;
  const first = comments.insertComment({ articleId: COMMENTS_ARTICLE, name: 'Ilze Bērziņa', text: 'Thank you for the article!\nWhen does the next round start?', date: new Date(Date.now() - 3 * day) });
  comments.insertComment({ articleId: COMMENTS_ARTICLE, parent: first, name: 'Anna Lindqvist', url: 'https://anna.example.org', text: 'In March, and the sessions are hybrid.', date: new Date(Date.now() - 2 * day) });
  comments.insertComment({ articleId: COMMENTS_ARTICLE, name: 'Giorgi Beridze', text: 'გმადლობთ! A great project.', date: new Date(Date.now() - day) });
  let lit2Host;
  /** Paths of every request for dist/ (and tampered/), in order. */
  const requests = [];

  async function page(res, url, relative) {
    const found = await readInside(DIRS.pages, relative);
    if (!found) return send(res, 404, 'text/plain', 'no such page');
    const type = TYPES[extname(found.file)] ?? 'application/octet-stream';
    if (extname(found.file) !== '.html') return send(res, 200, type, found.body);
    const cdn = url.searchParams.get('cdn');
    if (cdn !== null && !LOCAL_ORIGIN.test(cdn)) return send(res, 400, 'text/plain', 'cdn must be a local origin');
    let html = (await withIncludes(found.body.toString('utf8'))).replaceAll('%CDN%', cdn ?? '').replaceAll('%NONCE%', NONCE);
    if (html.includes('%SRI%')) html = html.replaceAll('%SRI%', (await readFile(`${DIRS.dist}lapa-widgets.min.js.sri`, 'utf8')).trim());
    const headers = {};
    // A Baltic legacy charset: a classic script without a charset is decoded in it.
    if (relative.startsWith('windows-1257-')) return send(res, 200, 'text/html; charset=windows-1257', html);
    if (relative.startsWith('csp-')) {
      let policy = STRICT_CSP;
      if (cdn) policy = policy.replace("script-src 'self'", `script-src 'self' ${cdn}`);
      if (url.searchParams.get('tt') === 'no-duplicates') policy = policy.replace(" 'allow-duplicates'", '');
      // Nonce-based: only scripts with the nonce run, and what they insert ('strict-dynamic').
      if (url.searchParams.get('nonce') === 'on') policy = policy.replace(/script-src [^;]*/, `script-src 'nonce-${NONCE}' 'strict-dynamic'`);
      headers['Content-Security-Policy'] = policy;
    }
    return send(res, 200, type, html, headers);
  }

  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(PREFIX)) return false;
    const [area, ...rest] = url.pathname.slice(PREFIX.length).split('/');
    const relative = rest.join('/');
    if (area === 'api') {
      // The comments server routes /api/...; its `next` links would lack the prefix, which
      // these tests never follow (one page of comments).
      req.url = req.url.slice(PREFIX.length - 1);
      if (comments.handle(req, res)) return true;
      send(res, 404, 'application/json', '{"error":{"code":"not_found"}}');
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'text/plain', 'GET only', { Allow: 'GET, HEAD' });
      return true;
    }
    switch (area) {
      case 'pages':
        await page(res, url, relative);
        return true;
      case 'tampered': {
        requests.push(url.pathname);
        const found = await readInside(DIRS.dist, relative);
        if (!found) send(res, 404, 'text/plain', 'not found');
        else {
          const entry = /^chunks\/news-card-[\w]+\.js$/.test(relative);
          send(res, 200, TYPES['.js'], entry ? Buffer.concat([found.body, Buffer.from('\n')]) : found.body, { 'Access-Control-Allow-Origin': '*' });
        }
        return true;
      }
      case 'data':
      case 'dist': {
        if (area === 'dist') requests.push(url.pathname);
        if (area === 'data' && /^wp\/.+\.(jpe?g|png|webp)$/.test(relative)) {
          send(res, 200, 'image/svg+xml', UPLOAD);
          return true;
        }
        const found = await readInside(DIRS[area], relative);
        if (!found) send(res, 404, 'text/plain', `not found (is dist/ built? npm run build)`);
        else {
          let type = TYPES[extname(found.file)] ?? 'application/octet-stream';
          if (url.searchParams.get('charset') === 'none') type = type.replace(/; charset=.*/, '');
          send(res, 200, type, found.body, area === 'dist' ? { 'Access-Control-Allow-Origin': '*' } : {});
        }
        return true;
      }
      case 'vendor': {
        if (relative === 'lit2-host.js') {
          lit2Host ??= buildLit2Host();
          send(res, 200, TYPES['.js'], await lit2Host);
        } else if (VENDOR[relative]) {
          send(res, 200, TYPES['.js'], await readFile(VENDOR[relative]));
        } else {
          send(res, 404, 'text/plain', 'no such vendor file');
        }
        return true;
      }
      default:
        send(res, 404, 'text/plain', 'no such embed route');
        return true;
    }
  }

  return { handle, comments, requests, close: () => comments.close() };
}
