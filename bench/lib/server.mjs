// The benchmark's local server on 127.0.0.1 (a free port): the pages, the built bundle and
// the floor bundles (from memory), DOMPurify for the baselines, WordPress-shaped post JSON,
// images, and the reference comments API seeded with a 1,000-comment thread. It counts
// the requests it answers, so a scenario can report what actually reached the network.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { createCommentServer } from '../../server/lib/index.mjs';
import { COMMENTS_ARTICLE, FEED_FIRST_ID, imageFor, longArticleHtml, postJson, seedComments } from './data.mjs';

const CLIENT = new URL('../client/', import.meta.url);
const PURIFY = readFileSync(new URL('../../node_modules/dompurify/dist/purify.min.js', import.meta.url));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const escapeAttr = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;');

// The host page the widgets are embedded in: a partner's plain article layout.
const PAGE_STYLE = `
  html { color-scheme: light; }
  body { margin: 0; font: 16px/1.6 system-ui, sans-serif; }
  main { max-width: 75rem; margin: 0 auto; padding: 1rem; }
  .grid { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 1rem; align-items: start; }
  .column { max-width: 40rem; }
`;

function page({ title, head = '', body = '', script = '' }) {
  return `<!doctype html>
<html lang="lv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${PAGE_STYLE}</style>
${head}
</head>
<body>
${body}
${script ? `<script type="module">${script}</script>` : ''}
</body>
</html>`;
}

const libFor = (impl) => (impl === 'baseline' ? '<script src="/lib/purify.min.js"></script>' : '<script src="/lib/lapa-widgets.min.js"></script>');

/** Pages by name; `q` is the query string's parameters. */
const PAGES = {
  blank: () => page({ title: 'blank' }),

  // Nothing but the harness: for what runs before any widget is on the page (startup).
  harness: () => page({ title: 'harness', script: "import * as bench from '/client/harness.js'; window.bench = bench;" }),

  article: (q) =>
    page({
      title: 'one article',
      head: libFor(q.get('impl')),
      body: '<main class="column"></main>',
      script: "import * as bench from '/client/harness.js'; window.bench = bench;",
    }),

  list: (q) =>
    page({
      title: 'news list',
      head: libFor(q.get('impl')),
      body: '<main class="column"></main>',
      script: "import * as bench from '/client/harness.js'; window.bench = bench;",
    }),

  feed: (q) =>
    page({
      title: 'feed',
      head: libFor(q.get('impl')),
      body: '<main class="grid"></main>',
      script: "import * as bench from '/client/harness.js'; window.bench = bench;",
    }),

  comments: (q) =>
    page({
      title: 'comment thread',
      head: libFor(q.get('impl')),
      body: '<main class="column"><h1>Raksts</h1><p>Raksta teksts.</p></main>',
      script: "import * as bench from '/client/harness.js'; window.bench = bench;",
    }),

  scroll: () =>
    page({
      title: 'long article',
      head: '<script src="/lib/lapa-widgets.min.js"></script>',
      body: `<main class="column"><h1>Noslēdzies projekts par sadarbību</h1>${longArticleHtml(20)}</main>`,
      script: "import * as bench from '/client/harness.js'; window.bench = bench;",
    }),

  // Layout stability: the cards are in the markup from the start, as on a partner's page,
  // and an observer in the head records every layout shift from the first paint on.
  cls: (q) => {
    const impl = q.get('impl');
    const variant = q.get('variant') === 'full' ? 'full' : 'card';
    const urls = q.getAll('url');
    const cards = urls
      .map((url) =>
        impl === 'element'
          ? `<news-card class="card-host" variant="${variant}" src="${escapeAttr(url)}"><a href="${escapeAttr(url)}">Raksts</a></news-card>`
          : `<div class="card-host" data-src="${escapeAttr(url)}"><a href="${escapeAttr(url)}">Raksts</a></div>`,
      )
      .join('\n');
    const count = urls.length;
    const observer = `<script>
      window.__shifts = [];
      const describe = (node) => {
        if (!node) return '?';
        const host = node.getRootNode().host;
        const self = node.nodeType === 1 ? node.localName + (node.getAttribute('part') ? '[part=' + node.getAttribute('part') + ']' : node.className ? '.' + String(node.className).split(' ')[0] : '') : '#text';
        return host ? host.localName + ' > ' + self : self;
      };
      const box = (r) => Math.round(r.y) + '+' + Math.round(r.height);
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (e.hadRecentInput) continue;
          window.__shifts.push({ value: e.value, at: Math.round(e.startTime), sources: e.sources.map((s) => describe(s.node) + ' y ' + box(s.previousRect) + ' -> ' + box(s.currentRect)) });
        }
      }).observe({ type: 'layout-shift', buffered: true });
      window.__allLoaded = new Promise((resolve) => {
        let n = 0;
        addEventListener('news-card-load', () => { if (++n === ${count}) resolve(); });
        window.__baselineLoaded = () => { if (++n === ${count}) resolve(); };
      });
    </script>`;
    const baselineScript =
      impl === 'baseline'
        ? `import { renderPost } from '/client/baseline.js';
           for (const host of document.querySelectorAll('.card-host')) renderPost(host, host.dataset.src, '${variant}').then(window.__baselineLoaded);`
        : '';
    return page({
      title: 'layout stability',
      head: observer + libFor(impl),
      body: `<main><h1>Jaunumi</h1><div class="${variant === 'full' ? 'column' : 'grid'}">${cards}</div>
        <h2>Pēc kartītēm</h2><p>Teksts, kas seko kartītēm: ja tas pārvietojas, lapa lēkā.</p>${longArticleHtml(1)}</main>`,
      script: `${baselineScript} import * as bench from '/client/harness.js'; window.bench = bench;`,
    });
  },
};

/**
 * Starts the server. `assets` maps `/lib/<name>` to Buffers (the bundles). With `isolated`,
 * the pages and everything they load are sent cross-origin isolated (COOP + COEP), which is what makes
 * `performance.now()` fine-grained in every engine (Firefox and WebKit round it to 1 ms
 * otherwise); everything the pages load is same-origin, so nothing else changes. Returns
 * `{ origin, hits, resetHits(), setDelays({data, image}), close() }`.
 */
export async function startBenchServer({ assets, isolated = false }) {
  const comments = createCommentServer({ rateLimit: false, minSubmitMs: 0, allowedOrigins: '*', articles: 'any', proofOfWork: false, onError: (e) => console.error('[comments]', e) });
  seedComments(comments);
  const delays = { data: 0, image: 0 };
  const hits = { data: 0, image: 0, comments: 0, other: 0 };
  let origin;

  const isolation = isolated ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } : {};
  const send = (res, status, type, body, extra = {}) => {
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...isolation, ...extra });
    res.end(body);
  };

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, origin);
      const path = url.pathname;
      if (path.startsWith('/api/')) {
        hits.comments++;
        if (comments.handle(req, res)) return;
      }
      // A posts list (<news-feed>, scenario 8): `per_page` posts from FEED_FIRST_ID, one answer.
      if (path === '/wp-json/wp/v2/posts') {
        hits.data++;
        const n = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page')) || 10));
        const list = `[${Array.from({ length: n }, (_, i) => postJson(FEED_FIRST_ID + i, origin)).join(',')}]`;
        if (delays.data) await sleep(delays.data);
        return send(res, 200, 'application/json; charset=UTF-8', list, { 'X-WP-Total': String(n), 'X-WP-TotalPages': '1' });
      }
      // WordPress sends no Cache-Control on REST answers, so a browser does not reuse them.
      const post = /^\/wp-json\/wp\/v2\/posts\/(\d+)$/.exec(path);
      if (post) {
        hits.data++;
        const json = postJson(Number(post[1]), origin);
        if (delays.data) await sleep(delays.data);
        if (!json) return send(res, 404, 'application/json; charset=UTF-8', '{"code":"rest_post_invalid_id"}');
        return send(res, 200, 'application/json; charset=UTF-8', json);
      }
      if (path.startsWith('/wp/wp-content/uploads/') || path.startsWith('/gravatar/')) {
        hits.image++;
        if (delays.image) await sleep(delays.image);
        return send(res, 200, 'image/png', imageFor(path), { 'Cache-Control': 'max-age=3600' });
      }
      hits.other++;
      if (path.startsWith('/lib/')) {
        const name = path.slice(5);
        const body = name === 'purify.min.js' ? PURIFY : assets[name];
        if (body) return send(res, 200, 'text/javascript; charset=utf-8', body, { 'Cache-Control': 'max-age=3600' });
      }
      if (path.startsWith('/client/') && /^[a-z-]+\.js$/.test(path.slice(8))) {
        return send(res, 200, 'text/javascript; charset=utf-8', readFileSync(new URL(path.slice(8), CLIENT)));
      }
      const pageName = /^\/page\/([a-z]+)$/.exec(path)?.[1];
      if (pageName && PAGES[pageName]) return send(res, 200, 'text/html; charset=utf-8', PAGES[pageName](url.searchParams));
      if (path === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
      send(res, 404, 'text/plain', 'not found');
    } catch (error) {
      console.error(error);
      if (!res.headersSent) send(res, 500, 'text/plain', 'error');
      else res.end();
    }
  });
  // Many cards in parallel: keep Node from being the bottleneck.
  server.keepAliveTimeout = 5000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    hits,
    commentsUrl: `${origin}/api/articles/${COMMENTS_ARTICLE}/comments`,
    resetHits() {
      for (const key of Object.keys(hits)) hits[key] = 0;
    },
    setDelays({ data = 0, image = 0 } = {}) {
      delays.data = data;
      delays.image = image;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => {
          comments.close();
          resolve();
        });
      }),
  };
}
