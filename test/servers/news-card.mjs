// Test routes for <news-card> under /__news/, on the test runner's own origin: the
// fixtures, every way an answer can go wrong (status codes, wrong types, broken JSON, a
// stalled or dropped body, an oversized body), and a request counter per `key` so tests
// can prove request sharing and aborts from the server's side.
//
//   /__news/fixtures/<path>        a file of test/fixtures/news (.json as application/json,
//                                  jsonfeed/ as application/feed+json)
//   /__news/status/<code>          that status with a JSON error body (?retry-after=s)
//   /__news/html                   200 text/html (a login page, a captive portal)
//   /__news/wrong-type             an article as JSON, sent as text/plain
//   /__news/malformed              application/json that does not parse
//   /__news/truncated              a feed cut in half, sent complete
//   /__news/empty-body             200 application/json, no bytes
//   /__news/wrong-shape            JSON that is no article
//   /__news/stall                  headers and a first chunk, then nothing, for ever
//   /__news/drop                   headers and a first chunk, then the socket is destroyed
//   /__news/large?bytes=n          a valid feed of about n bytes (&chunked=1: no Content-Length)
//   /__news/toggle/<key>           503 (?down=shape: JSON that is no article) until
//                                  /__news/toggle/<key>/up is requested, then an article
//   /__news/stats?key=k            {requests, aborted, cookies} of the requests that carried ?key=k
//   any path ending .svg/.png/.jpg a small SVG image
// Every route takes ?delay=ms (answer later) and ?key=k (count it).
import { readFile } from 'node:fs/promises';
import { extname, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures/news/', import.meta.url));
const PREFIX = '/__news/';

/** key -> { requests, aborted, cookies } (cookies: requests that carried a Cookie header) */
const stats = new Map();
/** toggle keys that are up */
const up = new Set();

const IMAGE = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 9" width="640" height="360"><rect width="16" height="9" fill="#2f6f8f"/><circle cx="8" cy="4.5" r="2.5" fill="#f2c14e"/></svg>`;

const ARTICLE = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Test feed',
  items: [{ id: 'a', title: 'An article that came back', content_html: '<p>Back again.</p>', date_published: '2025-05-16T10:00:00Z' }],
});

function count(key) {
  let entry = stats.get(key);
  if (!entry) stats.set(key, (entry = { requests: 0, aborted: 0, cookies: 0 }));
  return entry;
}

function send(res, status, type, body, headers = {}) {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

const json = (res, status, value, headers) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(value), headers);

async function fixture(res, path) {
  const file = normalize(FIXTURES + decodeURIComponent(path));
  if (!file.startsWith(FIXTURES) || extname(file) !== '.json') return json(res, 404, { code: 'not_found' });
  try {
    const body = await readFile(file);
    const type = file.includes(`${sep}jsonfeed${sep}`) ? 'application/feed+json; charset=utf-8' : 'application/json; charset=UTF-8';
    return send(res, 200, type, body);
  } catch {
    return json(res, 404, { code: 'not_found', message: 'No such fixture' });
  }
}

/** A valid JSON Feed of about `bytes` bytes: one item whose body is padding. */
function largeFeed(bytes) {
  const head = '{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"big","title":"Big","content_html":"<p>';
  const tail = '</p>"}]}';
  return head + 'x'.repeat(Math.max(0, bytes - head.length - tail.length)) + tail;
}

async function route(req, res, url) {
  const path = url.pathname.slice(PREFIX.length);
  const [first, ...rest] = path.split('/');

  if (/\.(svg|png|jpe?g)$/.test(path)) return send(res, 200, 'image/svg+xml', IMAGE);
  switch (first) {
    case 'fixtures':
      return fixture(res, rest.join('/'));
    case 'status': {
      const status = Number(rest[0]) || 500;
      const retryAfter = url.searchParams.get('retry-after');
      return json(res, status, { code: `http_${status}`, message: 'Test error', data: { status } }, retryAfter ? { 'Retry-After': retryAfter } : {});
    }
    case 'html':
      return send(res, 200, 'text/html; charset=utf-8', '<!doctype html><title>Sign in</title><p>Please sign in to the Wi-Fi.</p>');
    case 'wrong-type':
      return send(res, 200, 'text/plain; charset=utf-8', ARTICLE);
    case 'malformed':
      return send(res, 200, 'application/json', '{"version": "https://jsonfeed.org/version/1.1", "items": [{"title": "x",}]}');
    case 'truncated':
      return send(res, 200, 'application/json', ARTICLE.slice(0, Math.floor(ARTICLE.length / 2)));
    case 'empty-body':
      return send(res, 200, 'application/json', '');
    case 'wrong-shape':
      return json(res, 200, { hello: 'world', items: 'not a list' });
    case 'stall':
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.write('{"version": "https://jsonfeed.org/version/1.1", ');
      return undefined; // ends when the client gives up
    case 'drop':
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '4000', 'Cache-Control': 'no-store' });
      res.write('{"version": "https://jsonfeed.org/version/1.1", "items": [');
      setTimeout(() => res.socket?.destroy(), 30);
      return undefined;
    case 'large': {
      const body = largeFeed(Number(url.searchParams.get('bytes')) || 3 * 1024 * 1024);
      if (url.searchParams.get('chunked')) {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
        for (let i = 0; i < body.length && !res.destroyed; i += 64 * 1024) res.write(body.slice(i, i + 64 * 1024));
        return res.end();
      }
      return send(res, 200, 'application/json', body, { 'Content-Length': String(Buffer.byteLength(body)) });
    }
    case 'toggle': {
      const [key, action] = rest;
      if (action === 'up') {
        up.add(key);
        return send(res, 204, 'text/plain', '');
      }
      if (up.has(key)) return send(res, 200, 'application/json', ARTICLE);
      if (url.searchParams.get('down') === 'shape') return json(res, 200, { hello: 'world' });
      return json(res, 503, { code: 'maintenance' }, url.searchParams.get('retry-after') ? { 'Retry-After': url.searchParams.get('retry-after') } : {});
    }
    case 'stats':
      return json(res, 200, count(url.searchParams.get('key') ?? ''));
    default:
      return json(res, 404, { code: 'no_route' });
  }
}

export default async function newsCardServer(ctx, next) {
  if (!ctx.path.startsWith(PREFIX)) return next();
  ctx.respond = false;
  const { req, res } = ctx;
  const url = new URL(ctx.url, 'http://localhost');
  const key = url.searchParams.get('key');
  if (key && !url.pathname.startsWith(`${PREFIX}stats`)) {
    const entry = count(key);
    entry.requests++;
    if (req.headers.cookie) entry.cookies++;
    res.on('close', () => {
      if (!res.writableEnded) entry.aborted++;
    });
  }
  const delay = Number(url.searchParams.get('delay'));
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  if (req.destroyed || res.destroyed) return undefined;
  return route(req, res, url);
}
