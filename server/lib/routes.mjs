// @ts-check
// The protocol's routes (docs/comments-protocol.md) as a Node request handler: it
// answers (and returns true) for /api/articles/:id/comments and returns false for
// anything else, so it mounts beside other routes; http.mjs gives it a listener of its
// own with the limits a server on the internet needs.
//
// All checks of a submission, from its Idempotency-Key to the insert, run in one store
// transaction that first takes the article's lock (and the client's, for the rate
// limit), so concurrent posts, with or without the same key, to one process or to
// several sharing a PostgreSQL database, cannot interleave.
import { randomBytes } from 'node:crypto';
import { ApiError, invalidField, notFound } from './errors.mjs';
import { MAX_PAGE_BYTES, SKELETON_MAX_REPLIES, WALK_BATCH, parseCursor, repliesPage, threadPage, toWire } from './paging.mjs';
import { createNotifier } from './notify.mjs';
import { createProofOfWork } from './pow.mjs';
import { clientAddress, isTrustedPeer, parseTrustProxy, rateLimitKey } from './proxy.mjs';
import { createRules } from './rules.mjs';
import { SqliteStore } from './stores/sqlite.mjs';
import { authorKey, createTokens } from './tokens.mjs';
import {
  ARTICLE_ID,
  COMMENT_ID,
  MAX_IDEMPOTENCY_KEY_LENGTH,
  isFilled,
  isJsonContentType,
  largestSubmissionBytes,
  parseJsonObject,
  validateFields,
} from './validation.mjs';

export { rateLimitKey };

const ROUTE = /^\/api\/articles\/([^/]*)\/comments$/;
const REPORT_ROUTE = /^\/api\/articles\/([^/]*)\/comments\/([^/]*)\/reports$/;
const REPORT_REASONS = new Set(['spam', 'harassment', 'illegal', 'other']);
const MAX_REPORT_TEXT = 1000;
const HOST = /^(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?$/;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
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

const STATUSES = new Set(['approved', 'pending', 'rejected']);

/**
 * @typedef {import('./stores/sqlite.mjs').SqliteStore | import('./stores/postgres.mjs').PostgresStore} Store
 * @typedef {import('./stores/sqlite.mjs').SqliteStore | import('./stores/postgres.mjs').PgOps} Tx what a store's transaction hands its work
 * @typedef {{ status: number, body?: unknown, bodyText?: string, headers?: Record<string, string> }} Result
 * @typedef {{
 *   store?: Store, dbPath?: string, secret?: string | Buffer, minSubmitMs?: number, tokenMaxAgeMs?: number,
 *   rateLimit?: false | { max: number, windowMs: number }, hold?: 'first-time' | 'all' | 'none',
 *   holdFirstTime?: boolean, holdAll?: boolean, allowedOrigins: '*' | string | string[],
 *   maxBodyBytes?: number, maxTextLength?: number, maxNameLength?: number, maxPageBytes?: number,
 *   trustProxy?: unknown, publicHosts?: string[], clientAddressRetentionMs?: number,
 *   idempotencyRetentionMs?: number, handleUnknownApi?: boolean, now?: () => number,
 *   articles?: 'allowlist' | 'any' | ((articleId: string) => ({ exists: boolean, open: boolean } | Promise<{ exists: boolean, open: boolean }>)),
 *   onError?: (error: unknown) => void, holdRules?: import('./rules.mjs').HoldRules, notifyWebhook?: string,
 *   hideAfterReports?: number, proofOfWork?: boolean | import('./pow.mjs').ProofOfWorkOptions, skeletonMaxReplies?: number, walkBatch?: number,
 * }} CommentServerOptions
 */

/**
 * Creates the comments API over one store (by default a SQLite file at `dbPath`).
 * @param {CommentServerOptions} options see "The reference server" in docs/comments-protocol.md
 */
export function createCommentServer(options) {
  const opts = resolveOptions(options);
  const store = opts.store ?? new SqliteStore(opts.dbPath);
  const ownsStore = !opts.store;
  const storeSecret = store.secret();
  const tokens = createTokens({ secret: opts.secret ?? storeSecret, now: opts.now, tokenMaxAgeMs: opts.tokenMaxAgeMs });
  const trust = parseTrustProxy(opts.trustProxy);
  const publicHosts = new Set((opts.publicHosts ?? []).map((host) => host.toLowerCase()));
  const holdReason = createRules(opts.holdRules);
  const pow = opts.proofOfWork
    ? createProofOfWork({ secret: `${storeSecret}\npow`, now: opts.now, maxAgeMs: opts.tokenMaxAgeMs, ...(opts.proofOfWork === true ? {} : opts.proofOfWork) })
    : null;
  const notify = createNotifier(opts.notifyWebhook, (error) => reportError(error));
  /** @type {Set<Promise<void>>} */
  const notifications = new Set();
  /** @param {Record<string, unknown>} event */
  const announce = (event) => {
    const sent = notify(event).finally(() => notifications.delete(sent));
    notifications.add(sent);
  };
  let lastPurge = -Infinity;

  async function purgeExpired() {
    const now = opts.now();
    lastPurge = now;
    await store.purge(now - opts.clientAddressRetentionMs, now - opts.idempotencyRetentionMs);
  }

  // ---- request handling ----------------------------------------------------------

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @returns {boolean} whether this handler answers the request
   */
  function handle(req, res) {
    const { path, query } = splitUrl(req.url ?? '/');
    const match = ROUTE.exec(path);
    if (match) {
      answer(req, res, () => route(req, match[1], query, path));
      return true;
    }
    const report = REPORT_ROUTE.exec(path);
    if (report) {
      answer(req, res, () => reportRoute(req, report[1], report[2]));
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

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {() => Promise<Result | null>} work
   */
  async function answer(req, res, work) {
    let result;
    try {
      setCorsHeaders(req, res);
      result = await work();
    } catch (error) {
      let known = error;
      if (!(known instanceof ApiError)) {
        reportError(error);
        known = new ApiError(500, 'server_error', 'Something went wrong on the server.');
      }
      drain(req);
      result = errorResult(/** @type {ApiError} */ (known));
    }
    try {
      // null: the client went away before its body arrived; nobody is listening.
      if (result) send(res, result);
    } catch (error) {
      reportError(error);
      res.destroy();
    }
  }

  /** @param {unknown} error */
  function reportError(error) {
    try {
      opts.onError(error);
    } catch {
      // A failing logger must not take the server down with it.
    }
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {string} rawArticleId
   * @param {URLSearchParams} query
   * @param {string} path
   */
  async function route(req, rawArticleId, query, path) {
    if (req.method === 'OPTIONS') return preflight();
    if (!ARTICLE_ID.test(rawArticleId)) throw notFound();
    if (req.method === 'GET') return list(req, rawArticleId, query, path);
    if (req.method === 'POST') return post(req, rawArticleId);
    throw new ApiError(405, 'method_not_allowed', 'Use GET or POST.', { headers: { Allow: 'GET, POST, OPTIONS' } });
  }

  /**
   * v1.1: a reader reports a comment (notice and action): stored, announced by the
   * webhook, and with hideAfterReports the comment is held for review after N reports.
   * @param {import('node:http').IncomingMessage} req
   * @param {string} articleId
   * @param {string} commentId
   * @returns {Promise<Result | null>}
   */
  async function reportRoute(req, articleId, commentId) {
    if (req.method === 'OPTIONS') return preflight();
    if (!ARTICLE_ID.test(articleId) || !COMMENT_ID.test(commentId)) throw notFound();
    if (req.method !== 'POST') throw new ApiError(405, 'method_not_allowed', 'Use POST.', { headers: { Allow: 'POST, OPTIONS' } });
    await articleState(articleId);
    if (!isJsonContentType(req.headers['content-type'])) {
      throw new ApiError(415, 'unsupported_media_type', 'Send the report as application/json.');
    }
    const client = rateLimitKey(clientAddress(req, trust));
    const body = await readBody(req, 16_384);
    if (body === null) return null;
    const input = parseJsonObject(body);
    const reason = input.reason;
    if (typeof reason !== 'string' || !REPORT_REASONS.has(reason)) {
      throw invalidField('reason', `The reason must be one of ${[...REPORT_REASONS].join(', ')}.`);
    }
    const text = input.text === undefined || input.text === null ? '' : input.text;
    if (typeof text !== 'string' || !text.isWellFormed() || text.length > MAX_REPORT_TEXT || /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(text)) {
      throw invalidField('text', `The explanation can be at most ${MAX_REPORT_TEXT} characters of plain text.`);
    }
    let contact = null;
    if (input.contact !== undefined && input.contact !== null && input.contact !== '') {
      try {
        contact = validateFields({ author_name: 'x', author_email: input.contact, text: 'x' }, opts).email;
      } catch {
        throw invalidField('contact', 'The contact must be an email address.');
      }
    }
    const now = opts.now();
    tokens.age(input.token, articleId, now);
    const result = await store.transaction(async (tx) => {
      await tx.lockArticle(articleId);
      const comment = await tx.getComment(commentId);
      if (!comment || comment.article_id !== articleId || !comment.visible) {
        throw new ApiError(404, 'not_found', 'There is no such comment.');
      }
      if (opts.rateLimit) {
        await tx.lockClient(`report:${client}`);
        await enforceRateLimit(tx, `report:${client}`, now);
        await tx.addHit(`report:${client}`, contact ?? '', now);
      }
      const reports = Number(await tx.addReport({ commentId, articleId, reason, text: text.trim(), contact, createdAt: new Date(now).toISOString() }));
      const hidden = opts.hideAfterReports > 0 && reports >= opts.hideAfterReports && comment.status === 'approved';
      if (hidden) await tx.holdForReview(commentId);
      return { comment: toWire(comment), reports, hidden };
    });
    announce({ event: 'reported', article: articleId, comment: result.comment, report: { reason, text: text.trim() }, reports: result.reports, hidden: result.hidden });
    return { status: 201, body: { status: 'received' } };
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

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
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

  /** @param {string} articleId @returns {Promise<{ open: boolean }>} */
  async function articleState(articleId) {
    const state = await store.articleState(articleId);
    if (typeof opts.articles === 'function' || opts.articles === 'any') {
      const info = opts.articles === 'any' ? { exists: true, open: true } : await opts.articles(articleId);
      if (!info || !info.exists) throw notFound();
      return { open: Boolean(info.open) && state !== 'closed' };
    }
    // The allowlist: only an article opened by the operator exists.
    if (state !== 'open' && state !== 'closed') throw notFound();
    return { open: state === 'open' };
  }

  // ---- GET -------------------------------------------------------------------------

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {string} articleId
   * @param {URLSearchParams} query
   * @param {string} path
   * @returns {Promise<Result>}
   */
  async function list(req, articleId, query, path) {
    const { open } = await articleState(articleId);
    if (opts.now() - lastPurge >= PURGE_INTERVAL_MS) await purgeExpired();
    const total = Number(await store.count(articleId));
    if (query.get('count') === '1') return { status: 200, body: { total, open } };

    const origin = publicOrigin(req);
    /** @param {Record<string, string>} params */
    const link = (params) => `${origin}${path}?${new URLSearchParams(params)}`;
    const thread = query.get('thread');
    let page;
    if (thread !== null && COMMENT_ID.test(thread)) {
      const after = query.get('after');
      page = await repliesPage(store, {
        articleId,
        threadId: thread,
        after: after !== null && COMMENT_ID.test(after) ? after : null,
        maxBytes: opts.maxPageBytes,
        skeletonMax: opts.skeletonMaxReplies,
        walkBatch: opts.walkBatch,
        link,
      });
    } else {
      const perPage = Math.min(positiveInt(query.get('per_page')) ?? DEFAULT_PER_PAGE, MAX_PER_PAGE);
      const order = query.get('order') === 'newest' ? 'newest' : 'oldest';
      const after = parseCursor(query.get('after'));
      const pageNumber = Math.min(positiveInt(query.get('page')) ?? 1, MAX_PAGE);
      page = await threadPage(store, {
        articleId,
        order,
        perPage,
        pageNumber,
        after,
        offset: after ? 0 : (pageNumber - 1) * perPage,
        maxBytes: opts.maxPageBytes,
        skeletonMax: opts.skeletonMaxReplies,
        walkBatch: opts.walkBatch,
        link,
      });
    }
    /** @type {Record<string, unknown>} */
    const body = { open, total, comments: page.comments, next: page.next, token: tokens.issue(articleId) };
    if (pow && open) body.challenge = await pow.issue(articleId);
    return { status: 200, body };
  }

  /** @param {import('node:http').IncomingMessage} req */
  function publicOrigin(req) {
    const viaProxy = isTrustedPeer(trust, req.socket.remoteAddress ?? '');
    let scheme = 'http';
    if (viaProxy) {
      const proto = firstValue(req.headers['x-forwarded-proto'])?.toLowerCase();
      if (proto === 'http' || proto === 'https') scheme = proto;
    }
    /** @param {unknown} host */
    const acceptable = (host) =>
      typeof host === 'string' && HOST.test(host) && (publicHosts.size === 0 || publicHosts.has(host.toLowerCase()));
    // A forwarded host is only taken when the operator listed it: otherwise anyone could
    // put their own site into the links we hand out.
    const forwardedHost = viaProxy ? firstValue(req.headers['x-forwarded-host']) : undefined;
    let host = forwardedHost && publicHosts.has(forwardedHost.toLowerCase()) && HOST.test(forwardedHost) ? forwardedHost : req.headers.host;
    if (!acceptable(host)) {
      if (publicHosts.size > 0) host = [...publicHosts][0];
      else {
        // Never echo a malformed Host into a URL; the address we were reached on will do.
        const address = req.socket.localAddress ?? '127.0.0.1';
        host = `${address.includes(':') ? `[${address}]` : address}:${req.socket.localPort}`;
      }
    }
    return `${scheme}://${host}`;
  }

  // ---- POST ------------------------------------------------------------------------

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {string} articleId
   * @returns {Promise<Result | null>}
   */
  async function post(req, articleId) {
    const article = await articleState(articleId);
    const key = idempotencyKey(req);
    // A retry of a stored submission gets its first answer even if the article has
    // closed since; checked again inside the transaction for concurrent retries.
    const prior = key === undefined ? undefined : await store.getIdempotent(articleId, key);
    if (prior?.comment) {
      drain(req);
      return replay(prior);
    }
    if (!article.open) throw new ApiError(403, 'closed', 'This article no longer takes comments.');
    if (!isJsonContentType(req.headers['content-type'])) {
      throw new ApiError(415, 'unsupported_media_type', 'Send the comment as application/json.');
    }
    const address = clientAddress(req, trust);
    const client = rateLimitKey(address);
    const body = await readBody(req, opts.maxBodyBytes);
    if (body === null) return null;
    // The rules run before the transaction (they may be slow, and hold no locks); an
    // invalid body is left for submit() to refuse in the protocol's order.
    let held = null;
    /** @type {{ nonce?: string, error?: ApiError }} */
    const work = {};
    try {
      const input = parseJsonObject(body);
      if (pow) {
        // Checked here, out of the transaction; its verdict is given in the protocol's order.
        try {
          work.nonce = await pow.verify(input.altcha, articleId);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          work.error = error;
        }
      }
      held = await holdReason({ ...validateFields(input, opts), articleId });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
    const result = await store.transaction((tx) => submit(tx, articleId, key, body, { client, address }, held, work));
    if (result.held) announce({ event: 'held', article: articleId, reason: result.held, comment: result.comment });
    return result;
  }

  /** @param {import('node:http').IncomingMessage} req */
  function idempotencyKey(req) {
    const key = req.headers['idempotency-key'];
    if (key === undefined) return undefined;
    if (Array.isArray(key) || key.length < 1 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw new ApiError(400, 'invalid_field', `The Idempotency-Key header must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`);
    }
    return key;
  }

  /** @param {{ status: string, comment?: import('./paging.mjs').CommentRow }} stored @returns {Result} */
  function replay(stored) {
    return {
      status: 201,
      bodyText: JSON.stringify({ comment: toWire(/** @type {import('./paging.mjs').CommentRow} */ (stored.comment)), status: stored.status }),
      headers: { 'Idempotent-Replayed': 'true' },
    };
  }

  /**
   * @param {Tx} tx
   * @param {string} articleId
   * @param {string | undefined} key
   * @param {Buffer} body
   * @param {{ client: string, address: string }} from the rate-limit key and the address itself
   * @param {string | null} held why the rules hold this comment, if they do
   * @param {{ nonce?: string, error?: ApiError }} work the proof of work's verdict
   * @returns {Promise<Result & { held?: string, comment?: object }>}
   */
  async function submit(tx, articleId, key, body, { client, address }, held, work) {
    await tx.lockArticle(articleId);
    if (key !== undefined) {
      const prior = await tx.getIdempotent(articleId, key);
      if (prior?.comment) return replay(prior);
    }
    const now = opts.now();
    const input = parseJsonObject(body);
    const fields = validateFields(input, opts);
    const age = tokens.age(input.token, articleId, now);
    if (pow) {
      if (work.error || !work.nonce) throw work.error ?? new ApiError(400, 'invalid_challenge', 'The anti-spam challenge is missing.');
      if (!(await tx.useChallenge(work.nonce, now))) {
        throw new ApiError(400, 'invalid_challenge', 'This anti-spam challenge was used already. Reload the form and try again.');
      }
    }
    if (isFilled(input.website2) || age < opts.minSubmitMs) {
      throw new ApiError(400, 'spam', 'The submission looks automated. Wait a moment and try again.');
    }
    if (opts.rateLimit) {
      await tx.lockClient(client);
      await enforceRateLimit(tx, client, now);
    }
    if (fields.parent !== null) {
      const parent = await tx.getComment(fields.parent);
      if (!parent || parent.article_id !== articleId || !parent.visible) {
        throw invalidField('parent', 'The comment you reply to does not exist (any more).');
      }
    }
    const author = authorKey(storeSecret, fields.email, client);
    // Only the same commenter (email and network) is told about a duplicate: to anyone
    // else, a 409 would confirm that this email wrote this text.
    if (await tx.isDuplicate(articleId, author, fields.text)) {
      throw new ApiError(409, 'duplicate', 'You have already posted this comment.');
    }
    let status = 'approved';
    let reason = held;
    if (opts.hold === 'all') reason ??= 'every comment is held';
    else if (opts.hold === 'first-time' && !(await tx.isKnownAuthor(author))) reason ??= 'a first-time commenter';
    if (reason) status = 'pending';

    const id = await tx.insert({
      articleId,
      parentId: fields.parent,
      name: fields.name,
      email: fields.email,
      url: fields.url,
      text: fields.text,
      status,
      createdAt: new Date(now).toISOString(),
      authorKey: author,
      // Moderators see where a held comment came from; a published one keeps no address.
      clientAddress: status === 'pending' ? address : null,
    });
    if (opts.rateLimit) await tx.addHit(client, fields.email, now);
    // Only stored comments are remembered: an answer that stored nothing (an invalid
    // field, 429...) is safe to compute again, and a retry may well succeed.
    if (key !== undefined) await tx.putIdempotent(articleId, key, id, status, now);
    await tx.purge(now - opts.clientAddressRetentionMs, now - opts.idempotencyRetentionMs);
    const comment = toWire(/** @type {import('./paging.mjs').CommentRow} */ (await tx.getComment(id)));
    return { status: 201, bodyText: JSON.stringify({ comment, status }), ...(reason ? { held: reason, comment } : {}) };
  }

  /** @param {Tx} tx @param {string} client @param {number} now */
  async function enforceRateLimit(tx, client, now) {
    if (!opts.rateLimit) return;
    const { max, windowMs } = opts.rateLimit;
    // Rows past the retention period count as gone even before the purge deletes them.
    const since = Math.max(now - windowMs, now - opts.clientAddressRetentionMs);
    const n = Number(await tx.countHits(client, since));
    if (n < max) return;
    // Allowed again once enough of the hits in the window have aged out of it.
    const at = Number(await tx.nthHit(client, since, n - max));
    const seconds = Math.max(1, Math.ceil((Math.min(at + windowMs, at + opts.clientAddressRetentionMs) - now) / 1000));
    throw new ApiError(429, 'too_fast', `Too many comments in a short time. Try again in ${seconds} s.`, {
      headers: { 'Retry-After': String(seconds) },
    });
  }

  // ---- helpers for the demo, the CLI and tests --------------------------------------

  /**
   * Stores a comment as is, bypassing the protocol's checks (for seeding demo data).
   * Synchronous on SQLite, a promise on PostgreSQL.
   * @param {{ articleId: string, parent?: string | null, name: string, email?: string, url?: string | null,
   *   text: string, status?: string, date?: Date | string | number }} comment
   */
  function insertComment(comment) {
    const { articleId, name, text, status = 'approved' } = comment;
    if (typeof articleId !== 'string' || !ARTICLE_ID.test(articleId)) throw new TypeError('insertComment: bad articleId');
    if (typeof name !== 'string' || typeof text !== 'string') throw new TypeError('insertComment: name and text are strings');
    if (!STATUSES.has(status)) throw new TypeError(`insertComment: status must be one of ${[...STATUSES].join(', ')}`);
    return store.insertComment({ date: new Date(opts.now()), ...comment });
  }

  /** @param {string} articleId @param {'open' | 'closed'} state */
  function setArticleState(articleId, state) {
    if (typeof articleId !== 'string' || !ARTICLE_ID.test(articleId)) throw new TypeError('bad articleId');
    return store.setArticleState(articleId, state);
  }

  return {
    handle,
    store,
    /** The SQLite database (undefined on PostgreSQL), for tests and seeding. */
    db: store instanceof SqliteStore ? store.db : undefined,
    insertComment,
    /** @param {string} articleId */
    closeArticle: (articleId) => setArticleState(articleId, 'closed'),
    /** @param {string} articleId */
    openArticle: (articleId) => setArticleState(articleId, 'open'),
    purgeExpired,
    /** Resolves once every webhook call started so far has finished. */
    settled: () => Promise.all([...notifications]).then(() => {}),
    close() {
      if (ownsStore) return store.close();
    },
  };
}

/** @typedef {ReturnType<typeof createCommentServer>} CommentServer */

// ---- options ---------------------------------------------------------------------

/** @param {CommentServerOptions} options */
function resolveOptions(options) {
  const o = {
    store: /** @type {Store | undefined} */ (undefined),
    dbPath: ':memory:',
    secret: /** @type {string | Buffer | undefined} */ (undefined),
    minSubmitMs: 3000,
    tokenMaxAgeMs: DAY,
    rateLimit: /** @type {false | { max: number, windowMs: number }} */ ({ max: 5, windowMs: 60_000 }),
    hold: /** @type {'first-time' | 'all' | 'none'} */ ('none'),
    holdFirstTime: false,
    holdAll: false,
    allowedOrigins: /** @type {any} */ (undefined),
    maxBodyBytes: /** @type {number | undefined} */ (undefined),
    maxTextLength: 5000,
    maxNameLength: 100,
    maxPageBytes: MAX_PAGE_BYTES,
    trustProxy: /** @type {unknown} */ (false),
    publicHosts: /** @type {string[]} */ ([]),
    clientAddressRetentionMs: DAY,
    idempotencyRetentionMs: DAY,
    handleUnknownApi: false,
    now: () => Date.now(),
    articles: /** @type {CommentServerOptions['articles']} */ ('allowlist'),
    onError: /** @type {(error: unknown) => void} */ ((error) => console.error('[comments]', error)),
    holdRules: /** @type {import('./rules.mjs').HoldRules} */ ({}),
    notifyWebhook: /** @type {string | undefined} */ (undefined),
    hideAfterReports: 0,
    proofOfWork: /** @type {boolean | import('./pow.mjs').ProofOfWorkOptions} */ (true),
    skeletonMaxReplies: SKELETON_MAX_REPLIES,
    walkBatch: WALK_BATCH,
  };
  for (const [name, value] of Object.entries(options ?? {})) {
    if (!(name in o)) throw new TypeError(`createCommentServer: unknown option "${name}"`);
    if (value !== undefined) /** @type {any} */ (o)[name] = value;
  }
  if (o.allowedOrigins === undefined) {
    throw new TypeError("createCommentServer: allowedOrigins is required: an array of origins, or '*' to allow every site");
  }
  if (o.holdAll) o.hold = 'all';
  else if (o.holdFirstTime && o.hold === 'none') o.hold = 'first-time';
  if (!['first-time', 'all', 'none'].includes(o.hold)) throw new TypeError('createCommentServer: hold must be first-time, all or none');
  o.maxBodyBytes ??= largestSubmissionBytes(o);
  for (const name of /** @type {const} */ (['minSubmitMs', 'tokenMaxAgeMs', 'maxBodyBytes', 'maxTextLength', 'maxNameLength', 'clientAddressRetentionMs', 'idempotencyRetentionMs', 'maxPageBytes', 'hideAfterReports', 'skeletonMaxReplies', 'walkBatch'])) {
    if (!Number.isFinite(o[name]) || Number(o[name]) < 0) throw new TypeError(`createCommentServer: ${name} must be a number >= 0`);
  }
  if (!Number.isInteger(o.walkBatch) || o.walkBatch < 1) throw new TypeError('createCommentServer: walkBatch must be a whole number >= 1');
  if (o.rateLimit !== false) {
    const { max, windowMs } = o.rateLimit ?? {};
    if (!(Number.isInteger(max) && max >= 1 && Number.isFinite(windowMs) && windowMs > 0)) {
      throw new TypeError('createCommentServer: rateLimit must be false or { max >= 1, windowMs > 0 }');
    }
  }
  if (o.secret !== undefined && (typeof o.secret === 'string' ? o.secret.length === 0 : !Buffer.isBuffer(o.secret))) {
    throw new TypeError('createCommentServer: secret must be a non-empty string or a Buffer');
  }
  let origins = o.allowedOrigins;
  if (origins !== '*') {
    const listed = typeof origins === 'string' ? [origins] : origins;
    if (!Array.isArray(listed)) throw new TypeError("createCommentServer: allowedOrigins must be '*' or an array of origins");
    origins = new Set(listed);
  }
  if (!(o.articles === 'allowlist' || o.articles === 'any' || typeof o.articles === 'function')) {
    throw new TypeError("createCommentServer: articles must be 'allowlist', 'any' or a function");
  }
  for (const name of /** @type {const} */ (['now', 'onError'])) {
    if (typeof o[name] !== 'function') throw new TypeError(`createCommentServer: ${name} must be a function`);
  }
  parseTrustProxy(o.trustProxy);
  return { ...o, maxBodyBytes: /** @type {number} */ (o.maxBodyBytes), allowedOrigins: /** @type {'*' | Set<string>} */ (origins) };
}

// ---- pure helpers ----------------------------------------------------------------

/** @param {ApiError} error @returns {Result} */
function errorResult(error) {
  /** @type {{ code: string, message: string, field?: string }} */
  const inner = { code: error.code, message: error.message };
  if (error.field) inner.field = error.field;
  return { status: error.status, body: { error: inner }, headers: error.headers };
}

/** @param {import('node:http').ServerResponse} res @param {Result} result */
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

/** @param {import('node:http').ServerResponse} res @param {string} name */
function appendVary(res, name) {
  const current = res.getHeader('Vary');
  if (!current) res.setHeader('Vary', name);
  else if (!String(current).split(',').some((part) => part.trim().toLowerCase() === name.toLowerCase())) {
    res.setHeader('Vary', `${current}, ${name}`);
  }
}

/** @param {string} url */
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

/** @param {string | null} value */
function positiveInt(value) {
  if (value === null || !/^[0-9]{1,9}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 ? n : undefined;
}

/** @param {unknown} header */
function firstValue(header) {
  if (typeof header !== 'string') return undefined;
  return header.split(',')[0].trim() || undefined;
}

/**
 * Reads the body, answering 413 as soon as it passes the limit. null: the client left.
 * @param {import('node:http').IncomingMessage} req
 * @param {number} limit
 * @returns {Promise<Buffer | null>}
 */
function readBody(req, limit) {
  const tooLarge = () => new ApiError(413, 'too_large', `The comment is over the server's limit of ${limit} bytes.`);
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > limit) {
      reject(tooLarge());
      return;
    }
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    let settled = false;
    /** @param {Buffer} chunk */
    const onData = (chunk) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      settled = true;
      chunks.length = 0;
      req.off('data', onData);
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

/**
 * Reads and discards what is left of a body we answer without needing.
 * @param {import('node:http').IncomingMessage} req
 */
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

/** A fresh random secret, for callers that want one. */
export const randomSecret = () => randomBytes(32).toString('base64url');
