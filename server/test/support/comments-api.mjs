// Shared by the comments server and moderation CLI tests: a server on a free port, a
// fetch wrapper that checks every answer against the protocol schema and for leaked
// emails, and a deliberately tiny JSON Schema validator (only the keywords the schema
// uses; any other keyword fails loudly, so the schema cannot outgrow the check).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { after } from 'node:test';
import { createCommentServer } from '../../lib/routes.mjs';
import { PostgresStore } from '../../lib/stores/postgres.mjs';
import { startPostgres } from './postgres.mjs';

export const SCHEMA = JSON.parse(readFileSync(new URL('../../../docs/comments-protocol.schema.json', import.meta.url), 'utf8'));

/** Every email in the tests uses this domain, so a leak is easy to spot in any body. */
export const EMAIL_DOMAIN = 'mail.test';
export const START = Date.parse('2026-03-01T10:00:00.000Z');

// The store the servers of this test process use: SQLite unless a file called
// useStore('postgres'), which starts a throw-away cluster (one schema per server).
let storeKind = 'sqlite';
let cluster;
let schemas = 0;

/** Makes every later startServer() use PostgreSQL (or SQLite); stops the cluster after the file. */
export async function useStore(kind) {
  storeKind = kind;
  if (kind === 'postgres' && !cluster) {
    cluster = await startPostgres();
    after(() => cluster.stop());
  }
}

export const storeKindInUse = () => storeKind;

async function postgresStore() {
  const schema = `t${process.pid}_${++schemas}`;
  const admin = new PostgresStore.Client({ connectionString: cluster.url() });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  return PostgresStore.open(cluster.url(schema));
}

/**
 * Starts a comments server on 127.0.0.1 and a free port. `now` is a controllable clock.
 * Defaults suit most tests: no minimum submit time, no rate limit, no proof of work, every
 * site and every article allowed (each of those has tests of its own).
 */
export async function startServer(options = {}, { onRequest } = {}) {
  const clock = { now: START };
  const ownStore = storeKind === 'postgres' && options.dbPath === undefined && options.store === undefined ? await postgresStore() : undefined;
  const comments = createCommentServer({
    ...(ownStore ? { store: ownStore } : {}),
    minSubmitMs: 0,
    rateLimit: false,
    allowedOrigins: '*',
    articles: 'any',
    proofOfWork: false,
    now: () => clock.now,
    ...options,
  });
  const http = createServer((req, res) => {
    onRequest?.(req);
    if (comments.handle(req, res)) return;
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not the comments server');
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${http.address().port}`;
  return {
    comments,
    clock,
    origin,
    url: (articleId = 'a1', query = '') => `${origin}/api/articles/${articleId}/comments${query}`,
    /** Runs SQL (with ? placeholders) on the server's store, whichever it is. */
    async sql(text, ...params) {
      if (comments.db) return comments.db.prepare(text).all(...params);
      let n = 0;
      return (await comments.store.pool.query(text.replace(/\?/g, () => `$${++n}`), params)).rows.map((row) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, k === 'n' ? Number(v) : v])),
      );
    },
    async close() {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
      comments.close();
      await ownStore?.close();
    },
  };
}

/** Runs `body` against a fresh server (startServer's options) and always closes it. */
export async function withServer(options, body) {
  const server = await startServer(options);
  try {
    await body(server);
  } finally {
    await server.close();
  }
}

/**
 * fetch() plus the checks every answer must pass. Returns status, headers, text, json.
 * `schema` picks the $defs entry the body must match; by default it is derived from the
 * method and status.
 */
export async function call(url, { method = 'GET', body, headers = {}, schema, ...rest } = {}) {
  const init = { method, headers: { ...headers }, ...rest };
  if (body !== undefined) {
    const raw = body instanceof Uint8Array || body instanceof ReadableStream;
    init.body = raw || typeof body === 'string' ? body : JSON.stringify(body);
    // Raw bytes and streams go out with exactly the headers given (possibly none).
    if (!raw && !Object.keys(init.headers).some((name) => name.toLowerCase() === 'content-type')) {
      init.headers['Content-Type'] = 'application/json';
    }
  }
  const response = await fetch(url, init);
  const text = await response.text();
  assert.ok(!text.toLowerCase().includes(`@${EMAIL_DOMAIN}`), `an email leaked into a response: ${text}`);
  let json;
  if (response.status !== 204 && (response.headers.get('content-type') ?? '').startsWith('application/json')) {
    json = JSON.parse(text);
    const def =
      schema ??
      (response.status >= 400 ? 'ErrorResponse' : method === 'POST' ? 'PostResponse' : method === 'GET' ? 'ListResponse' : undefined);
    if (def) assertValid(json, def);
  }
  return { status: response.status, headers: response.headers, text, json };
}

/**
 * A POST through node:http, for what fetch cannot do: declare a Content-Length it does not
 * send, or stop sending half way. Writes `chunks` one by one and then waits (without
 * ending the body unless `end`) for the answer, which it returns like call().
 */
export function rawPost(url, { headers = {}, chunks = [], end = false }) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (part) => (text += part));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode, headers: res.headers, text, json: JSON.parse(text) });
      });
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    if (end) req.end();
    else req.flushHeaders();
  });
}

/** GETs the list to obtain a fresh form token. */
export async function tokenFor(url) {
  const { status, json } = await call(url);
  assert.equal(status, 200);
  return json.token;
}

let counter = 0;
/** A valid submission; pass fields to override. */
export function submission(token, fields = {}) {
  counter += 1;
  return {
    parent: null,
    author_name: 'Anna',
    author_email: `anna@${EMAIL_DOMAIN}`,
    author_url: '',
    text: `Comment number ${counter}.`,
    token,
    website2: '',
    ...fields,
  };
}

export async function postComment(url, fields = {}, { headers, token } = {}) {
  return call(url, { method: 'POST', body: submission(token ?? (await tokenFor(url)), fields), headers });
}

// ---- the validator -------------------------------------------------------------

const ANNOTATIONS = new Set(['$schema', '$id', '$defs', 'title', 'description']);
const KEYWORDS = new Set([
  '$ref',
  'anyOf',
  'type',
  'enum',
  'required',
  'properties',
  'additionalProperties',
  'items',
  'minLength',
  'maxLength',
  'minimum',
  'format',
]);

export function assertValid(value, def) {
  const errors = validate(value, SCHEMA.$defs[def] ?? assert.fail(`no $defs/${def}`), '$');
  assert.deepEqual(errors, [], `not a valid ${def}: ${JSON.stringify(value)}`);
}

export function validate(value, schema, path) {
  for (const keyword of Object.keys(schema)) {
    if (!KEYWORDS.has(keyword) && !ANNOTATIONS.has(keyword)) throw new Error(`the test validator does not know "${keyword}"`);
  }
  if (schema.$ref) {
    const match = /^#\/\$defs\/([A-Za-z]+)$/.exec(schema.$ref);
    if (!match) throw new Error(`unsupported $ref ${schema.$ref}`);
    return validate(value, SCHEMA.$defs[match[1]], path);
  }
  if (schema.anyOf) {
    const ok = schema.anyOf.some((option) => validate(value, option, path).length === 0);
    return ok ? [] : [`${path}: matches none of anyOf`];
  }
  const errors = [];
  if (schema.type !== undefined) {
    const types = [schema.type].flat();
    if (!types.some((type) => hasType(value, type))) return [`${path}: expected ${types.join('|')}`];
  }
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if (typeof value === 'string') {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) errors.push(`${path}: shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && length > schema.maxLength) errors.push(`${path}: longer than ${schema.maxLength}`);
    if (schema.format === 'date-time' && !isDateTime(value)) errors.push(`${path}: not a date-time`);
    if (schema.format === 'uri' && !URL.canParse(value)) errors.push(`${path}: not a URI`);
  }
  if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum) {
    errors.push(`${path}: below ${schema.minimum}`);
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => errors.push(...validate(item, schema.items, `${path}[${i}]`)));
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const name of schema.required ?? []) {
      if (!Object.hasOwn(value, name)) errors.push(`${path}: missing ${name}`);
    }
    for (const [name, child] of Object.entries(value)) {
      const sub = schema.properties?.[name];
      if (sub) errors.push(...validate(child, sub, `${path}.${name}`));
      else if (schema.additionalProperties === false) errors.push(`${path}: unexpected ${name}`);
      else if (typeof schema.additionalProperties === 'object') {
        errors.push(...validate(child, schema.additionalProperties, `${path}.${name}`));
      }
    }
  }
  return errors;
}

function hasType(value, type) {
  switch (type) {
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeof value === type;
  }
}

function isDateTime(value) {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value));
}
