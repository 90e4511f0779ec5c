// @ts-check
// The moderation page at /admin/ and the small JSON API behind it, on the same server.
// Sign-in with the password set by `lapa-comments admin-password` (an scrypt hash in the
// store), rate-limited per client address in the store (so across instances too). The
// session is a signed cookie (HttpOnly; Secure; SameSite=Strict; Secure is dropped only
// for plain-HTTP requests to 127.0.0.1 or localhost); every state-changing request must
// come from the page's own origin and carry the session's CSRF token.
import { createHash, createHmac, scrypt, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isIP } from 'node:net';
import { clientAddress, isTrustedPeer, parseTrustProxy, plainAddress, rateLimitKey } from './proxy.mjs';
import { COMMENT_ID } from './validation.mjs';

const SESSION_MS = 12 * 3_600_000;
const SIGN_IN_WINDOW_MS = 15 * 60_000;
const SIGN_IN_FAILURES = 5;
const COOKIE = 'lapa_admin';
const LANGUAGES = ['en', 'lv', 'sv', 'ka'];
const ACTIONS = new Set(['approve', 'reject', 'spam', 'delete']);
const STATUS_OF = /** @type {const} */ ({ approve: 'approved', reject: 'rejected', spam: 'spam' });
const LIST_STATUSES = new Set(['pending', 'approved', 'rejected', 'spam']);

const APP = fileURLToPath(new URL('../admin/app.js', import.meta.url));
const require = createRequire(import.meta.url);
// The browser loads Lit as modules straight from its packages: no bundler, no build.
const VENDOR = Object.fromEntries(['lit', 'lit-html', 'lit-element', '@lit/reactive-element'].map((name) => [name, packageRoot(name)]));
const IMPORT_MAP = JSON.stringify({
  imports: Object.fromEntries(
    Object.keys(VENDOR).flatMap((name) => {
      const entry = name === '@lit/reactive-element' ? 'reactive-element.js' : name === 'lit' ? 'index.js' : `${name}.js`;
      return [
        [name, `/admin/vendor/${name}/${entry}`],
        [`${name}/`, `/admin/vendor/${name}/`],
      ];
    }),
  ),
});
// The import map is the page's one inline script; the CSP allows exactly it.
const IMPORT_MAP_HASH = createHash('sha256').update(IMPORT_MAP).digest('base64');

const PAGE_HEADERS = {
  'Content-Security-Policy': `default-src 'none'; script-src 'self' 'sha256-${IMPORT_MAP_HASH}'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

/** The folder of an installed package (its package.json is not among its exports). @param {string} name */
function packageRoot(name) {
  let dir = dirname(require.resolve(name));
  while (dir !== dirname(dir)) {
    try {
      if (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name === name) return dir;
    } catch {
      // not a package folder; go up
    }
    dir = dirname(dir);
  }
  throw new Error(`cannot find the ${name} package`);
}

/**
 * @param {{ store: import('./routes.mjs').Store, now?: () => number, trustProxy?: unknown, onError?: (error: unknown) => void }} options
 */
export function createAdmin({ store, now = () => Date.now(), trustProxy, onError = (error) => console.error('[admin]', error) }) {
  const trust = parseTrustProxy(trustProxy);
  const secret = `${store.secret()}\nadmin`;

  /** @param {string} expires @param {string} passwordHash */
  const sign = (expires, passwordHash) =>
    createHmac('sha256', secret).update(`admin-session\n${expires}\n${passwordHash}`).digest('base64url');
  /** @param {string} cookie */
  const csrfFor = (cookie) => createHmac('sha256', secret).update(`admin-csrf\n${cookie}`).digest('base64url');

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @returns {boolean}
   */
  function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/admin' && !url.pathname.startsWith('/admin/')) return false;
    route(req, res, url).catch((error) => {
      onError(error);
      if (!res.headersSent) json(res, 500, { error: { code: 'server_error', message: 'Something went wrong on the server.' } });
      else res.destroy();
    });
    return true;
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {URL} url
   */
  async function route(req, res, url) {
    const path = url.pathname;
    if (path === '/admin') return redirect(res, '/admin/');
    if (path === '/admin/') return page(req, res);
    if (path === '/admin/app.js') return script(res, APP);
    if (path.startsWith('/admin/vendor/')) return vendor(res, path.slice('/admin/vendor/'.length));
    if (path === '/admin/api/session') return session(req, res);
    if (path === '/admin/api/comments') return comments(req, res, url);
    if (path === '/admin/api/moderate') return moderate(req, res);
    req.resume();
    return json(res, 404, { error: { code: 'not_found', message: 'No such admin path.' } });
  }

  // ---- the page --------------------------------------------------------------------

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  function page(req, res) {
    req.resume();
    const lang = language(req.headers['accept-language']);
    const body = `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<link rel="icon" href="data:,">
<title>Lapa comments: moderation</title>
<script type="importmap">${IMPORT_MAP}</script>
<script type="module" src="/admin/app.js"></script>
</head>
<body>
<lapa-admin></lapa-admin>
</body>
</html>
`;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(body), ...PAGE_HEADERS });
    res.end(body);
  }

  /** @param {import('node:http').ServerResponse} res @param {string} file */
  async function script(res, file) {
    const body = await readFile(file);
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Content-Length': body.length, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
    res.end(body);
  }

  /** @param {import('node:http').ServerResponse} res @param {string} rest */
  async function vendor(res, rest) {
    const name = Object.keys(VENDOR).find((pkg) => rest.startsWith(`${pkg}/`));
    if (!name || !rest.endsWith('.js')) return json(res, 404, { error: { code: 'not_found', message: 'No such file.' } });
    const root = VENDOR[name];
    const file = normalize(join(root, rest.slice(name.length + 1)));
    if (!file.startsWith(root + sep)) return json(res, 404, { error: { code: 'not_found', message: 'No such file.' } });
    try {
      return await script(res, file);
    } catch {
      return json(res, 404, { error: { code: 'not_found', message: 'No such file.' } });
    }
  }

  // ---- the API ---------------------------------------------------------------------

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  async function session(req, res) {
    if (req.method === 'GET') {
      req.resume();
      const cookie = await validSession(req);
      return json(res, 200, cookie ? { signedIn: true, csrf: csrfFor(cookie) } : { signedIn: false });
    }
    if (req.method === 'DELETE') {
      req.resume();
      const cookie = await validSession(req);
      if (!cookie || !sameOrigin(req) || req.headers['x-csrf-token'] !== csrfFor(cookie)) return forbidden(res);
      res.setHeader('Set-Cookie', cookieHeader(req, '', 0));
      return json(res, 200, { signedIn: false });
    }
    if (req.method !== 'POST') return json(res, 405, { error: { code: 'method_not_allowed', message: 'Use GET, POST or DELETE.' } });
    // Sign-in: only from the page itself (no login CSRF), and rate limited.
    if (!sameOrigin(req) || !String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      req.resume();
      return forbidden(res);
    }
    const body = await readJson(req);
    const stored = await store.getMeta('admin_password');
    if (!stored) {
      return json(res, 503, { error: { code: 'no_password', message: 'No moderation password is set: run lapa-comments admin-password.' } });
    }
    const client = `admin:${rateLimitKey(clientAddress(req, trust))}`;
    const at = now();
    const since = at - SIGN_IN_WINDOW_MS;
    const failures = Number(await store.transaction((tx) => tx.countHits(client, since)));
    if (failures >= SIGN_IN_FAILURES) {
      res.setHeader('Retry-After', String(Math.ceil(SIGN_IN_WINDOW_MS / 1000)));
      return json(res, 429, { error: { code: 'too_fast', message: 'Too many failed sign-ins. Try again later.' } });
    }
    const password = typeof body?.password === 'string' ? body.password : '';
    if (!(await verifyPassword(password, stored))) {
      await store.transaction(async (tx) => {
        await tx.lockClient(client);
        await tx.addHit(client, '', at);
      });
      return json(res, 401, { error: { code: 'wrong_password', message: 'That is not the moderation password.' } });
    }
    const expires = String(Math.floor(at + SESSION_MS));
    const cookie = `${expires}.${sign(expires, stored)}`;
    res.setHeader('Set-Cookie', cookieHeader(req, cookie, SESSION_MS / 1000));
    return json(res, 200, { signedIn: true, csrf: csrfFor(cookie) });
  }

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {URL} url */
  async function comments(req, res, url) {
    req.resume();
    if (req.method !== 'GET') return json(res, 405, { error: { code: 'method_not_allowed', message: 'Use GET.' } });
    if (!(await validSession(req))) return unauthorized(res);
    const status = url.searchParams.get('status') ?? 'pending';
    if (!LIST_STATUSES.has(status)) return json(res, 400, { error: { code: 'invalid_field', message: 'No such status.' } });
    const rows = await store.moderationList({ status });
    const reports = new Map();
    for (const report of await store.listReports()) reports.set(String(report.comment_id), (reports.get(String(report.comment_id)) ?? 0) + 1);
    return json(res, 200, {
      comments: rows.slice(0, 500).map((row) => ({
        id: String(row.id),
        article: row.article_id,
        parent: row.parent_id === null ? null : String(row.parent_id),
        name: row.author_name,
        email: row.author_email,
        url: row.author_url,
        address: row.client_address ?? null,
        text: row.text,
        status: row.status,
        date: row.created_at,
        reports: reports.get(String(row.id)) ?? 0,
      })),
    });
  }

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  async function moderate(req, res) {
    if (req.method !== 'POST') {
      req.resume();
      return json(res, 405, { error: { code: 'method_not_allowed', message: 'Use POST.' } });
    }
    const cookie = await validSession(req);
    if (!cookie) {
      req.resume();
      return unauthorized(res);
    }
    if (!sameOrigin(req) || req.headers['x-csrf-token'] !== csrfFor(cookie) || !String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      req.resume();
      return forbidden(res);
    }
    const body = await readJson(req);
    const { action, ids } = body ?? {};
    if (!ACTIONS.has(action) || !Array.isArray(ids) || ids.length === 0 || ids.length > 500 || !ids.every((id) => typeof id === 'string' && COMMENT_ID.test(id))) {
      return json(res, 400, { error: { code: 'invalid_field', message: 'Give an action (approve, reject, spam, delete) and comment ids.' } });
    }
    try {
      if (action === 'delete') await store.deleteComments(ids);
      else await store.setStatus(ids, STATUS_OF[/** @type {'approve' | 'reject' | 'spam'} */ (action)]);
    } catch (error) {
      if (/There is no comment/.test(String(/** @type {Error} */ (error).message))) {
        return json(res, 404, { error: { code: 'not_found', message: /** @type {Error} */ (error).message } });
      }
      throw error;
    }
    return json(res, 200, { done: ids.length });
  }

  // ---- sessions and origins ----------------------------------------------------------

  /** @param {import('node:http').IncomingMessage} req @returns {Promise<string | null>} the cookie, when valid */
  async function validSession(req) {
    const cookie = readCookie(req.headers.cookie, COOKIE);
    const match = cookie ? /^([0-9]{1,16})\.([A-Za-z0-9_-]{43})$/.exec(cookie) : null;
    if (!match || Number(match[1]) < now()) return null;
    const stored = await store.getMeta('admin_password');
    if (!stored) return null;
    // Setting a new password signs every session out: the hash is part of the signature.
    const expected = Buffer.from(sign(match[1], stored));
    return timingSafeEqual(expected, Buffer.from(match[2])) ? /** @type {string} */ (cookie) : null;
  }

  /** Plain HTTP straight to the loopback address: the only case where Secure is dropped. @param {import('node:http').IncomingMessage} req */
  function isLocalPlainHttp(req) {
    const peer = plainAddress(req.socket.remoteAddress ?? '');
    const host = String(req.headers.host ?? '').replace(/:[0-9]+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
    const loopback = peer === '127.0.0.1' || peer === '::1' || peer.startsWith('127.');
    const tls = /** @type {any} */ (req.socket).encrypted || (isTrustedPeer(trust, peer) && String(req.headers['x-forwarded-proto']).toLowerCase() === 'https');
    return loopback && !tls && (host === 'localhost' || (isIP(host) !== 0 && (host === '::1' || host.startsWith('127.'))));
  }

  /** @param {import('node:http').IncomingMessage} req @param {string} value @param {number} maxAge seconds */
  function cookieHeader(req, value, maxAge) {
    return `${COOKIE}=${value}; Path=/admin; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${isLocalPlainHttp(req) ? '' : '; Secure'}`;
  }

  /**
   * A state-changing request must come from the admin page's own origin: the browser
   * says so in Origin (and Sec-Fetch-Site); another site's page cannot forge either.
   * @param {import('node:http').IncomingMessage} req
   */
  function sameOrigin(req) {
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin') return false;
    const origin = req.headers.origin;
    if (typeof origin !== 'string') return false;
    const host = req.headers['x-forwarded-host'] && isTrustedPeer(trust, req.socket.remoteAddress ?? '') ? req.headers['x-forwarded-host'] : req.headers.host;
    try {
      return new URL(origin).host === String(host).toLowerCase();
    } catch {
      return false;
    }
  }

  return { handle };
}

/** @param {string} password @param {string} stored `scrypt$N$r$p$salt$hash` */
export async function verifyPassword(password, stored) {
  const [kind, N, r, p, salt, expected] = stored.split('$');
  if (kind !== 'scrypt' || !expected) return false;
  const want = Buffer.from(expected, 'base64url');
  const got = await new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64url'), want.length, { N: Number(N), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
  return timingSafeEqual(/** @type {Buffer} */ (got), want);
}

/** @param {unknown} header @param {string} name */
function readCookie(header, name) {
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** @param {unknown} header */
function language(header) {
  for (const part of String(header ?? '').split(',')) {
    const tag = part.split(';')[0].trim().toLowerCase().split('-')[0];
    if (LANGUAGES.includes(tag)) return tag;
  }
  return 'en';
}

/** @param {import('node:http').IncomingMessage} req @returns {Promise<any>} */
async function readJson(req) {
  let size = 0;
  const chunks = [];
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 65_536) return null;
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return null;
  }
}

/** @param {import('node:http').ServerResponse} res @param {number} status @param {unknown} body */
function json(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}

/** @param {import('node:http').ServerResponse} res @param {string} location */
function redirect(res, location) {
  res.writeHead(301, { Location: location });
  res.end();
}

/** @param {import('node:http').ServerResponse} res */
const unauthorized = (res) => json(res, 401, { error: { code: 'signed_out', message: 'Sign in first.' } });
/** @param {import('node:http').ServerResponse} res */
const forbidden = (res) => json(res, 403, { error: { code: 'forbidden', message: 'This request must come from the moderation page.' } });
