// Test HTTP for <comment-box>, mounted on the test runner's origin (and on a second
// origin for CORS tests):
//
// - /api/articles/:id/comments: the reference server (server/, lapa-comments, SQLite
//   behind it). The article id's prefix picks the instance, so every test can use a
//   fresh article and still choose the server's settings:
//     held-…    holds every comment       first-…   holds first-time commenters
//     slow-…    asks for 1.5 s between form and submit (on its own clock, see below)
//     limited-… rate limit of one comment a minute per client
//     stale-…   form tokens expire after 0.3 s
//     long-…    answers of at most 8 KB, so long threads page their replies (replies_next)
//     anything else: no minimum time, no rate limit (a temporary SQLite file)
// - /__comments/…: control routes: seed, count, reports (GET ?article=), close, faults per article and method (see
//   applyFault; `recover` drops what is left of them), a request log, per-instance reset,
//   the URL of the second origin, and POST /__comments/clock {article, ms}: moves the
//   clock of the article's instance on by `ms`, so tests about the minimum time and token
//   expiry wait for nothing. Every instance asks for proof of work (a small one:
//   counters below 1,000), so every posting test solves a challenge.
// - POST /__comments/cli {article}: `lapa-comments serve` as a partner runs it, a child
//   process on 127.0.0.1 and a free port with its defaults (proof of work on, counters
//   below 50,000), allowing the test page's origin; the article is opened with
//   `lapa-comments articles open`. Answers { origin, src }.
// - /__wp/<site>/…: a WordPress-shaped REST API (wp-json/wp/v2 and ?rest_route=),
//   answering with bodies and headers shaped like the recorded ones in
//   test/fixtures/comments/wordpress/. POST /__wp/sites creates a site, so tests never
//   share state.
import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FIXTURES = new URL('../fixtures/comments/wordpress/', import.meta.url);
const fixture = (name) => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'));

// ---- the reference server ----------------------------------------------------------

const INSTANCES = {
  default: { minSubmitMs: 0, rateLimit: false },
  held: { minSubmitMs: 0, rateLimit: false, holdAll: true },
  first: { minSubmitMs: 0, rateLimit: false, holdFirstTime: true },
  slow: { minSubmitMs: 1500, rateLimit: false },
  limited: { minSubmitMs: 0, rateLimit: { max: 1, windowMs: 60_000 } },
  stale: { minSubmitMs: 0, rateLimit: false, tokenMaxAgeMs: 300 },
  long: { minSubmitMs: 0, rateLimit: false, maxPageBytes: 8192 },
};

let tempDir;
const instances = new Map();
/** Per instance: how far its clock runs ahead of the real one. */
const clockAhead = new Map();
let createCommentServer;

async function instance(name) {
  let server = instances.get(name);
  if (!server) {
    // Imported lazily: a broken demo server must not stop every other test file.
    createCommentServer ??= (await import('../../server/lib/index.mjs')).createCommentServer;
    let dbPath = ':memory:';
    if (name === 'default') {
      tempDir ??= mkdtempSync(join(tmpdir(), 'lapa-comment-box-'));
      dbPath = join(tempDir, `comments-${Date.now()}.sqlite`);
    }
    // Every site and every article id (tests make a fresh article each).
    const now = () => Date.now() + (clockAhead.get(name) ?? 0);
    server = createCommentServer({ allowedOrigins: '*', articles: 'any', proofOfWork: { maxNumber: 1000 }, ...INSTANCES[name], dbPath, now, onError: (error) => console.error('[comments test server]', error) });
    instances.set(name, server);
  }
  return server;
}

// ---- the real CLI ------------------------------------------------------------------------

const BIN = new URL('../../server/bin/lapa-comments.mjs', import.meta.url).pathname;
/** Per page origin: the `lapa-comments serve` child allowing it. */
const cliServers = new Map();
const children = new Set();

function cliServer(origin) {
  let started = cliServers.get(origin);
  if (!started) {
    tempDir ??= mkdtempSync(join(tmpdir(), 'lapa-comment-box-'));
    const db = join(tempDir, `cli-${cliServers.size}.sqlite`);
    started = new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--origin', origin, '--db', db, '--min-submit-ms', '0', '--rate-limit', 'off'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.add(child);
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const match = /serving (http:\/\/[^/\s]+)\//.exec(out);
        if (match) resolve({ origin: match[1], db, child });
      });
      child.stderr.on('data', (chunk) => (err += chunk));
      child.once('exit', (code) => reject(new Error(`lapa-comments serve exited ${code}: ${err}`)));
    });
    cliServers.set(origin, started);
  }
  return started;
}

const openWithCli = (db, article) =>
  new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, 'articles', 'open', article, '--db', db], (error, _out, stderr) => (error ? reject(new Error(stderr)) : resolve()));
  });

process.once('exit', () => {
  for (const child of children) child.kill('SIGTERM');
  for (const server of instances.values()) server.close();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

const instanceName = (article) => {
  const prefix = article.split('-')[0];
  return prefix in INSTANCES && prefix !== 'default' ? prefix : 'default';
};

/** Per article: planned faults, the request log, stalled requests the client gave up. */
const articles = new Map();
function article(id) {
  let state = articles.get(id);
  if (!state) articles.set(id, (state = { faults: [], log: [], aborted: 0 }));
  return state;
}

const API = /^\/api\/articles\/([^/]+)\/comments(?:\/[^/]+\/reports)?$/;

async function api(req, res, id) {
  const state = article(id);
  state.log.push({
    method: req.method,
    url: req.url,
    idempotencyKey: req.headers['idempotency-key'] ?? null,
    contentType: req.headers['content-type'] ?? null,
    origin: req.headers.origin ?? null,
  });
  const server = await instance(instanceName(id));
  const fault = takeFault(state.faults, req.method);
  if (fault && (await applyFault(fault, req, res, state, () => server.handle(req, res)))) return;
  if (!server.handle(req, res)) json(res, 404, { error: { code: 'not_found', message: 'No such route' } });
}

function takeFault(faults, method) {
  const i = faults.findIndex((f) => f.method === method || f.method === '*');
  if (i < 0) return undefined;
  const fault = faults[i];
  if (--fault.times <= 0) faults.splice(i, 1);
  return fault;
}

/**
 * Holds back the answer the real handler writes: its head and body go to `then`, which
 * sends them (changed, later, or not at all) with `send(head, body)`.
 */
function holdAnswer(res, then) {
  const { writeHead, end } = res;
  let head = [500, {}];
  res.writeHead = (status, headers) => {
    head = [status, headers];
    return res;
  };
  res.end = (body) => {
    then((sent, data) => end.call(writeHead.apply(res, sent), data), head, body);
    return res;
  };
}

/**
 * Faults, each for the next `times` (1) requests of its method:
 *   500               answer 500, store nothing
 *   stall             headers never come
 *   drop              the connection breaks in the middle of an answer
 *   refuse            the socket is destroyed before any answer, nothing stored (Chromium
 *                     resends a request whose reused connection closed before any answer:
 *                     plan it more than once)
 *   drop-after-store  store, then break the connection half-way through the answer
 *   store-then-stall  store, then hold the answer for `ms` (past the client's timeout)
 *   delay             wait `ms`, then store and answer
 * @returns true when the fault answered (or will never answer) the request itself.
 */
async function applyFault(fault, req, res, state, handle) {
  switch (fault.mode) {
    case 'refuse':
      req.socket.destroy();
      return true;
    case 'store-then-stall':
      if (!handle) return false;
      holdAnswer(res, (send, head, body) => {
        setTimeout(() => {
          if (!res.destroyed) send(head, body);
        }, fault.ms ?? 2000);
      });
      handle();
      return true;
    case '500':
      drain(req);
      json(res, 500, fault.body ?? { error: { code: 'server_error', message: 'Something went wrong on the server.' } });
      return true;
    case 'stall':
      // Headers never come: the client waits until it gives up or goes away.
      drain(req);
      res.once('close', () => state.aborted++);
      return true;
    case 'drop':
      // The connection breaks in the middle of the answer. (Cut before any answer,
      // Chromium would silently resend the request on another pooled connection.)
      drain(req);
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
      res.write('{"comments": [');
      setTimeout(() => req.socket.destroy(), 20);
      return true;
    case 'drop-after-store':
      // The server does its work (the comment is stored) but the answer breaks off.
      res.end = function cut(body) {
        const text = String(body ?? '');
        res.write(text.slice(0, Math.floor(text.length / 2)));
        setTimeout(() => req.socket.destroy(), 20);
        return res;
      };
      if (!handle) return false;
      handle();
      return true;
    case 'delay':
      await new Promise((resolve) => setTimeout(resolve, fault.ms ?? 500));
      return false;
    case 'bad-challenge':
      // The answer advertises a challenge no client can solve (an algorithm not in the protocol).
      if (!handle) return false;
      holdAnswer(res, (send, [status, headers], body) => {
        const data = JSON.parse(String(body));
        if (data.challenge) data.challenge.parameters.algorithm = 'SHA-1';
        const text = JSON.stringify(data);
        send([status, { ...headers, 'Content-Length': Buffer.byteLength(text) }], text);
      });
      handle();
      return true;
    default:
      return false;
  }
}

// ---- control routes ------------------------------------------------------------------

async function control(req, res, url, crossOrigin) {
  const q = url.searchParams;
  const route = url.pathname.slice('/__comments/'.length);
  if (route === 'cross-origin') return json(res, 200, { origin: await crossOrigin() });
  if (req.method === 'GET' && route === 'count') {
    const id = q.get('article');
    const server = await instance(instanceName(id));
    const rows = server.db.prepare('SELECT status, count(*) AS n FROM comments WHERE article_id = ? GROUP BY status').all(id);
    const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    return json(res, 200, { total: rows.reduce((sum, r) => sum + r.n, 0), approved: by.approved ?? 0, pending: by.pending ?? 0 });
  }
  if (req.method === 'GET' && route === 'reports') {
    const id = q.get('article');
    const server = await instance(instanceName(id));
    return json(res, 200, server.db.prepare('SELECT comment_id, reason, contact FROM reports WHERE article_id = ? ORDER BY id').all(id));
  }
  if (req.method === 'GET' && route === 'log') {
    const state = article(q.get('article'));
    return json(res, 200, { requests: state.log, aborted: state.aborted });
  }
  if (req.method !== 'POST') return json(res, 405, { error: 'POST' });
  const body = await readJson(req);
  if (route === 'seed') {
    const server = await instance(instanceName(body.article));
    const ids = [];
    const start = Date.now() - 24 * 3_600_000;
    (body.comments ?? []).forEach((c, i) => {
      ids.push(
        server.insertComment({
          articleId: body.article,
          parent: c.replyTo === undefined ? null : ids[c.replyTo],
          name: c.name ?? `Reader ${i + 1}`,
          email: c.email ?? `reader${i + 1}@example.org`,
          url: c.url ?? null,
          text: c.text ?? `Comment number ${i + 1}.`,
          status: c.status ?? 'approved',
          date: c.date ?? new Date(start + i * 60_000),
        }),
      );
    });
    if (body.closed) server.closeArticle(body.article);
    return json(res, 200, { ids });
  }
  if (route === 'cli') {
    const { origin, db } = await cliServer(`http://${req.headers.host}`);
    await openWithCli(db, body.article);
    return json(res, 200, { origin, src: `${origin}/api/articles/${body.article}/comments` });
  }
  if (route === 'close') {
    (await instance(instanceName(body.article))).closeArticle(body.article);
    return json(res, 200, {});
  }
  if (route === 'clock') {
    const name = instanceName(body.article);
    clockAhead.set(name, (clockAhead.get(name) ?? 0) + Number(body.ms));
    return json(res, 200, {});
  }
  if (route === 'recover') {
    article(body.article).faults.length = 0;
    return json(res, 200, {});
  }
  if (route === 'faults') {
    article(body.article).faults.push(...body.faults.map((f) => ({ times: 1, ...f })));
    return json(res, 200, {});
  }
  if (route === 'reset') {
    const name = q.get('instance');
    if (!(name in INSTANCES) || name === 'default') return json(res, 400, { error: 'instance: held, first, slow, limited, stale or long' });
    instances.get(name)?.close();
    instances.delete(name);
    return json(res, 200, {});
  }
  return json(res, 404, { error: 'no such control route' });
}

// ---- WordPress ------------------------------------------------------------------------

const WP_ALLOW_HEADERS = 'Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type';
const WP_ERRORS = {
  comment_duplicate: [409, () => fixture('06-comment-duplicate.json')],
  comment_flood: [400, () => fixture('07-comment-flood.json')],
  rest_comment_author_data_required: [400, () => fixture('08-comment-missing-email.json')],
  rest_comment_content_invalid: [400, () => fixture('09-comment-empty-content.json')],
  rest_invalid_param: [400, () => fixture('10-comment-invalid-email.json')],
  rest_comment_invalid_post_id: [403, () => fixture('11-comment-invalid-post.json')],
  rest_comment_login_required: [401, () => fixture('18-comment-anonymous-disabled-stock-wp.json').body],
  rest_comment_closed: [403, () => ({ code: 'rest_comment_closed', message: 'Sorry, comments are closed for this item.', data: { status: 403 } })],
};
const FLOOD_WINDOW_MS = 15_000;

const sites = new Map();
let nextSite = 1;

function createSite(config) {
  const id = String(nextSite++);
  const site = {
    id,
    postId: config.postId ?? 5,
    postType: config.postType ?? 'posts',
    commentStatus: config.commentStatus ?? 'open',
    anonymous: config.anonymous ?? true,
    moderation: config.moderation ?? 'approve',
    flood: config.flood ?? false,
    // A hostile site: every list answer claims this many pages, and a full page of replies.
    totalPages: config.totalPages,
    faults: (config.faults ?? []).map((f) => ({ times: 1, ...f })),
    comments: [],
    nextId: 7,
    lastPostAt: -Infinity,
    log: [],
  };
  const start = Date.parse('2026-11-20T08:00:00Z');
  const ids = [];
  (config.comments ?? []).forEach((c, i) => {
    const comment = {
      id: site.nextId++,
      post: site.postId,
      parent: c.replyTo === undefined ? 0 : ids[c.replyTo],
      author_name: c.name ?? `Lasītājs ${i + 1}`,
      author_email: c.email ?? `reader${i + 1}@example.org`,
      author_url: c.url ?? '',
      date_gmt: c.date ?? new Date(start + i * 60_000).toISOString().slice(0, 19),
      content: c.text ?? `Komentārs ${i + 1}.`,
      rendered: c.rendered,
      status: c.status ?? 'approved',
    };
    ids.push(comment.id);
    site.comments.push(comment);
  });
  sites.set(id, site);
  return site;
}

function wpAutop(text) {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `${escaped
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/\n/g, '<br />\n')}</p>`)
    .join('\n')}\n`;
}

/** A comment as WordPress's REST API shows it to a visitor (fixture 05/17 shape). */
function wpView(site, c, origin) {
  const wp = `${origin}/__wp/${site.id}/wp-json/wp/v2`;
  const gravatar = (s) => `http://2.gravatar.com/avatar/bf98bbd176c13a7a2e83ea8e646ec1f6?s=${s}&d=mm&r=g`;
  const view = {
    id: c.id,
    post: c.post,
    parent: c.parent,
    author: 0,
    author_name: c.author_name,
    author_url: c.author_url,
    date: c.date_gmt,
    date_gmt: c.date_gmt,
    content: { rendered: c.rendered ?? wpAutop(c.content) },
    link: `${origin}/__wp/${site.id}/post-${c.post}/#comment-${c.id}`,
    status: c.status,
    type: 'comment',
    author_avatar_urls: { 24: gravatar(24), 48: gravatar(48), 96: gravatar(96) },
    meta: [],
    _links: {
      self: [{ href: `${wp}/comments/${c.id}` }],
      collection: [{ href: `${wp}/comments` }],
      up: [{ embeddable: true, post_type: 'post', href: `${wp}/posts/${c.post}` }],
    },
  };
  if (c.parent) view._links['in-reply-to'] = [{ embeddable: true, href: `${wp}/comments/${c.parent}` }];
  return view;
}

function pickFields(value, fields) {
  if (!fields) return value;
  const keys = fields.split(',').map((f) => f.trim().split('.')[0]);
  return Object.fromEntries(Object.entries(value).filter(([key]) => keys.includes(key)));
}

function wpHeaders(req) {
  const headers = {
    'X-Robots-Tag': 'noindex',
    'X-Content-Type-Options': 'nosniff',
    'Access-Control-Expose-Headers': 'X-WP-Total, X-WP-TotalPages, Link',
    'Access-Control-Allow-Headers': WP_ALLOW_HEADERS,
    'Access-Control-Allow-Methods': 'OPTIONS, GET, POST, PUT, PATCH, DELETE',
    'Access-Control-Allow-Credentials': 'true',
    Vary: 'Origin',
  };
  if (req.headers.origin) headers['Access-Control-Allow-Origin'] = req.headers.origin;
  return headers;
}

function wpError(req, res, code) {
  const [status, body] = WP_ERRORS[code];
  json(res, status, body(), wpHeaders(req));
}

async function wordpress(req, res, url) {
  const match = /^\/__wp\/(\d+)(\/.*)?$/.exec(url.pathname);
  if (url.pathname === '/__wp/sites' && req.method === 'POST') {
    const site = createSite(await readJson(req));
    return json(res, 200, { id: site.id, base: `/__wp/${site.id}` });
  }
  const site = match && sites.get(match[1]);
  if (!site) return json(res, 404, { code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } });
  const rest = match[2] ?? '/';
  if (rest === '/__log') return json(res, 200, { requests: site.log, comments: site.comments });
  // Pretty permalinks (/wp-json/wp/v2/...) or plain ones (/?rest_route=/wp/v2/...).
  const route = rest.startsWith('/wp-json/') ? rest.slice('/wp-json'.length) : url.searchParams.get('rest_route');
  if (!route) return json(res, 404, { error: 'not a REST route' });
  const origin = `http://${req.headers.host}`;
  const q = url.searchParams;
  site.log.push({ method: req.method, route, query: Object.fromEntries(q), headers: { ...req.headers } });

  if (req.method === 'OPTIONS') {
    res.writeHead(200, { ...wpHeaders(req), Allow: 'GET, POST', 'Content-Length': '0' });
    return res.end();
  }
  const fault = takeFault(site.faults, req.method);
  if (fault?.mode === 'error' && fault.code in WP_ERRORS) {
    drain(req);
    return wpError(req, res, fault.code);
  }
  if (fault) {
    const body = { code: 'internal_server_error', message: '<p>There has been a critical error on this website.</p>', data: { status: 500 } };
    if (await applyFault({ ...fault, body }, req, res, site, null)) return;
  }

  const postMatch = /^\/wp\/v2\/(posts|pages)\/(\d+)\/?$/.exec(route);
  if (postMatch && req.method === 'GET') {
    if (postMatch[1] !== site.postType || Number(postMatch[2]) !== site.postId) {
      return json(res, 404, { code: 'rest_post_invalid_id', message: 'Invalid post ID.', data: { status: 404 } }, wpHeaders(req));
    }
    const post = { ...fixture('02-post-latvian-embed.json'), id: site.postId, comment_status: site.commentStatus };
    delete post._embedded;
    return json(res, 200, pickFields(post, q.get('_fields')), wpHeaders(req));
  }
  if (!/^\/wp\/v2\/comments\/?$/.test(route)) {
    return json(res, 404, { code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } }, wpHeaders(req));
  }
  if (req.method === 'GET') return wpList(req, res, site, q, origin);
  if (req.method === 'POST') return wpCreate(req, res, site, origin);
  return json(res, 405, { code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } }, wpHeaders(req));
}

function wpList(req, res, site, q, origin) {
  const perPage = q.has('per_page') ? Number(q.get('per_page')) : 10;
  const page = q.has('page') ? Number(q.get('page')) : 1;
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
    return json(res, 400, { code: 'rest_invalid_param', message: 'Invalid parameter(s): per_page', data: { status: 400, params: { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' } } }, wpHeaders(req));
  }
  const posts = q.get('post')?.split(',').map(Number);
  const parents = q.has('parent') ? q.get('parent').split(',').map(Number) : undefined;
  const desc = (q.get('order') ?? 'desc') === 'desc';
  let list = site.comments.filter(
    (c) => c.status === 'approved' && (!posts || posts.includes(c.post)) && (!parents || parents.includes(c.parent)),
  );
  list.sort((a, b) => (a.date_gmt < b.date_gmt ? -1 : a.date_gmt > b.date_gmt ? 1 : a.id - b.id) * (desc ? -1 : 1));
  const total = list.length;
  const pages = Math.ceil(total / perPage);
  if (page > pages && total > 0 && site.totalPages === undefined) {
    return json(res, 400, { code: 'rest_comment_invalid_page_number', message: 'The page number requested is larger than the number of pages available.', data: { status: 400 } }, wpHeaders(req));
  }
  if (site.totalPages !== undefined) {
    // Page after page of the same comments, as many as the header claims.
    const body = list.slice(0, perPage).map((c) => pickFields(wpView(site, c, origin), q.get('_fields')));
    return json(res, 200, body, { ...wpHeaders(req), 'X-WP-Total': String(total), 'X-WP-TotalPages': String(site.totalPages), Allow: 'GET, POST' });
  }
  list = list.slice((page - 1) * perPage, page * perPage);
  const body = list.map((c) => pickFields(wpView(site, c, origin), q.get('_fields')));
  return json(res, 200, body, { ...wpHeaders(req), 'X-WP-Total': String(total), 'X-WP-TotalPages': String(pages), Allow: 'GET, POST' });
}

async function wpCreate(req, res, site, origin) {
  let body;
  try {
    body = await readJson(req);
    site.log.at(-1).body = body;
  } catch {
    return json(res, 400, { code: 'rest_invalid_json', message: 'Invalid JSON body passed.', data: { status: 400 } }, wpHeaders(req));
  }
  const str = (v) => (typeof v === 'string' ? v.trim() : '');
  // Parameter validation comes before anything else in WordPress.
  if (str(body.author_email) && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(str(body.author_email))) return wpError(req, res, 'rest_invalid_param');
  if (!site.anonymous) return wpError(req, res, 'rest_comment_login_required');
  if (Number(body.post) !== site.postId) return wpError(req, res, 'rest_comment_invalid_post_id');
  if (site.commentStatus !== 'open') return wpError(req, res, 'rest_comment_closed');
  if (!str(body.author_name) || !str(body.author_email)) return wpError(req, res, 'rest_comment_author_data_required');
  if (!str(body.content)) return wpError(req, res, 'rest_comment_content_invalid');
  const parent = Number(body.parent ?? 0);
  const duplicate = site.comments.some(
    (c) => c.post === site.postId && c.parent === parent && c.content === str(body.content) &&
      (c.author_email === str(body.author_email) || c.author_name === str(body.author_name)),
  );
  if (duplicate) return wpError(req, res, 'comment_duplicate');
  const now = Date.now();
  if (site.flood && now - site.lastPostAt < FLOOD_WINDOW_MS) return wpError(req, res, 'comment_flood');
  site.lastPostAt = now;
  const comment = {
    id: site.nextId++,
    post: site.postId,
    parent,
    author_name: str(body.author_name),
    author_email: str(body.author_email),
    author_url: str(body.author_url),
    date_gmt: new Date(now).toISOString().slice(0, 19),
    content: str(body.content),
    status: site.moderation === 'hold' ? 'hold' : 'approved',
  };
  site.comments.push(comment);
  const location = `${origin}/__wp/${site.id}/wp-json/wp/v2/comments/${comment.id}`;
  return json(res, 201, wpView(site, comment, origin), { ...wpHeaders(req), Location: location, Allow: 'POST' });
}

// ---- plumbing ---------------------------------------------------------------------------

function json(res, status, body, headers = {}) {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=UTF-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

function readJson(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve(text ? JSON.parse(text) : {});
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', reject);
  });
}

function drain(req) {
  req.on('error', () => {});
  req.resume();
}

/** Routes one request; resolves once the response is finished or abandoned. */
async function route(req, res, crossOrigin) {
  const done = new Promise((resolve) => {
    res.once('close', resolve);
    res.once('finish', resolve);
  });
  try {
    const url = new URL(req.url, 'http://localhost');
    const apiMatch = API.exec(url.pathname);
    if (apiMatch) await api(req, res, decodeURIComponent(apiMatch[1]));
    else if (url.pathname.startsWith('/__comments/')) await control(req, res, url, crossOrigin);
    else if (url.pathname.startsWith('/__wp/')) await wordpress(req, res, url);
    else return false;
  } catch (error) {
    console.error('[comments test server]', error);
    json(res, 500, { error: { code: 'server_error', message: String(error) } });
  }
  await done;
  return true;
}

// The second origin: the same routes, reached cross-origin from the test page.
let crossServer;
function crossOrigin() {
  crossServer ??= new Promise((resolve, reject) => {
    const server = createServer((req, res) => {
      route(req, res, crossOrigin).then((handled) => {
        if (!handled) json(res, 404, { error: 'not found' });
      });
    });
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.unref();
      resolve(`http://127.0.0.1:${server.address().port}`);
    });
  });
  return crossServer;
}

export default async function commentsTestServer(ctx, next) {
  const path = ctx.path;
  if (!path.startsWith('/api/') && !path.startsWith('/__comments/') && !path.startsWith('/__wp/')) return next();
  ctx.respond = false;
  // Koa presets 404, which the runner would report for requests that never get an
  // answer on purpose (stalled, dropped).
  ctx.res.statusCode = 200;
  if (!(await route(ctx.req, ctx.res, crossOrigin))) {
    ctx.respond = true;
    return next();
  }
}
