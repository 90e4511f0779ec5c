// @ts-check
// `lapa-comments`: serve the protocol, moderate, export and erase a commenter's data,
// back up, keep the article allowlist, set the admin password. Every serve option is
// also an environment variable LAPA_COMMENTS_<NAME> (repeatable ones comma-separated);
// a command-line flag wins over the environment.
import { scryptSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createAdmin } from './admin.mjs';
import { createListener, LIMIT_DEFAULTS } from './http.mjs';
import { createCommentServer } from './routes.mjs';
import { openStore } from './stores/index.mjs';
import { ARTICLE_ID, COMMENT_ID, escapeForTerminal, normaliseEmail } from './validation.mjs';
import { parseTrustProxy } from './proxy.mjs';

export class UsageError extends Error {}

/**
 * The serve options: flag, kind, default, help. `env` is derived from the name.
 * @type {{ name: string, type: 'string' | 'boolean', multiple?: boolean, value?: string, default?: string, help: string }[]}
 */
export const SERVE_OPTIONS = [
  { name: 'host', type: 'string', value: 'ADDRESS', default: '127.0.0.1', help: 'address to listen on' },
  { name: 'port', type: 'string', value: 'N', default: '8787', help: 'port to listen on (0: any free port)' },
  { name: 'origin', type: 'string', multiple: true, value: 'ORIGIN', help: "a partner site allowed to embed the comments (repeatable; required; '*' allows every site)" },
  { name: 'db', type: 'string', value: 'PATH|URL', help: 'SQLite file (created 0600), or postgres://user@host:port/db (required)' },
  { name: 'trust-proxy', type: 'string', value: 'HOPS|CIDRS', default: 'off', help: 'proxies in front: a hop count, or addresses/CIDR ranges (comma-separated; loopback, private)' },
  { name: 'public-host', type: 'string', multiple: true, value: 'HOST', help: 'host names links may carry; a forwarded host is used only when listed (repeatable)' },
  { name: 'rate-limit', type: 'string', value: 'N/SECONDS|off', default: '5/60', help: 'stored comments per client address per window' },
  { name: 'min-submit-ms', type: 'string', value: 'N', default: '3000', help: 'a form submitted sooner after it was shown is spam' },
  { name: 'hold', type: 'string', value: 'first-time|all|none', default: 'none', help: 'which comments wait for moderation' },
  { name: 'proof-of-work', type: 'string', value: 'on|off', default: 'on', help: 'ask clients to solve an ALTCHA challenge (SHA-256) before posting' },
  { name: 'hold-links', type: 'string', value: 'N', help: 'hold a comment with more than N links for moderation' },
  { name: 'hold-words', type: 'string', value: 'FILE', help: 'hold a comment with a word from FILE (one word or phrase a line; # comments)' },
  { name: 'notify-webhook', type: 'string', value: 'URL', help: 'a JSON POST to URL for each comment held for moderation or reported' },
  { name: 'hide-after-reports', type: 'string', value: 'N', default: '0', help: 'hold a comment for review once N readers reported it (0: never)' },
  { name: 'secret', type: 'string', value: 'TEXT', help: 'form-token key (default: a random key kept in the database)' },
  { name: 'header-timeout-ms', type: 'string', value: 'N', default: String(LIMIT_DEFAULTS.headersTimeoutMs), help: 'time for a request’s headers' },
  { name: 'body-timeout-ms', type: 'string', value: 'N', default: String(LIMIT_DEFAULTS.requestTimeoutMs), help: 'time for a whole request, body included' },
  { name: 'idle-timeout-ms', type: 'string', value: 'N', default: String(LIMIT_DEFAULTS.idleTimeoutMs), help: 'a connection silent this long is closed' },
  { name: 'max-connections-per-address', type: 'string', value: 'N', default: String(LIMIT_DEFAULTS.maxConnectionsPerAddress), help: 'open connections per client address (trusted proxies exempt)' },
  { name: 'max-connections', type: 'string', value: 'N', default: String(LIMIT_DEFAULTS.maxConnections), help: 'open connections in total' },
];

const envName = (/** @type {string} */ name) => `LAPA_COMMENTS_${name.toUpperCase().replaceAll('-', '_')}`;

const USAGE = `Usage: lapa-comments <command> [options]

Commands:
  serve                               serve the comments protocol at /api/articles/<id>/comments
                                      and the moderation page at /admin/
  moderate list [--all | --status S]  pending comments (--all: every comment, pending first)
  moderate reports [ID]                readers' reports (of one comment)
  moderate approve|reject|spam|delete ID...
                                      approve (listed), reject or mark as spam (hidden with all
                                      their replies), delete for good (replies move up a level)
  export --email E                    all data about a commenter, as JSON
  erase --email E                     delete all of it: comments (replies by others move up a
                                      level), idempotency records, rate-limit entries
  backup FILE                         a consistent copy of a live SQLite database (0600)
  articles open ID | close ID | list  the allowlist: only opened articles take comments
  admin-password                      set the moderation password (read from stdin)

Every command takes --db PATH|URL (or LAPA_COMMENTS_DB).

Options of serve (each also an environment variable):
${SERVE_OPTIONS.map((o) => {
  const flag = `  --${o.name}${o.value ? ` ${o.value}` : ''}`;
  const extra = [o.default !== undefined ? `default ${o.default}` : '', envName(o.name)].filter(Boolean).join('; ');
  return `${flag.padEnd(38)}${o.help}\n${' '.repeat(38)}(${extra})`;
}).join('\n')}

  -h, --help                          this text

Exit status: 0 done, 1 error, 2 usage error.`;

/**
 * @typedef {{ stdout: (text: string) => void, stderr: (text: string) => void, env: Record<string, string | undefined>,
 *   stdin: () => Promise<string>, onListening?: (info: { url: string, close: () => Promise<void> }) => void }} Io
 */

/**
 * Runs the CLI. Resolves with the exit code; `serve` resolves only once the server has
 * stopped (SIGINT/SIGTERM).
 * @param {string[]} argv
 * @param {Io} io
 */
export async function main(argv, io) {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    io.stderr(`Error: ${/** @type {Error} */ (error).message}\n`);
    return 1;
  }
}

/** @param {string[]} argv @param {Io} io */
async function run(argv, io) {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    if (command === undefined) throw new UsageError('No command given.');
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  switch (command) {
    case 'serve':
      return serve(rest, io);
    case 'moderate':
      return moderate(rest, io);
    case 'export':
    case 'erase':
      return personalData(command, rest, io);
    case 'backup':
      return backup(rest, io);
    case 'articles':
      return articles(rest, io);
    case 'admin-password':
      return adminPassword(rest, io);
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

/**
 * @param {string[]} args
 * @param {Record<string, { type: 'string' | 'boolean', multiple?: boolean, short?: string }>} options
 * @returns {{ values: Record<string, any>, positionals: string[] }}
 */
function parse(args, options) {
  try {
    return parseArgs({ args, allowPositionals: true, strict: true, options: { ...options, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    throw new UsageError(/** @type {Error} */ (error).message);
  }
}

/** @param {Record<string, unknown>} values @param {Io} io */
function dbOf(values, io) {
  const db = /** @type {string | undefined} */ (values.db) ?? io.env.LAPA_COMMENTS_DB;
  if (!db) throw new UsageError('Give the database with --db PATH|URL or LAPA_COMMENTS_DB.');
  return db;
}

/**
 * @template T
 * @param {string} db
 * @param {(store: import('./routes.mjs').Store) => Promise<T> | T} work
 * @param {{ create?: boolean }} [options] create: make the database when it does not exist yet
 */
async function withStore(db, work, { create = false } = {}) {
  let store;
  try {
    store = await openStore(db, { mustExist: !create });
  } catch (error) {
    throw new Error(`Cannot open the comments database ${db}: ${/** @type {Error} */ (error).message}`);
  }
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

// ---- serve -----------------------------------------------------------------------

/** @param {string[]} args @param {Io} io */
async function serve(args, io) {
  const spec = Object.fromEntries(SERVE_OPTIONS.map((o) => [o.name, { type: o.type, ...(o.multiple ? { multiple: true } : {}) }]));
  const { values, positionals } = parse(args, spec);
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`serve takes no arguments (got "${positionals[0]}").`);
  /** @param {string} name @returns {any} */
  const option = (name) => {
    const def = /** @type {typeof SERVE_OPTIONS[number]} */ (SERVE_OPTIONS.find((o) => o.name === name));
    const given = /** @type {Record<string, unknown>} */ (values)[name];
    if (given !== undefined) return given;
    const env = io.env[envName(name)];
    if (env !== undefined && env !== '') return def.multiple ? env.split(',').map((s) => s.trim()).filter(Boolean) : env;
    return def.default;
  };
  /** @param {string} name */
  const whole = (name) => {
    const text = String(option(name));
    if (!/^[0-9]{1,9}$/.test(text)) throw new UsageError(`--${name} must be a whole number (got "${text}").`);
    return Number(text);
  };

  const origins = /** @type {string[] | undefined} */ (option('origin'));
  if (!origins || origins.length === 0) {
    throw new UsageError("Give the partner sites allowed to embed the comments: --origin https://partner.example (or --origin '*' for every site).");
  }
  for (const origin of origins) {
    if (origin !== '*' && !/^https?:\/\/[^/?#\s]+$/.test(origin)) {
      throw new UsageError(`--origin takes an origin like https://partner.example (got "${origin}").`);
    }
  }
  const anyOrigin = origins.includes('*');
  if (anyOrigin) io.stderr("Warning: --origin '*' lets every website embed these comments and post to them.\n");

  const rateText = String(option('rate-limit'));
  let rateLimit;
  if (rateText === 'off') rateLimit = /** @type {const} */ (false);
  else {
    const match = /^([1-9][0-9]{0,5})\/([1-9][0-9]{0,6})$/.exec(rateText);
    if (!match) throw new UsageError(`--rate-limit takes N/SECONDS or off (got "${rateText}").`);
    rateLimit = { max: Number(match[1]), windowMs: Number(match[2]) * 1000 };
  }
  const hold = String(option('hold'));
  if (!['first-time', 'all', 'none'].includes(hold)) throw new UsageError(`--hold takes first-time, all or none (got "${hold}").`);
  const trustProxy = String(option('trust-proxy'));
  try {
    parseTrustProxy(trustProxy);
  } catch (error) {
    throw new UsageError(`--trust-proxy: ${/** @type {Error} */ (error).message}`);
  }
  const port = whole('port');
  if (port > 65535) throw new UsageError('--port must be at most 65535.');
  const limits = {
    headersTimeoutMs: whole('header-timeout-ms'),
    requestTimeoutMs: whole('body-timeout-ms'),
    idleTimeoutMs: whole('idle-timeout-ms'),
    maxConnectionsPerAddress: whole('max-connections-per-address'),
    maxConnections: whole('max-connections'),
    trustProxy,
  };
  const minSubmitMs = whole('min-submit-ms');
  const proofOfWork = String(option('proof-of-work'));
  if (proofOfWork !== 'on' && proofOfWork !== 'off') throw new UsageError(`--proof-of-work takes on or off (got "${proofOfWork}").`);
  /** @type {import('./rules.mjs').HoldRules} */
  const holdRules = {};
  if (option('hold-links') !== undefined) holdRules.maxLinks = whole('hold-links');
  const wordsFile = option('hold-words');
  if (wordsFile !== undefined) {
    holdRules.words = readFileSync(String(wordsFile), 'utf8')
      .split('\n')
      .map((line) => line.replace(/#.*/, '').trim())
      .filter(Boolean);
  }
  const webhook = option('notify-webhook');
  if (webhook !== undefined && !URL.canParse(String(webhook))) throw new UsageError(`--notify-webhook takes a URL (got "${webhook}").`);
  const db = dbOf(values, io);
  const store = await openStore(db);
  const comments = createCommentServer({
    store,
    allowedOrigins: anyOrigin ? '*' : origins,
    trustProxy,
    publicHosts: option('public-host') ?? [],
    rateLimit,
    minSubmitMs,
    hold: /** @type {'first-time' | 'all' | 'none'} */ (hold),
    secret: option('secret'),
    holdRules,
    proofOfWork: proofOfWork === 'on',
    hideAfterReports: whole('hide-after-reports'),
    notifyWebhook: webhook === undefined ? undefined : String(webhook),
    onError: (error) => io.stderr(`[lapa-comments] ${/** @type {Error} */ (error)?.stack ?? error}\n`),
  });
  const admin = createAdmin({ store, trustProxy, onError: (error) => io.stderr(`[lapa-comments admin] ${/** @type {Error} */ (error)?.stack ?? error}\n`) });
  const listener = createListener((req, res) => {
    if (comments.handle(req, res) || admin.handle(req, res)) return;
    req.resume();
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
    res.end('Not found. The comments are at /api/articles/<id>/comments\n');
  }, limits);
  let info;
  try {
    info = await listener.listen(port, String(option('host')));
  } catch (error) {
    await store.close();
    throw error;
  }
  io.stdout(`lapa-comments: serving ${info.url}/api/articles/<id>/comments (${store.kind})\n`);
  return new Promise((resolve) => {
    let closing = false;
    const stop = async () => {
      if (closing) return;
      closing = true;
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      await listener.close();
      await store.close();
      resolve(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    io.onListening?.({ url: info.url, close: stop });
  });
}

// ---- moderate --------------------------------------------------------------------

const STATUSES = ['pending', 'approved', 'rejected', 'spam'];
const ACTIONS = /** @type {const} */ ({ approve: 'approved', reject: 'rejected', spam: 'spam' });

/** @param {string[]} args @param {Io} io */
async function moderate(args, io) {
  const { values, positionals } = parse(args, { db: { type: 'string' }, all: { type: 'boolean' }, status: { type: 'string' } });
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const [action, ...ids] = positionals;
  if (!action) throw new UsageError('moderate: give list, reports, approve, reject, spam or delete.');
  if (action !== 'list' && (values.all || values.status !== undefined)) throw new UsageError('--all and --status only go with list.');
  if (action === 'list') {
    if (ids.length > 0) throw new UsageError('list takes no arguments.');
    if (values.all && values.status !== undefined) throw new UsageError('Use either --all or --status.');
    if (values.status !== undefined && !STATUSES.includes(values.status)) throw new UsageError(`--status must be one of ${STATUSES.join(', ')}.`);
  } else if (action === 'reports') {
    if (ids.length > 1 || (ids.length === 1 && !COMMENT_ID.test(ids[0]))) throw new UsageError('reports takes at most one comment id.');
  } else if (action === 'delete' || action in ACTIONS) {
    if (ids.length === 0) throw new UsageError('Give at least one comment id.');
    for (const id of ids) if (!COMMENT_ID.test(id)) throw new UsageError(`"${id}" is not a comment id.`);
  } else {
    throw new UsageError(`Unknown moderate action "${action}".`);
  }
  const db = dbOf(values, io);
  return withStore(db, async (store) => {
    if (action === 'list') {
      const status = values.status ?? 'pending';
      const rows = await store.moderationList({ status, all: Boolean(values.all) });
      if (rows.length === 0) {
        io.stdout(`${values.all ? 'No comments.' : `No ${status} comments.`}\n`);
        return 0;
      }
      const table = [['ID', 'STATUS', 'ARTICLE', 'AUTHOR', 'DATE', 'TEXT']];
      for (const row of rows) {
        table.push([String(row.id), row.status, row.article_id, clip(row.author_name, 24), row.created_at.slice(0, 16).replace('T', ' '), clip(row.text, 60)]);
      }
      const widths = table[0].map((_, column) => Math.max(...table.map((line) => [...line[column]].length)));
      for (const line of table) {
        io.stdout(
          `${line.map((cell, column) => (column === line.length - 1 ? cell : cell + ' '.repeat(widths[column] - [...cell].length))).join('  ')}\n`,
        );
      }
      return 0;
    }
    if (action === 'reports') {
      const rows = await store.listReports(ids[0]);
      if (rows.length === 0) io.stdout('No reports.\n');
      for (const row of rows) {
        io.stdout(
          `${row.created_at.slice(0, 16).replace('T', ' ')}  comment ${row.comment_id} on ${row.article_id}  ${row.reason}` +
            `${row.contact ? `  from ${escapeForTerminal(row.contact)}` : ''}${row.text ? `\n    ${clip(row.text, 200)}` : ''}\n`,
        );
      }
      return 0;
    }
    if (action === 'delete') {
      const { moved } = await store.deleteComments(ids);
      io.stdout(`Deleted ${plural(ids.length, 'comment')}; ${plural(moved, 'reply', 'replies')} moved up a level.\n`);
      return 0;
    }
    const status = ACTIONS[/** @type {keyof typeof ACTIONS} */ (action)];
    await store.setStatus(ids, status);
    io.stdout(`${plural(ids.length, 'comment')} ${status === 'spam' ? 'marked as spam' : status}.\n`);
    return 0;
  });
}

/** One line, escaped for the terminal, at most `length` characters. @param {string} text @param {number} length */
function clip(text, length) {
  const flat = escapeForTerminal(text.replace(/[ \t\n]+/g, ' ').trim());
  const chars = [...flat];
  return chars.length <= length ? flat : `${chars.slice(0, length).join('')}…`;
}

/** @param {number} n @param {string} one @param {string} [many] */
function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

// ---- export / erase --------------------------------------------------------------

/** @param {'export' | 'erase'} command @param {string[]} args @param {Io} io */
async function personalData(command, args, io) {
  const { values, positionals } = parse(args, { db: { type: 'string' }, email: { type: 'string' } });
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`${command} takes --email E and no other arguments.`);
  if (!values.email || !values.email.includes('@')) throw new UsageError(`${command} needs --email with an email address.`);
  const email = normaliseEmail(values.email);
  return withStore(dbOf(values, io), async (store) => {
    if (command === 'export') {
      io.stdout(`${JSON.stringify(await store.exportEmail(email), null, 2)}\n`);
      return 0;
    }
    const { comments, moved, hits, keys } = await store.eraseEmail(email);
    io.stdout(
      `Erased ${email}: ${plural(comments, 'comment')} deleted (${plural(moved, 'reply', 'replies')} by others moved up a level), ` +
        `${plural(keys, 'idempotency record')} and ${plural(hits, 'rate-limit entry', 'rate-limit entries')} removed.\n`,
    );
    return 0;
  });
}

// ---- backup, articles, admin-password ---------------------------------------------

/** @param {string[]} args @param {Io} io */
async function backup(args, io) {
  const { values, positionals } = parse(args, { db: { type: 'string' } });
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('backup takes one FILE.');
  return withStore(dbOf(values, io), async (store) => {
    if (store.kind !== 'sqlite') throw new Error('backup copies SQLite databases; back PostgreSQL up with pg_dump.');
    await /** @type {import('./stores/sqlite.mjs').SqliteStore} */ (store).backup(positionals[0]);
    io.stdout(`Backed up to ${positionals[0]}.\n`);
    return 0;
  });
}

/** @param {string[]} args @param {Io} io */
async function articles(args, io) {
  const { values, positionals } = parse(args, { db: { type: 'string' } });
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const [action, id, ...extra] = positionals;
  if (action === 'list') {
    if (id !== undefined) throw new UsageError('articles list takes no arguments.');
  } else if (action === 'open' || action === 'close') {
    if (id === undefined || extra.length > 0 || !ARTICLE_ID.test(id)) throw new UsageError('Give one article id ([A-Za-z0-9_-], 1 to 100 characters).');
  } else {
    throw new UsageError('articles: give open ID, close ID or list.');
  }
  return withStore(dbOf(values, io), async (store) => {
    if (action === 'list') {
      const rows = await store.listArticles();
      if (rows.length === 0) io.stdout('No articles are open for comments; open one with: lapa-comments articles open ID\n');
      for (const row of rows) io.stdout(`${row.id}  ${row.state}  ${plural(Number(row.total), 'comment')}\n`);
      return 0;
    }
    await store.setArticleState(/** @type {string} */ (id), action === 'open' ? 'open' : 'closed');
    io.stdout(`${id} ${action === 'open' ? 'takes comments' : 'no longer takes comments'}.\n`);
    return 0;
  }, { create: action === 'open' });
}

/** @param {string[]} args @param {Io} io */
async function adminPassword(args, io) {
  const { values, positionals } = parse(args, { db: { type: 'string' } });
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError('admin-password reads the password from stdin and takes no arguments.');
  const db = dbOf(values, io);
  const password = (await io.stdin()).replace(/\r?\n$/, '');
  if ([...password].length < 12) throw new Error('The password must be at least 12 characters.');
  return withStore(db, async (store) => {
    await store.setMeta('admin_password', hashPassword(password));
    io.stdout('The moderation password is set.\n');
    return 0;
  }, { create: true });
}

/** scrypt, N=2^15, r=8, p=1, 16-byte salt: `scrypt$N$r$p$salt$hash` (base64url). @param {string} password */
export function hashPassword(password) {
  const salt = randomBytes(16);
  const [N, r, p] = [32768, 8, 1];
  const hash = scryptSync(password.normalize('NFC'), salt, 32, { N, r, p, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}
