// Broken servers for the fault tests (test/faults/), under /__faults/ on the test
// runner's origin, plus a second origin (a Node server on 127.0.0.1, another port) for
// the redirect and CORS cases.
//
// Loading, one route per fault and per test key:
//   /__faults/news/<fault>/<key>         news-card's faults: answered by its one test server,
//                                        test/servers/news-card.mjs (the list is there)
//   /__faults/comments/<fault>/<key>     the fault, until POST /__faults/recover/<key>;
//                                        then a page of our comments protocol
//   comments faults: 404 (an HTML page), 500, 503 (Retry-After), html (200 text/html),
//   wrong-type (JSON as text/plain), malformed, truncated, empty, title-number,
//   items-not-array, nulls, dates (invalid dates only), big (10 MB, streamed without
//   Content-Length), stall (headers and half a body, then nothing), drop (socket destroyed
//   mid-body), refuse (socket destroyed before any answer: what offline looks like from a
//   page), redirect (302 to the other origin, which does not allow CORS until recovery),
//   cors (the other origin answers without Access-Control-Allow-Origin until recovery);
//   for both formats, redirect and cors recover on the second origin
//   /__faults/origin                     { origin } of the second server
//
// Posting faults for comment-box are planned on the reference server of
// test/servers/comments.mjs (POST /__comments/faults), the one fault server of comment-box.
import { createServer } from 'node:http';
import { RECOVERED as ARTICLE, newsFault } from './news-card.mjs';

const PREFIX = '/__faults/';
const recovered = new Set();

const COMMENTS = {
  open: true,
  total: 1,
  comments: [{ id: '1', parent: null, author: { name: 'Anna' }, text: 'The server has recovered.', date: '2025-05-16T10:00:00.000Z' }],
  next: null,
  token: 'faults-token',
};

const good = (format) => JSON.stringify(format === 'comments' ? COMMENTS : ARTICLE);

/** Bodies of the right type but the wrong shape, per format (news-card's are in news-card.mjs). */
const SHAPES = {
  comments: {
    'title-number': { ...COMMENTS, open: 1, total: 'many' },
    'items-not-array': { ...COMMENTS, comments: { 0: COMMENTS.comments[0] } },
    nulls: { open: null, total: null, comments: null, next: null, token: null },
    dates: { ...COMMENTS, comments: [{ ...COMMENTS.comments[0], date: 'yesterday' }] },
  },
};

function send(res, status, type, body, headers = {}) {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

// ---- the second origin -----------------------------------------------------------------

let otherOrigin;
const other = createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const [, format, key] = /^\/(news|comments)\/([^/]+)$/.exec(url.pathname) ?? [];
  if (!format) return send(res, 404, 'text/plain', 'Not found');
  // Allowed only once the test has recovered this key; before, the browser refuses to
  // show the answer to the page (a CORS failure).
  const cors = recovered.has(key) ? { 'Access-Control-Allow-Origin': '*' } : {};
  return send(res, 200, 'application/json', good(format), cors);
});
const otherReady = new Promise((resolve) => {
  other.listen(0, '127.0.0.1', () => {
    otherOrigin = `http://127.0.0.1:${other.address().port}`;
    other.unref();
    resolve();
  });
});

// ---- loading faults ----------------------------------------------------------------------

async function fault(req, res, format, kind, key) {
  if (recovered.has(key) && kind !== 'redirect' && kind !== 'cors') return send(res, 200, 'application/json', good(format));
  const shape = SHAPES[format][kind];
  if (shape) return send(res, 200, 'application/json', JSON.stringify(shape));
  switch (kind) {
    case '404':
      return send(res, 404, 'text/html', '<!doctype html><title>Not Found</title><h1>Not Found</h1>');
    case '500':
      return send(res, 500, 'application/json', '{"error":"internal"}');
    case '503':
      return send(res, 503, 'text/html', '<!doctype html><title>Maintenance</title><p>Back soon.</p>', { 'Retry-After': '3600' });
    case 'html':
      return send(res, 200, 'text/html; charset=utf-8', '<!doctype html><title>Sign in</title><p>Please sign in to the Wi-Fi.</p>');
    case 'wrong-type':
      return send(res, 200, 'text/plain', good(format));
    case 'malformed':
      return send(res, 200, 'application/json', '{"version": "https://jsonfeed.org/version/1.1", "items": [{"title": "x",}]}');
    case 'truncated': {
      const body = good(format);
      return send(res, 200, 'application/json', body.slice(0, Math.floor(body.length / 2)));
    }
    case 'empty':
      return send(res, 200, 'application/json', '');
    case 'big': {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      const chunk = Buffer.alloc(256 * 1024, 'x');
      let sent = 0;
      res.write('{"pad":"');
      const pump = () => {
        while (sent < 10 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end('"}');
      };
      res.on('error', () => {});
      return pump();
    }
    case 'stall':
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.write('{"version": "https://jsonfeed.org/version/1.1", ');
      // Nothing more, ever: the client's timeout ends it.
      return undefined;
    case 'drop':
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '4000', 'Cache-Control': 'no-store' });
      res.write('{"version": "https://jsonfeed.org/version/1.1", "items": [');
      setTimeout(() => res.socket?.destroy(), 30);
      return undefined;
    case 'refuse':
      return req.socket.destroy();
    case 'redirect':
      await otherReady;
      return send(res, 302, 'text/plain', '', { Location: `${otherOrigin}/${format}/${key}` });
    case 'cors':
      // Not an answer of ours: the test loads the other origin directly.
      return send(res, 404, 'text/plain', 'Load the other origin');
    default:
      return send(res, 404, 'text/plain', `No fault "${kind}"`);
  }
}

async function route(req, res, url) {
  const parts = url.pathname.slice(PREFIX.length).split('/');
  switch (parts[0]) {
    case 'origin':
      await otherReady;
      return send(res, 200, 'application/json', JSON.stringify({ origin: otherOrigin }));
    case 'recover':
      recovered.add(parts[1]);
      return send(res, 204, 'text/plain', '');
    case 'news':
      await otherReady;
      return newsFault(req, res, parts[1], url, { recovered: recovered.has(parts[2]), second: `${otherOrigin}/news/${parts[2]}` });
    case 'comments':
      return fault(req, res, parts[0], parts[1], parts[2]);
    default:
      return send(res, 404, 'text/plain', 'Not found');
  }
}

export default async function faultsServer(ctx, next) {
  if (!ctx.path.startsWith(PREFIX)) return next();
  ctx.respond = false;
  // Koa presets 404; requests answered late or never must not be reported as missing files.
  ctx.res.statusCode = 200;
  const url = new URL(ctx.url, 'http://localhost');
  try {
    await route(ctx.req, ctx.res, url);
  } catch (error) {
    console.error('[faults server]', error);
    send(ctx.res, 500, 'text/plain', String(error));
  }
}
