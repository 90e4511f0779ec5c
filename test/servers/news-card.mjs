// The one test server of <news-card>: its fixtures, every way a news server can answer
// wrong, and a request counter per `key` so tests can prove request sharing and aborts
// from the server's side. Two ways in, one table of faults (FAULTS below):
//
//   /__news/<fault>                the fault, every time (the card's own tests)
//   /__faults/news/<fault>/<key>   the fault until POST /__faults/recover/<key>, then a valid
//                                  feed whose article is "Back in service" (test/faults/:
//                                  test/servers/faults.mjs routes these here, keeping the
//                                  recovery and the second origin it shares with comment-box)
//
// Faults: status/<code> (that status with a JSON error body, ?retry-after=s), 404 (an HTML
// page), 500, 503 (an HTML page, Retry-After: 3600), html (200 text/html: a captive portal),
// wrong-type (an article as JSON, sent as text/plain), malformed (application/json that does
// not parse), truncated (a feed cut in half, sent complete), empty (also empty-body: 200
// application/json, no bytes), wrong-shape, title-number, items-not-array, nulls (JSON that is
// no article), dates (a valid article with invalid dates only), many-tags and many-authors
// (valid feeds with 120 000 tags, 30 000 authors), large?bytes=n (a valid feed of about n
// bytes; &chunked=1: no Content-Length), big (10 MB, streamed without Content-Length), stall
// (headers and a first chunk, then nothing, for ever), drop (headers and a first chunk, then
// the socket is destroyed), refuse (the socket destroyed before any answer: what offline
// looks like from a page), redirect (302 to the second origin; /__faults/ only), cors (the
// test loads the second origin itself; /__faults/ only).
//
// Other routes under /__news/:
//   /__news/fixtures/<path>        a file of test/fixtures/news (.json as application/json,
//                                  jsonfeed/ as application/feed+json)
//   /__news/toggle/<key>           503 (?down=shape: JSON that is no article) until
//                                  /__news/toggle/<key>/up is requested, then an article
//   /__news/stats?key=k            {requests, aborted, cookies} of the requests that carried ?key=k
//   /__news/release/<name>         lets the requests held with ?hold=<name> answer (now and later)
//   any path ending .svg/.png/.jpg a small SVG image
// Every /__news/ route takes ?delay=ms (answer later), ?hold=name (answer once
// /__news/release/<name> is requested: a request that is surely still open while the test
// acts) and ?key=k (count it).
import { readFile } from 'node:fs/promises';
import { extname, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures/news/', import.meta.url));
const PREFIX = '/__news/';

/** key -> { requests, aborted, cookies } (cookies: requests that carried a Cookie header) */
const stats = new Map();
/** toggle keys that are up */
const up = new Set();
/** hold name -> { released, open: Promise resolved on release } */
const holds = new Map();

function hold(name) {
  let entry = holds.get(name);
  if (!entry) {
    let release;
    const open = new Promise((resolve) => (release = resolve));
    holds.set(name, (entry = { open, release }));
  }
  return entry;
}

const IMAGE = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 9" width="640" height="360"><rect width="16" height="9" fill="#2f6f8f"/><circle cx="8" cy="4.5" r="2.5" fill="#f2c14e"/></svg>`;

/** The article of a server that is up again (/__news/toggle). */
const ARTICLE = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Test feed',
  items: [{ id: 'a', title: 'An article that came back', content_html: '<p>Back again.</p>', date_published: '2025-05-16T10:00:00Z' }],
});

/** The article of a recovered fault (/__faults/news/): its image is relative, to check what it resolves against. */
export const RECOVERED = {
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Faults',
  items: [{ id: 'ok', title: 'Back in service', content_html: '<p>The server has recovered.</p>', image: 'recovered.svg', date_published: '2025-05-16T10:00:00Z' }],
};
const RECOVERED_JSON = JSON.stringify(RECOVERED);
const [OK_ITEM] = RECOVERED.items;

function count(key) {
  let entry = stats.get(key);
  if (!entry) stats.set(key, (entry = { requests: 0, aborted: 0, cookies: 0 }));
  return entry;
}

function send(res, status, type, body, headers = {}) {
  if (res.destroyed || res.headersSent) return;
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

/** Bodies of the right type but the wrong shape. */
const SHAPES = {
  'wrong-shape': { hello: 'world', items: 'not a list' },
  'title-number': { version: RECOVERED.version, items: [{ id: 'ok', title: 42, content_html: '<p>x</p>' }] },
  'items-not-array': { version: RECOVERED.version, items: { 0: OK_ITEM } },
  nulls: { version: RECOVERED.version, title: null, items: [{ id: null, title: null, content_html: null, content_text: null, summary: null, url: null, image: null, date_published: null, authors: null, tags: null }] },
  dates: { version: RECOVERED.version, items: [{ ...OK_ITEM, date_published: 'yesterday', date_modified: '2025-13-45T99:99:99Z' }] },
  // Valid feeds under the 2 MB limit that are costly to show: many small parts.
  'many-tags': () => ({ version: RECOVERED.version, items: [{ ...OK_ITEM, tags: Array.from({ length: 120_000 }, (_, i) => `t${i}`) }] }),
  'many-authors': () => ({ version: RECOVERED.version, items: [{ ...OK_ITEM, authors: Array.from({ length: 30_000 }, (_, i) => ({ name: `a${i}` })) }] }),
};

/** Streams about `bytes` of one JSON string, without Content-Length, minding back-pressure. */
function stream(res, bytes) {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  const chunk = Buffer.alloc(256 * 1024, 'x');
  let sent = 0;
  res.write('{"pad":"');
  const pump = () => {
    while (sent < bytes && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end('"}');
  };
  res.on('error', () => {});
  pump();
}

const HTML_404 = '<!doctype html><title>Not Found</title><h1>Not Found</h1>';
const HTML_503 = '<!doctype html><title>Maintenance</title><p>Back soon.</p>';
const SIGN_IN = '<!doctype html><title>Sign in</title><p>Please sign in to the Wi-Fi.</p>';
const MALFORMED = '{"version": "https://jsonfeed.org/version/1.1", "items": [{"title": "x",}]}';

/**
 * Every fault, by name: (req, res, url, second) => answers. `url` carries the query (status
 * code, retry-after, bytes, chunked); `second` is the same key's URL on the second origin.
 */
const FAULTS = {
  ...Object.fromEntries(Object.entries(SHAPES).map(([name, shape]) => [name, (req, res) => json(res, 200, typeof shape === 'function' ? shape() : shape)])),
  status(req, res, url) {
    const status = Number(url.pathname.split('/').at(-1)) || 500;
    const retryAfter = url.searchParams.get('retry-after');
    json(res, status, { code: `http_${status}`, message: 'Test error', data: { status } }, retryAfter ? { 'Retry-After': retryAfter } : {});
  },
  404: (req, res) => send(res, 404, 'text/html', HTML_404),
  500: (req, res) => send(res, 500, 'application/json', '{"error":"internal"}'),
  503: (req, res) => send(res, 503, 'text/html', HTML_503, { 'Retry-After': '3600' }),
  html: (req, res) => send(res, 200, 'text/html; charset=utf-8', SIGN_IN),
  'wrong-type': (req, res) => send(res, 200, 'text/plain; charset=utf-8', RECOVERED_JSON),
  malformed: (req, res) => send(res, 200, 'application/json', MALFORMED),
  truncated: (req, res) => send(res, 200, 'application/json', RECOVERED_JSON.slice(0, Math.floor(RECOVERED_JSON.length / 2))),
  empty: (req, res) => send(res, 200, 'application/json', ''),
  'empty-body': (req, res) => send(res, 200, 'application/json', ''),
  large(req, res, url) {
    const body = largeFeed(Number(url.searchParams.get('bytes')) || 3 * 1024 * 1024);
    if (!url.searchParams.get('chunked')) return send(res, 200, 'application/json', body, { 'Content-Length': String(Buffer.byteLength(body)) });
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    for (let i = 0; i < body.length && !res.destroyed; i += 64 * 1024) res.write(body.slice(i, i + 64 * 1024));
    return res.end();
  },
  big: (req, res) => stream(res, 10 * 1024 * 1024),
  stall(req, res) {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    // Nothing more, ever: the client gives up.
    res.write('{"version": "https://jsonfeed.org/version/1.1", ');
  },
  drop(req, res) {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '4000', 'Cache-Control': 'no-store' });
    res.write('{"version": "https://jsonfeed.org/version/1.1", "items": [');
    setTimeout(() => res.socket?.destroy(), 30);
  },
  refuse: (req) => req.socket.destroy(),
  redirect: (req, res, url, second) => (second ? send(res, 302, 'text/plain', '', { Location: second }) : send(res, 404, 'text/plain', 'No second origin here')),
  // Not an answer of ours: the test loads the second origin directly.
  cors: (req, res) => send(res, 404, 'text/plain', 'Load the other origin'),
};

/** Answers with `fault` (see FAULTS); false when there is no such fault. */
function answerFault(req, res, fault, url, second) {
  if (!Object.hasOwn(FAULTS, fault)) return false;
  FAULTS[fault](req, res, url, second);
  return true;
}

/**
 * /__faults/news/<fault>/<key>, from test/servers/faults.mjs: the fault, or once `recovered`
 * the article that is back in service (redirect and cors recover on the second origin).
 */
export function newsFault(req, res, fault, url, { recovered, second }) {
  if (recovered && fault !== 'redirect' && fault !== 'cors') return send(res, 200, 'application/json', RECOVERED_JSON);
  if (!answerFault(req, res, fault, url, second)) send(res, 404, 'text/plain', `No fault "${fault}"`);
}

async function route(req, res, url) {
  const path = url.pathname.slice(PREFIX.length);
  const [first, ...rest] = path.split('/');

  if (/\.(svg|png|jpe?g)$/.test(path)) return send(res, 200, 'image/svg+xml', IMAGE);
  switch (first) {
    case 'fixtures':
      return fixture(res, rest.join('/'));
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
    case 'release':
      hold(rest[0]).release();
      return send(res, 204, 'text/plain', '');
    default:
      if (!answerFault(req, res, first, url)) json(res, 404, { code: 'no_route' });
      return undefined;
  }
}

export default async function newsCardServer(ctx, next) {
  if (!ctx.path.startsWith(PREFIX)) return next();
  ctx.respond = false;
  const { req, res } = ctx;
  const url = new URL(ctx.url, 'http://localhost');
  const key = url.searchParams.get('key');
  if (key && !url.pathname.startsWith(`${PREFIX}stats`) && !url.pathname.startsWith(`${PREFIX}release`)) {
    const entry = count(key);
    entry.requests++;
    if (req.headers.cookie) entry.cookies++;
    res.on('close', () => {
      if (!res.writableEnded) entry.aborted++;
    });
  }
  const delay = Number(url.searchParams.get('delay'));
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  const held = url.searchParams.get('hold');
  if (held) await hold(held).open;
  if (req.destroyed || res.destroyed) return undefined;
  return route(req, res, url);
}
