// The reference server for the Lapa comments protocol (docs/comments-protocol.md):
// Node's http module and better-sqlite3, nothing else. It is a request handler, not a
// listening server, so the demo server and the test runner can mount it beside their
// own routes.
//
// better-sqlite3 is synchronous and Node runs one request handler at a time, so
// everything between "the body has arrived" and "the answer is ready" happens in one
// IMMEDIATE transaction without yielding: concurrent POSTs (with or without the same
// Idempotency-Key) cannot interleave, and a second process writing the same file waits
// for the lock instead of racing.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { normaliseEmail, openCommentDb } from './store.mjs';

const ROUTE = /^\/api\/articles\/([^/]*)\/comments$/;
const ARTICLE_ID = /^[A-Za-z0-9_-]{1,100}$/;
// Ids stay below 2^53 so they survive a round trip through a JS number.
const COMMENT_ID = /^[1-9][0-9]{0,14}$/;
const TOKEN = /^([0-9a-z]{1,11})\.([A-Za-z0-9_-]{43})$/;
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;
const NAME_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const TEXT_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MAX_URL_LENGTH = 2000;
const MAX_EMAIL_LENGTH = 254;
const MAX_IDEMPOTENCY_KEY_LENGTH = 100;
const DEFAULT_PER_PAGE = 20;
const MAX_PER_PAGE = 100;
const MAX_PAGE = 1_000_000;
// After a 413 the rest of the body is read and thrown away, so the client (which is
// still sending) gets to read the answer instead of a connection reset; past this much
// the connection is cut after all.
const MAX_DRAIN_BYTES = 1 << 20;
// Expired rate-limit rows and idempotency records are deleted at most this often on GET
// (every POST purges, as it writes anyway).
const PURGE_INTERVAL_MS = 60_000;
// A token issued slightly "in the future" is clock skew between processes sharing a
// secret, not forgery.
const TOKEN_CLOCK_SKEW_MS = 60_000;

const STATUSES = new Set(['approved', 'pending', 'rejected']);

class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   * @param {{ field?: string, headers?: Record<string, string> }} [extra]
   */
  constructor(status, code, message, { field, headers } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.headers = headers;
  }
}

const invalidField = (field, message) => new ApiError(400, 'invalid_field', message, { field });
const notFound = () => new ApiError(404, 'not_found', 'There is no such article.');

/**
 * Creates the comments API for one database.
 *
 * @param {object} [options] see "The reference server" in docs/comments-protocol.md
 * @returns {{
 *   handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): boolean,
 *   db: import('better-sqlite3').Database,
 *   insertComment(comment: object): string,
 *   closeArticle(articleId: string): void,
 *   openArticle(articleId: string): void,
 *   purgeExpired(): void,
 *   close(): void,
 * }}
 */
export function createCommentServer(options = {}) {
  const opts = resolveOptions(options);
  const db = openCommentDb(opts.dbPath);
  const sql = prepareStatements(db);
  let lastPurge = -Infinity;
  purgeExpired();

  function purgeExpired() {
    const now = opts.now();
    lastPurge = now;
    sql.purgeHits.run(now - opts.clientAddressRetentionMs);
    sql.purgeIdempotency.run(now - opts.idempotencyRetentionMs);
  }

  function purgeIfDue() {
    if (opts.now() - lastPurge >= PURGE_INTERVAL_MS) purgeExpired();
  }

  // ---- request handling ----------------------------------------------------------

  function handle(req, res) {
    const { path, query } = splitUrl(req.url ?? '/');
    const match = ROUTE.exec(path);
    if (match) {
      answer(req, res, () => route(req, match[1], query, path));
      return true;
    }
    if (opts.handleUnknownApi && (path === '/api' || path.startsWith('/api/'))) {
      answer(req, res, () => {
        drain(req);
        throw new ApiError(404, 'not_found', 'There is no such API endpoint.');
      });
      return true;
    }
    return false;
  }

  async function answer(req, res, work) {
    let result;
    try {
      setCorsHeaders(req, res);
      result = await work();
    } catch (error) {
      if (!(error instanceof ApiError)) {
        reportError(error);
        error = new ApiError(500, 'server_error', 'Something went wrong on the server.');
      }
      result = errorResult(error);
    }
    try {
      // null: the client went away before its body arrived; nobody is listening.
      if (result) send(res, result);
    } catch (error) {
      reportError(error);
      res.destroy();
    }
  }

  function reportError(error) {
    try {
      opts.onError(error);
    } catch {
      // A failing logger must not take the server down with it.
    }
  }

  async function route(req, rawArticleId, query, path) {
    if (req.method === 'OPTIONS') return preflight();
    if (!ARTICLE_ID.test(rawArticleId)) {
      drain(req);
      throw notFound();
    }
    if (req.method === 'GET') return list(req, rawArticleId, query, path);
    if (req.method === 'POST') return post(req, rawArticleId);
    drain(req);
    throw new ApiError(405, 'method_not_allowed', 'Use GET or POST.', {
      headers: { Allow: 'GET, POST, OPTIONS' },
    });
  }

  function preflight() {
    return {
      status: 204,
      headers: {
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key',
        'Access-Control-Max-Age': '600',
      },
    };
  }

  function setCorsHeaders(req, res) {
    if (opts.allowedOrigins === '*') {
      res.setHeader('Access-Control-Allow-Origin', '*');
    } else {
      appendVary(res, 'Origin');
      const origin = req.headers.origin;
      if (typeof origin === 'string' && opts.allowedOrigins.has(origin)) {
        res.setHeader('Access-Control-Allow-Origin', origin);
      }
    }
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
  }

  async function articleState(articleId) {
    const info = await opts.articles(articleId);
    if (!info || !info.exists) throw notFound();
    const row = sql.articleState.get(articleId);
    return { open: Boolean(info.open) && (row === undefined || row.open === 1) };
  }

  // ---- GET -------------------------------------------------------------------------

  async function list(req, articleId, query, path) {
    const { open } = await articleState(articleId);
    purgeIfDue();
    const page = Math.min(positiveInt(query.get('page')) ?? 1, MAX_PAGE);
    const perPage = Math.min(positiveInt(query.get('per_page')) ?? DEFAULT_PER_PAGE, MAX_PER_PAGE);
    const order = query.get('order') === 'newest' ? 'newest' : 'oldest';
    const offset = (page - 1) * perPage;

    const read = db.transaction(() => ({
      rows: (order === 'newest' ? sql.pageNewest : sql.pageOldest).all(articleId, perPage, offset),
      threads: sql.countThreads.get(articleId).n,
      total: sql.countVisible.get(articleId).n,
    }));
    const { rows, threads, total } = read();

    let next = null;
    if (offset + perPage < threads) {
      const params = new URLSearchParams({ page: String(page + 1), per_page: String(perPage), order });
      next = `${publicOrigin(req)}${path}?${params}`;
    }
    return {
      status: 200,
      body: { open, total, comments: threadOrder(rows, order), next, token: issueToken(articleId) },
    };
  }

  function publicOrigin(req) {
    let scheme = 'http';
    let host = req.headers.host;
    if (opts.trustProxy) {
      const proto = firstValue(req.headers['x-forwarded-proto'])?.toLowerCase();
      if (proto === 'http' || proto === 'https') scheme = proto;
      const forwardedHost = firstValue(req.headers['x-forwarded-host']);
      if (forwardedHost) host = forwardedHost;
    }
    if (typeof host !== 'string' || !HOST.test(host)) {
      // Never echo a malformed Host into a URL; the address we were reached on will do.
      const address = req.socket.localAddress ?? '127.0.0.1';
      host = `${address.includes(':') ? `[${address}]` : address}:${req.socket.localPort}`;
    }
    return `${scheme}://${host}`;
  }

  // ---- tokens ----------------------------------------------------------------------

  function sign(articleId, issued) {
    return createHmac('sha256', opts.secret).update(`lapa-comments-v1\n${articleId}\n${issued}`).digest('base64url');
  }

  function issueToken(articleId) {
    const issued = Math.floor(opts.now()).toString(36);
    return `${issued}.${sign(articleId, issued)}`;
  }

  /** @returns {number} the token's age in milliseconds */
  function tokenAge(token, articleId, now) {
    const invalid = () =>
      new ApiError(400, 'invalid_token', 'The form has expired or was not issued by this server. Reload it and try again.');
    if (typeof token !== 'string') throw invalid();
    const match = TOKEN.exec(token);
    if (!match) throw invalid();
    const expected = Buffer.from(sign(articleId, match[1]));
    if (!timingSafeEqual(expected, Buffer.from(match[2]))) throw invalid();
    const age = now - parseInt(match[1], 36);
    if (age > opts.tokenMaxAgeMs || age < -TOKEN_CLOCK_SKEW_MS) throw invalid();
    return age;
  }

  // ---- POST ------------------------------------------------------------------------

  async function post(req, articleId) {
    let article;
    try {
      article = await articleState(articleId);
    } catch (error) {
      drain(req);
      throw error;
    }
    const key = idempotencyKey(req);
    // A retry of a stored submission gets its first answer even if the article has
    // closed since; checked again inside the transaction for concurrent retries.
    const prior = key === undefined ? undefined : sql.getIdempotent.get(articleId, key);
    if (prior) {
      drain(req);
      return replay(prior);
    }
    if (!article.open) {
      drain(req);
      throw new ApiError(403, 'closed', 'This article no longer takes comments.');
    }
    if (!isJsonContentType(req.headers['content-type'])) {
      drain(req);
      throw new ApiError(415, 'unsupported_media_type', 'Send the comment as application/json.');
    }
    const body = await readBody(req, opts.maxBodyBytes);
    if (body === null) return null;
    const client = clientKey(req);
    return db.transaction(() => submit(articleId, key, body, client)).immediate();
  }

  function idempotencyKey(req) {
    const key = req.headers['idempotency-key'];
    if (key === undefined) return undefined;
    if (key.length < 1 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      drain(req);
      throw new ApiError(400, 'invalid_field', `The Idempotency-Key header must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`);
    }
    return key;
  }

  function replay(row) {
    return { status: row.status, bodyText: row.body, headers: { 'Idempotent-Replayed': 'true' } };
  }

  function submit(articleId, key, body, client) {
    if (key !== undefined) {
      const prior = sql.getIdempotent.get(articleId, key);
      if (prior) return replay(prior);
    }
    const now = opts.now();
    const input = parseJsonObject(body);
    const fields = validateFields(input);
    const age = tokenAge(input.token, articleId, now);
    if (isFilled(input.website2) || age < opts.minSubmitMs) {
      throw new ApiError(400, 'spam', 'The submission looks automated. Wait a moment and try again.');
    }
    enforceRateLimit(client, now);
    if (fields.parent !== null) {
      const parent = sql.getComment.get(Number(fields.parent));
      if (!parent || parent.article_id !== articleId || parent.status !== 'approved') {
        throw invalidField('parent', 'The comment you reply to does not exist (any more).');
      }
    }
    const textKey = duplicateKey(fields.text);
    for (const row of sql.textsByAuthor.iterate(articleId, fields.email)) {
      if (duplicateKey(row.text) === textKey) {
        throw new ApiError(409, 'duplicate', 'You have already posted this comment.');
      }
    }
    let status = 'approved';
    if (opts.holdAll || (opts.holdFirstTime && !sql.hasApproved.get(fields.email))) status = 'pending';

    const createdAt = new Date(now).toISOString();
    const { lastInsertRowid } = sql.insert.run(
      articleId,
      fields.parent === null ? null : Number(fields.parent),
      fields.name,
      fields.email,
      fields.url,
      fields.text,
      status,
      createdAt,
    );
    if (opts.rateLimit) sql.addHit.run(client, fields.email, now);
    sql.purgeHits.run(now - opts.clientAddressRetentionMs);
    sql.purgeIdempotency.run(now - opts.idempotencyRetentionMs);

    const comment = toWire(sql.getComment.get(lastInsertRowid));
    const bodyText = JSON.stringify({ comment, status });
    // Only stored comments are remembered: an answer that stored nothing (an invalid
    // field, 429...) is safe to compute again, and a retry may well succeed.
    if (key !== undefined) sql.putIdempotent.run(articleId, key, 201, bodyText, now);
    return { status: 201, bodyText };
  }

  function enforceRateLimit(client, now) {
    if (!opts.rateLimit) return;
    const { max, windowMs } = opts.rateLimit;
    // Rows past the retention period count as gone even before the purge deletes them.
    const since = Math.max(now - windowMs, now - opts.clientAddressRetentionMs);
    const { n } = sql.countHits.get(client, since);
    if (n < max) return;
    // Allowed again once enough of the hits in the window have aged out of it.
    const { at } = sql.nthHit.get(client, since, n - max);
    const seconds = Math.max(1, Math.ceil((Math.min(at + windowMs, at + opts.clientAddressRetentionMs) - now) / 1000));
    throw new ApiError(429, 'too_fast', `Too many comments in a short time. Try again in ${seconds} s.`, {
      headers: { 'Retry-After': String(seconds) },
    });
  }

  function clientKey(req) {
    let address = req.socket.remoteAddress ?? '';
    if (opts.trustProxy) {
      // The proxy appends the address it saw; entries before it are the client's word.
      const forwarded = String(req.headers['x-forwarded-for'] ?? '')
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
        .at(-1);
      if (forwarded) address = forwarded;
    }
    return rateLimitKey(address);
  }

  function validateFields(input) {
    const name = cleanString(input.author_name, 'author_name', 'Your name');
    if (name.length < 1) throw invalidField('author_name', 'Your name is required.');
    if (name.length > opts.maxNameLength) {
      throw invalidField('author_name', `Your name can be at most ${opts.maxNameLength} characters.`);
    }
    if (NAME_FORBIDDEN.test(name)) throw invalidField('author_name', 'Your name contains control characters.');

    const emailInput = cleanString(input.author_email, 'author_email', 'Your email');
    if (emailInput.length < 1) throw invalidField('author_email', 'Your email is required.');
    if (emailInput.length > MAX_EMAIL_LENGTH || !EMAIL.test(emailInput)) {
      throw invalidField('author_email', 'Your email does not look like an email address.');
    }
    const email = normaliseEmail(emailInput);

    let url = null;
    if (input.author_url !== undefined && input.author_url !== null) {
      const raw = cleanString(input.author_url, 'author_url', 'Your website');
      if (raw !== '') {
        if (raw.length > MAX_URL_LENGTH) {
          throw invalidField('author_url', `Your website address can be at most ${MAX_URL_LENGTH} characters.`);
        }
        let parsed;
        try {
          parsed = new URL(raw);
        } catch {
          throw invalidField('author_url', 'Your website must be a full http:// or https:// address.');
        }
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:' || NAME_FORBIDDEN.test(raw)) {
          throw invalidField('author_url', 'Your website must be a full http:// or https:// address.');
        }
        url = raw;
      }
    }

    const text = cleanString(input.text, 'text', 'The comment').replace(/\r\n?/g, '\n').trim();
    if (text.length < 1) throw invalidField('text', 'The comment is empty.');
    if (text.length > opts.maxTextLength) {
      throw invalidField('text', `The comment can be at most ${opts.maxTextLength} characters.`);
    }
    if (TEXT_FORBIDDEN.test(text)) throw invalidField('text', 'The comment contains control characters.');

    let parent = null;
    if (input.parent !== undefined && input.parent !== null) {
      if (typeof input.parent !== 'string' || !COMMENT_ID.test(input.parent)) {
        throw invalidField('parent', 'The comment you reply to does not exist (any more).');
      }
      parent = input.parent;
    }
    return { name, email, url, text, parent };
  }

  // ---- helpers for the demo and tests ----------------------------------------------

  /**
   * Stores a comment as is, bypassing the protocol's checks (for seeding demo data).
   * @returns {string} the new comment's id
   */
  function insertComment({
    articleId,
    parent = null,
    name,
    email = '',
    url = null,
    text,
    status = 'approved',
    date = new Date(opts.now()),
  }) {
    if (typeof articleId !== 'string' || !ARTICLE_ID.test(articleId)) throw new TypeError('insertComment: bad articleId');
    if (typeof name !== 'string' || typeof text !== 'string') throw new TypeError('insertComment: name and text are strings');
    if (!STATUSES.has(status)) throw new TypeError(`insertComment: status must be one of ${[...STATUSES].join(', ')}`);
    if (parent !== null) {
      const row = sql.getComment.get(Number(parent));
      if (!row || row.article_id !== articleId) throw new TypeError(`insertComment: no comment ${parent} on ${articleId}`);
    }
    const { lastInsertRowid } = sql.insert.run(
      articleId,
      parent === null ? null : Number(parent),
      name,
      normaliseEmail(email),
      url,
      text,
      status,
      new Date(date).toISOString(),
    );
    return String(lastInsertRowid);
  }

  function setArticleOpen(articleId, open) {
    if (typeof articleId !== 'string' || !ARTICLE_ID.test(articleId)) throw new TypeError('bad articleId');
    sql.setArticleState.run(articleId, open ? 1 : 0);
  }

  return {
    handle,
    db,
    insertComment,
    closeArticle: (articleId) => setArticleOpen(articleId, false),
    openArticle: (articleId) => setArticleOpen(articleId, true),
    purgeExpired,
    close() {
      if (db.open) db.close();
    },
  };
}

// ---- options ---------------------------------------------------------------------

function resolveOptions(options) {
  const o = {
    dbPath: ':memory:',
    secret: randomBytes(32),
    minSubmitMs: 3000,
    tokenMaxAgeMs: DAY,
    rateLimit: { max: 5, windowMs: 60_000 },
    holdFirstTime: false,
    holdAll: false,
    allowedOrigins: '*',
    maxBodyBytes: 16_384,
    maxTextLength: 5000,
    maxNameLength: 100,
    trustProxy: false,
    clientAddressRetentionMs: DAY,
    idempotencyRetentionMs: DAY,
    handleUnknownApi: false,
    now: () => Date.now(),
    articles: () => ({ exists: true, open: true }),
    onError: (error) => console.error('[comments]', error),
  };
  for (const [name, value] of Object.entries(options)) {
    if (!(name in o)) throw new TypeError(`createCommentServer: unknown option "${name}"`);
    if (value !== undefined) o[name] = value;
  }
  for (const name of ['minSubmitMs', 'tokenMaxAgeMs', 'maxBodyBytes', 'maxTextLength', 'maxNameLength', 'clientAddressRetentionMs', 'idempotencyRetentionMs']) {
    if (!Number.isFinite(o[name]) || o[name] < 0) throw new TypeError(`createCommentServer: ${name} must be a number >= 0`);
  }
  if (o.rateLimit !== false) {
    const { max, windowMs } = o.rateLimit ?? {};
    if (!(Number.isInteger(max) && max >= 1 && Number.isFinite(windowMs) && windowMs > 0)) {
      throw new TypeError('createCommentServer: rateLimit must be false or { max >= 1, windowMs > 0 }');
    }
  }
  if (typeof o.secret === 'string' ? o.secret.length === 0 : !Buffer.isBuffer(o.secret)) {
    throw new TypeError('createCommentServer: secret must be a non-empty string or a Buffer');
  }
  if (o.allowedOrigins !== '*') {
    const list = typeof o.allowedOrigins === 'string' ? [o.allowedOrigins] : o.allowedOrigins;
    if (!Array.isArray(list)) throw new TypeError("createCommentServer: allowedOrigins must be '*' or an array of origins");
    o.allowedOrigins = new Set(list);
  }
  for (const name of ['now', 'articles', 'onError']) {
    if (typeof o[name] !== 'function') throw new TypeError(`createCommentServer: ${name} must be a function`);
  }
  return o;
}

// ---- SQL -------------------------------------------------------------------------

function prepareStatements(db) {
  // The page's top-level threads, then every approved descendant whose whole chain of
  // ancestors is approved: a reply under a rejected comment disappears with it.
  const page = (direction) => `
    WITH RECURSIVE
      roots AS (
        SELECT id FROM comments
        WHERE article_id = ? AND parent_id IS NULL AND status = 'approved'
        ORDER BY created_at ${direction}, id ${direction}
        LIMIT ? OFFSET ?
      ),
      tree AS (
        SELECT c.* FROM comments c JOIN roots r ON c.id = r.id
        UNION ALL
        SELECT c.* FROM comments c JOIN tree t ON c.parent_id = t.id AND c.article_id = t.article_id
        WHERE c.status = 'approved'
      )
    SELECT id, parent_id, author_name, author_url, text, created_at FROM tree`;
  return {
    pageOldest: db.prepare(page('ASC')),
    pageNewest: db.prepare(page('DESC')),
    countThreads: db.prepare(
      "SELECT count(*) AS n FROM comments WHERE article_id = ? AND parent_id IS NULL AND status = 'approved'",
    ),
    countVisible: db.prepare(`
      WITH RECURSIVE tree AS (
        SELECT id, article_id FROM comments WHERE article_id = ? AND parent_id IS NULL AND status = 'approved'
        UNION ALL
        SELECT c.id, c.article_id FROM comments c JOIN tree t ON c.parent_id = t.id AND c.article_id = t.article_id
        WHERE c.status = 'approved'
      )
      SELECT count(*) AS n FROM tree`),
    getComment: db.prepare(
      'SELECT id, article_id, parent_id, author_name, author_url, text, status, created_at FROM comments WHERE id = ?',
    ),
    textsByAuthor: db.prepare('SELECT text FROM comments WHERE article_id = ? AND author_email = ?'),
    hasApproved: db.prepare("SELECT 1 FROM comments WHERE author_email = ? AND status = 'approved' LIMIT 1"),
    insert: db.prepare(`
      INSERT INTO comments (article_id, parent_id, author_name, author_email, author_url, text, status, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    articleState: db.prepare('SELECT open FROM article_state WHERE article_id = ?'),
    setArticleState: db.prepare(`
      INSERT INTO article_state (article_id, open) VALUES (?, ?)
      ON CONFLICT (article_id) DO UPDATE SET open = excluded.open`),
    getIdempotent: db.prepare('SELECT status, body FROM idempotency WHERE article_id = ? AND key = ?'),
    putIdempotent: db.prepare('INSERT INTO idempotency (article_id, key, status, body, created_at) VALUES (?, ?, ?, ?, ?)'),
    purgeIdempotency: db.prepare('DELETE FROM idempotency WHERE created_at <= ?'),
    countHits: db.prepare('SELECT count(*) AS n FROM rate_limit_hits WHERE client = ? AND at > ?'),
    nthHit: db.prepare('SELECT at FROM rate_limit_hits WHERE client = ? AND at > ? ORDER BY at LIMIT 1 OFFSET ?'),
    addHit: db.prepare('INSERT INTO rate_limit_hits (client, email, at) VALUES (?, ?, ?)'),
    purgeHits: db.prepare('DELETE FROM rate_limit_hits WHERE at <= ?'),
  };
}

// ---- pure helpers ----------------------------------------------------------------

/** Threads in page order, each reply right after its parent (depth first), siblings oldest first. */
function threadOrder(rows, order) {
  const byTime = (a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id - b.id);
  const roots = [];
  const children = new Map();
  for (const row of rows) {
    if (row.parent_id === null) roots.push(row);
    else if (children.has(row.parent_id)) children.get(row.parent_id).push(row);
    else children.set(row.parent_id, [row]);
  }
  roots.sort(order === 'newest' ? (a, b) => byTime(b, a) : byTime);
  for (const list of children.values()) list.sort(byTime);
  // Iterative, because reply chains may be arbitrarily deep.
  const out = [];
  const stack = roots.reverse();
  while (stack.length > 0) {
    const row = stack.pop();
    out.push(toWire(row));
    const kids = children.get(row.id);
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return out;
}

/** A stored row as the protocol shows it: never the email, never the status. */
function toWire(row) {
  return {
    id: String(row.id),
    parent: row.parent_id === null ? null : String(row.parent_id),
    author: row.author_url ? { name: row.author_name, url: row.author_url } : { name: row.author_name },
    text: row.text,
    date: row.created_at,
  };
}

function errorResult(error) {
  const body = { error: { code: error.code, message: error.message } };
  if (error.field) body.error.field = error.field;
  return { status: error.status, body, headers: error.headers };
}

function send(res, { status, body, bodyText, headers }) {
  if (res.headersSent) {
    res.end();
    return;
  }
  for (const [name, value] of Object.entries(headers ?? {})) res.setHeader(name, value);
  res.setHeader('Cache-Control', 'no-store');
  if (status === 204) {
    res.writeHead(204);
    res.end();
    return;
  }
  const text = bodyText ?? JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

function appendVary(res, name) {
  const current = res.getHeader('Vary');
  if (!current) res.setHeader('Vary', name);
  else if (!String(current).split(',').some((part) => part.trim().toLowerCase() === name.toLowerCase())) {
    res.setHeader('Vary', `${current}, ${name}`);
  }
}

function splitUrl(url) {
  // Absolute-form request targets (sent to proxies) carry the origin too.
  let target = url;
  if (!target.startsWith('/')) {
    try {
      const parsed = new URL(target);
      target = parsed.pathname + parsed.search;
    } catch {
      return { path: '', query: new URLSearchParams() };
    }
  }
  const q = target.indexOf('?');
  return q < 0
    ? { path: target, query: new URLSearchParams() }
    : { path: target.slice(0, q), query: new URLSearchParams(target.slice(q + 1)) };
}

function positiveInt(value) {
  if (value === null || !/^[0-9]{1,9}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 ? n : undefined;
}

function firstValue(header) {
  if (typeof header !== 'string') return undefined;
  return header.split(',')[0].trim() || undefined;
}

function isJsonContentType(header) {
  if (typeof header !== 'string') return false;
  const [type, ...params] = header.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((param) => {
    if (!param.startsWith('charset=')) return true;
    const charset = param.slice(8).replace(/^"|"$/g, '');
    return charset === 'utf-8' || charset === 'utf8';
  });
}

/** Reads the body, answering 413 as soon as it passes the limit. null: the client left. */
function readBody(req, limit) {
  const tooLarge = () => new ApiError(413, 'too_large', `The comment is over the server's limit of ${limit} bytes.`);
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > limit) {
      drain(req);
      reject(tooLarge());
      return;
    }
    const chunks = [];
    let size = 0;
    let settled = false;
    const onData = (chunk) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      settled = true;
      chunks.length = 0;
      req.off('data', onData);
      drain(req);
      reject(tooLarge());
    };
    req.on('data', onData);
    req.on('error', () => {}); // an aborted upload; 'close' below settles it
    req.once('end', () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks));
    });
    req.once('close', () => {
      if (settled) return;
      settled = true;
      resolve(null);
    });
  });
}

/** Reads and discards what is left of a body we answer without needing. */
function drain(req) {
  if (req.readableEnded || req.destroyed) return;
  let drained = 0;
  req.on('data', (chunk) => {
    drained += chunk.length;
    if (drained > MAX_DRAIN_BYTES) req.destroy();
  });
  req.on('error', () => {});
  req.resume();
}

function parseJsonObject(body) {
  let value;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    throw new ApiError(400, 'invalid_json', 'The body is not valid JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ApiError(400, 'invalid_json', 'The body must be a JSON object.');
  }
  return value;
}

function cleanString(value, field, label) {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw invalidField(field, `${label} must be text.`);
  // Lone surrogates cannot be stored as UTF-8 without being mangled.
  if (!value.isWellFormed()) throw invalidField(field, `${label} contains invalid characters.`);
  return value.trim();
}

function isFilled(honeypot) {
  return !(honeypot === undefined || honeypot === null || honeypot === '');
}

/** Two texts are the same comment when they differ only in case, spacing or Unicode form. */
function duplicateKey(text) {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The rate-limit key for an address. An IPv6 user typically holds a whole /64, so
 * addresses inside one count as one client.
 */
export function rateLimitKey(address) {
  const plain = address.split('%')[0].toLowerCase();
  if (plain.startsWith('::ffff:') && plain.includes('.')) return plain.slice(7);
  if (!plain.includes(':')) return plain;
  const [head, tail] = plain.includes('::') ? plain.split('::') : [plain, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
