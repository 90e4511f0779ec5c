// @ts-check
// The PostgreSQL store, for partners who run several instances: everything the SQLite
// store keeps (rate limits, idempotency records, counts, the token secret) lives in the
// database, so any number of processes behave as one. A submission's transaction takes
// an advisory lock on its article, then one on its client address before the rate
// limit: always in that order, so two transactions never wait for each other in a cycle.
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { planThreads, wireBytes } from '../paging.mjs';
import { duplicateKey } from '../validation.mjs';
import { textKey } from '../tokens.mjs';

const SCHEMA_VERSION = 2;
const COLUMNS = 'id, article_id, parent_id, thread_id, author_name, author_url, text, status, created_at, visible, wire_bytes, child_count, thread_size';
// Any fixed number: the key of the advisory lock that serialises schema setup.
const SCHEMA_LOCK = 7_305_150_001;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (
  key   text PRIMARY KEY,
  value text NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
  article_id    text PRIMARY KEY,
  state         text NOT NULL CHECK (state IN ('open', 'closed', 'unlisted')),
  visible_count bigint NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS comments (
  id           bigserial PRIMARY KEY,
  article_id   text NOT NULL,
  parent_id    bigint REFERENCES comments(id),
  thread_id    bigint NOT NULL,
  author_name  text NOT NULL,
  author_email text NOT NULL,
  author_url   text,
  text         text NOT NULL,
  status       text NOT NULL CHECK (status IN ('approved', 'pending', 'rejected', 'spam')),
  created_at   text COLLATE "C" NOT NULL,
  visible      smallint NOT NULL,
  wire_bytes   integer NOT NULL,
  author_key   text NOT NULL,
  text_key     text NOT NULL
);
ALTER TABLE comments ADD COLUMN IF NOT EXISTS client_address text;
ALTER TABLE comments ADD COLUMN IF NOT EXISTS child_count integer NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN IF NOT EXISTS thread_size integer NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS comments_children ON comments (parent_id, visible, created_at, id);
CREATE INDEX IF NOT EXISTS comments_with_address ON comments (created_at) WHERE client_address IS NOT NULL;
-- Partial, because PostgreSQL does not read index order past an IS NULL condition: with
-- parent_id in the key, the first page of a large article was a sort of all its threads.
CREATE INDEX IF NOT EXISTS comments_root_order ON comments (article_id, visible, created_at, id) WHERE parent_id IS NULL;
CREATE INDEX IF NOT EXISTS comments_by_thread ON comments (thread_id, visible);
CREATE INDEX IF NOT EXISTS comments_by_parent ON comments (parent_id);
CREATE INDEX IF NOT EXISTS comments_by_email  ON comments (author_email);
CREATE INDEX IF NOT EXISTS comments_by_author ON comments (author_key, status);
CREATE INDEX IF NOT EXISTS comments_by_text   ON comments (article_id, author_key, text_key);
CREATE INDEX IF NOT EXISTS comments_by_status ON comments (status, created_at);
CREATE TABLE IF NOT EXISTS idempotency (
  article_id text NOT NULL,
  key        text NOT NULL,
  comment_id bigint NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
  status     text NOT NULL,
  created_at bigint NOT NULL,
  PRIMARY KEY (article_id, key)
);
CREATE INDEX IF NOT EXISTS idempotency_by_age     ON idempotency (created_at);
CREATE INDEX IF NOT EXISTS idempotency_by_comment ON idempotency (comment_id);
CREATE TABLE IF NOT EXISTS used_challenges (
  nonce text PRIMARY KEY,
  at    bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS used_challenges_by_age ON used_challenges (at);
CREATE TABLE IF NOT EXISTS reports (
  id         bigserial PRIMARY KEY,
  comment_id bigint NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
  article_id text NOT NULL,
  reason     text NOT NULL,
  text       text NOT NULL,
  contact    text,
  created_at text NOT NULL
);
CREATE INDEX IF NOT EXISTS reports_by_comment ON reports (comment_id);
CREATE INDEX IF NOT EXISTS reports_by_contact ON reports (contact);
CREATE TABLE IF NOT EXISTS rate_limit_hits (
  client text NOT NULL,
  email  text NOT NULL,
  at     bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS rate_limit_hits_by_client ON rate_limit_hits (client, at);
CREATE INDEX IF NOT EXISTS rate_limit_hits_by_age    ON rate_limit_hits (at);
CREATE INDEX IF NOT EXISTS rate_limit_hits_by_email  ON rate_limit_hits (email);
`;

/**
 * The statements, over a pool (outside transactions) or one client (inside one).
 * @typedef {import('../paging.mjs').CommentRow} CommentRow
 */
export class PgOps {
  /** @param {pg.Pool | pg.PoolClient} db */
  constructor(db) {
    this.db = db;
  }

  /** @param {string} text @param {unknown[]} [values] */
  async all(text, values = []) {
    return (await this.db.query(text, values)).rows;
  }

  /** @param {string} text @param {unknown[]} [values] */
  async one(text, values = []) {
    return (await this.db.query(text, values)).rows[0];
  }

  /** @param {string} articleId */
  async lockArticle(articleId) {
    await this.db.query("SELECT pg_advisory_xact_lock(hashtextextended('lapa-article:' || $1, 0))", [articleId]);
  }

  /** @param {string} client */
  async lockClient(client) {
    await this.db.query("SELECT pg_advisory_xact_lock(hashtextextended('lapa-client:' || $1, 0))", [client]);
  }

  /** @param {string} id @returns {Promise<CommentRow | undefined>} */
  async getComment(id) {
    return normalise(await this.one(`SELECT ${COLUMNS} FROM comments WHERE id = $1`, [id]));
  }

  /** @param {string} articleId @param {string} key */
  async getIdempotent(articleId, key) {
    const found = await this.one('SELECT comment_id, status FROM idempotency WHERE article_id = $1 AND key = $2', [articleId, key]);
    if (!found) return undefined;
    return { status: found.status, comment: await this.getComment(found.comment_id) };
  }

  /** @param {string} client @param {number} since */
  async countHits(client, since) {
    return Number((await this.one('SELECT count(*) AS n FROM rate_limit_hits WHERE client = $1 AND at > $2', [client, since])).n);
  }

  /** @param {string} client @param {number} since @param {number} offset */
  async nthHit(client, since, offset) {
    const row = await this.one('SELECT at FROM rate_limit_hits WHERE client = $1 AND at > $2 ORDER BY at LIMIT 1 OFFSET $3', [client, since, offset]);
    return Number(row.at);
  }

  /** @param {string} articleId @param {string} authorKey @param {string} text */
  async isDuplicate(articleId, authorKey, text) {
    const row = await this.one(
      "SELECT 1 FROM comments WHERE article_id = $1 AND author_key = $2 AND text_key = $3 AND author_key <> '' LIMIT 1",
      [articleId, authorKey, textKey(duplicateKey(text))],
    );
    return row !== undefined;
  }

  /** @param {string} authorKey */
  async isKnownAuthor(authorKey) {
    const row = await this.one("SELECT 1 FROM comments WHERE author_key = $1 AND status = 'approved' AND author_key <> '' LIMIT 1", [authorKey]);
    return row !== undefined;
  }

  /** @param {import('./sqlite.mjs').NewComment} c @returns {Promise<string>} */
  async insert(c) {
    const parent = c.parentId === null ? undefined : await this.getComment(c.parentId);
    if (c.parentId !== null && !parent) throw new Error(`no comment ${c.parentId}`);
    const visible = c.status === 'approved' && (!parent || Boolean(parent.visible));
    // The id is drawn first, so a top-level comment can be its own thread in one insert.
    const { id } = await this.one("SELECT nextval(pg_get_serial_sequence('comments', 'id')) AS id");
    await this.db.query(
      `INSERT INTO comments (id, article_id, parent_id, thread_id, author_name, author_email, author_url, text, status,
         created_at, visible, wire_bytes, author_key, text_key, client_address)
       VALUES ($14, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $15)`,
      [
        c.articleId,
        parent ? parent.id : null,
        parent ? parent.thread_id : id,
        c.name,
        c.email,
        c.url,
        c.text,
        c.status,
        c.createdAt,
        visible ? 1 : 0,
        wireBytes({ parent_id: c.parentId, author_name: c.name, author_url: c.url, text: c.text, created_at: c.createdAt }),
        c.authorKey,
        textKey(duplicateKey(c.text)),
        id,
        c.clientAddress ?? null,
      ],
    );
    if (visible) {
      await this.db.query(
        `INSERT INTO articles (article_id, state, visible_count) VALUES ($1, 'unlisted', 1)
         ON CONFLICT (article_id) DO UPDATE SET visible_count = articles.visible_count + 1`,
        [c.articleId],
      );
      if (parent) {
        await this.db.query('UPDATE comments SET child_count = child_count + 1 WHERE id = $1', [parent.id]);
        await this.db.query('UPDATE comments SET thread_size = thread_size + 1 WHERE id = $1', [parent.thread_id]);
      }
    }
    return String(id);
  }

  /** @param {string} client @param {string} email @param {number} at */
  async addHit(client, email, at) {
    await this.db.query('INSERT INTO rate_limit_hits (client, email, at) VALUES ($1, $2, $3)', [client, email, at]);
  }

  /** @param {string} articleId @param {string} key @param {string} commentId @param {string} status @param {number} at */
  async putIdempotent(articleId, key, commentId, status, at) {
    await this.db.query('INSERT INTO idempotency (article_id, key, comment_id, status, created_at) VALUES ($1, $2, $3, $4, $5)', [
      articleId,
      key,
      commentId,
      status,
      at,
    ]);
  }

  /** @param {{ commentId: string, articleId: string, reason: string, text: string, contact: string | null, createdAt: string }} r */
  async addReport(r) {
    await this.db.query('INSERT INTO reports (comment_id, article_id, reason, text, contact, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      r.commentId,
      r.articleId,
      r.reason,
      r.text,
      r.contact,
      r.createdAt,
    ]);
    return Number((await this.one('SELECT count(*) AS n FROM reports WHERE comment_id = $1', [r.commentId])).n);
  }

  /** @param {string} id */
  async holdForReview(id) {
    await this.setStatusIn([id], 'pending');
  }

  /** @param {string} [id] */
  async listReports(id) {
    return id === undefined ? this.all('SELECT * FROM reports ORDER BY id') : this.all('SELECT * FROM reports WHERE comment_id = $1 ORDER BY id', [id]);
  }

  /** @param {string} nonce @param {number} at */
  async useChallenge(nonce, at) {
    const result = await this.db.query('INSERT INTO used_challenges (nonce, at) VALUES ($1, $2) ON CONFLICT (nonce) DO NOTHING', [nonce, at]);
    return result.rowCount === 1;
  }

  /** @param {number} hitsBefore @param {number} keysBefore */
  async purge(hitsBefore, keysBefore) {
    await this.db.query('DELETE FROM rate_limit_hits WHERE at <= $1', [hitsBefore]);
    await this.db.query('DELETE FROM idempotency WHERE created_at <= $1', [keysBefore]);
    await this.db.query('DELETE FROM used_challenges WHERE at <= $1', [keysBefore]);
    await this.db.query('UPDATE comments SET client_address = NULL WHERE client_address IS NOT NULL AND created_at <= $1', [new Date(hitsBefore).toISOString()]);
  }

  /** @param {string[]} ids @param {string} status */
  async setStatusIn(ids, status) {
    const threads = new Set();
    const articles = new Set();
    for (const id of ids) {
      const row = await this.getComment(id);
      if (!row) throw new Error(`There is no comment ${id}; nothing was changed.`);
      await this.db.query('UPDATE comments SET status = $1, client_address = NULL WHERE id = $2', [status, id]);
      threads.add(String(row.thread_id));
      articles.add(row.article_id);
    }
    await this.rebuild([...threads], articles);
  }

  /** @param {string[]} ids */
  async deleteIn(ids) {
    const threads = new Set();
    const articles = new Set();
    let moved = 0;
    for (const id of ids) {
      const row = await this.getComment(id);
      if (!row) throw new Error(`There is no comment ${id}; nothing was deleted.`);
      moved += (await this.db.query('UPDATE comments SET parent_id = $1 WHERE parent_id = $2', [row.parent_id, id])).rowCount ?? 0;
      await this.db.query('DELETE FROM comments WHERE id = $1', [id]);
      threads.add(String(row.thread_id));
      articles.add(row.article_id);
    }
    await this.rebuild([...threads], articles);
    return { deleted: ids.length, moved };
  }

  /** @param {string[]} threadIds @param {Set<string>} articles */
  async rebuild(threadIds, articles) {
    const rows = await this.all(
      'SELECT id, article_id, parent_id, status, thread_id, visible, child_count, thread_size FROM comments WHERE thread_id = ANY($1::bigint[])',
      [threadIds],
    );
    for (const change of planThreads(rows)) {
      await this.db.query('UPDATE comments SET thread_id = $1, visible = $2, child_count = $3, thread_size = $4 WHERE id = $5', [
        change.thread_id,
        change.visible ? 1 : 0,
        change.child_count,
        change.thread_size,
        change.id,
      ]);
    }
    for (const articleId of articles) {
      await this.db.query(
        `INSERT INTO articles (article_id, state, visible_count)
         VALUES ($1, 'unlisted', (SELECT count(*) FROM comments WHERE article_id = $1 AND visible = 1))
         ON CONFLICT (article_id) DO UPDATE SET visible_count = excluded.visible_count`,
        [articleId],
      );
    }
  }
}

/** pg returns bigint as text; the rest of the code compares ids as strings anyway. @param {any} row */
function normalise(row) {
  if (!row) return undefined;
  return { ...row, wire_bytes: Number(row.wire_bytes), visible: Number(row.visible), child_count: Number(row.child_count), thread_size: Number(row.thread_size) };
}

export class PostgresStore extends PgOps {
  /** pg's client class, for callers that need a plain connection (tests, setup). */
  static Client = pg.Client;

  /**
   * Connects and makes sure the schema is there (several instances may start at once).
   * @param {string} url postgres://…
   */
  static async open(url) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    let client;
    try {
      client = await pool.connect();
      await client.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK]);
      try {
        await client.query(SCHEMA);
        const version = await client.query("SELECT value FROM meta WHERE key = 'schema_version'");
        const found = Number(version.rows[0]?.value ?? SCHEMA_VERSION);
        if (found > SCHEMA_VERSION) throw new Error(`the database has schema version ${found}; this code knows ${SCHEMA_VERSION}`);
        await client.query("INSERT INTO meta (key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO NOTHING", [String(SCHEMA_VERSION)]);
        await client.query("INSERT INTO meta (key, value) VALUES ('secret', $1) ON CONFLICT (key) DO NOTHING", [randomBytes(32).toString('base64url')]);
        const secret = (await client.query("SELECT value FROM meta WHERE key = 'secret'")).rows[0].value;
        return new PostgresStore(pool, secret);
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK]);
        client.release();
      }
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  /** @param {pg.Pool} pool @param {string} secret */
  constructor(pool, secret) {
    super(pool);
    this.kind = 'postgres';
    this.pool = pool;
    this.cachedSecret = secret;
    // A dropped idle connection is pg's to replace; it must not crash the process.
    pool.on('error', () => {});
  }

  secret() {
    return this.cachedSecret;
  }

  /** @param {string} key */
  async getMeta(key) {
    return (await this.one('SELECT value FROM meta WHERE key = $1', [key]))?.value;
  }

  /** @param {string} key @param {string} value */
  async setMeta(key, value) {
    await this.pool.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  /** @param {string} articleId @returns {Promise<'open' | 'closed' | 'unlisted' | undefined>} */
  async articleState(articleId) {
    return (await this.one('SELECT state FROM articles WHERE article_id = $1', [articleId]))?.state;
  }

  /** @param {string} articleId @param {'open' | 'closed'} state */
  async setArticleState(articleId, state) {
    await this.pool.query(
      'INSERT INTO articles (article_id, state) VALUES ($1, $2) ON CONFLICT (article_id) DO UPDATE SET state = excluded.state',
      [articleId, state],
    );
  }

  async listArticles() {
    const rows = await this.all("SELECT article_id, state, visible_count FROM articles WHERE state <> 'unlisted' ORDER BY article_id");
    return rows.map((row) => ({ id: row.article_id, state: row.state, total: Number(row.visible_count) }));
  }

  /** @param {string} articleId */
  async count(articleId) {
    return Number((await this.one('SELECT visible_count FROM articles WHERE article_id = $1', [articleId]))?.visible_count ?? 0);
  }

  /** @param {{ articleId: string, order: 'oldest' | 'newest', after: { createdAt: string, id: string } | null, offset: number, limit: number }} q */
  async roots({ articleId, order, after, offset, limit }) {
    const base = `SELECT ${COLUMNS} FROM comments WHERE article_id = $1 AND parent_id IS NULL AND visible = 1`;
    const direction = order === 'newest' ? 'DESC' : 'ASC';
    const rows = after
      ? await this.all(
          `${base} AND (created_at, id) ${order === 'newest' ? '<' : '>'} ($2, $3) ORDER BY created_at ${direction}, id ${direction} LIMIT $4`,
          [articleId, after.createdAt, after.id, limit],
        )
      : await this.all(`${base} ORDER BY created_at ${direction}, id ${direction} LIMIT $2 OFFSET $3`, [articleId, limit, offset]);
    return rows.map(normalise);
  }

  /** @param {string[]} threadIds */
  async threadReplies(threadIds) {
    const rows = await this.all(
      `SELECT id, parent_id, thread_id, created_at, wire_bytes FROM comments
       WHERE thread_id = ANY($1::bigint[]) AND visible = 1 AND parent_id IS NOT NULL`,
      [threadIds],
    );
    return rows.map((row) => ({ ...row, wire_bytes: Number(row.wire_bytes) }));
  }

  /** @param {string} parentId @param {{ createdAt: string, id: string } | null} after @param {number} limit */
  async children(parentId, after, limit) {
    const base = 'SELECT id, parent_id, thread_id, created_at, wire_bytes, child_count FROM comments WHERE parent_id = $1 AND visible = 1';
    const rows = after
      ? await this.all(`${base} AND (created_at, id) > ($2, $3) ORDER BY created_at, id LIMIT $4`, [parentId, after.createdAt, after.id, limit])
      : await this.all(`${base} ORDER BY created_at, id LIMIT $2`, [parentId, limit]);
    return rows.map((row) => ({ ...row, wire_bytes: Number(row.wire_bytes), child_count: Number(row.child_count) }));
  }

  /** @param {string[]} ids */
  async commentsByIds(ids) {
    return (await this.all(`SELECT ${COLUMNS} FROM comments WHERE id = ANY($1::bigint[])`, [ids])).map(normalise);
  }

  /**
   * @template T
   * @param {(tx: PgOps) => Promise<T>} work
   * @returns {Promise<T>}
   */
  async transaction(work) {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(new PgOps(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /** @param {{ status?: string, all?: boolean }} q */
  async moderationList({ status = 'pending', all = false } = {}) {
    return all
      ? this.all(
          `SELECT * FROM comments ORDER BY CASE status WHEN 'pending' THEN 0 WHEN 'approved' THEN 1 ELSE 2 END, created_at, id`,
        )
      : this.all('SELECT * FROM comments WHERE status = $1 ORDER BY created_at, id', [status]);
  }

  /** @param {string[]} ids @param {'approved' | 'pending' | 'rejected' | 'spam'} status */
  async setStatus(ids, status) {
    await this.transaction((tx) => tx.setStatusIn(ids, status));
  }

  /** @param {string[]} ids */
  async deleteComments(ids) {
    return this.transaction((tx) => tx.deleteIn(ids));
  }

  /** @param {string} email */
  async exportEmail(email) {
    const comments = await this.all("SELECT * FROM comments WHERE author_email = $1 AND author_email <> '' ORDER BY id", [email]);
    const hits = await this.all('SELECT client, at FROM rate_limit_hits WHERE email = $1 ORDER BY at', [email]);
    return {
      email,
      comments: comments.map((row) => ({
        id: String(row.id),
        article: row.article_id,
        parent: row.parent_id === null ? null : String(row.parent_id),
        name: row.author_name,
        url: row.author_url,
        text: row.text,
        status: row.status,
        date: row.created_at,
        address: row.client_address,
      })),
      rate_limit_entries: hits.map((row) => ({ client: row.client, at: Number(row.at) })),
      reports: await this.all('SELECT comment_id, article_id, reason, text, created_at FROM reports WHERE contact = $1 ORDER BY id', [email]),
    };
  }

  /** @param {string} email */
  async eraseEmail(email) {
    return this.transaction(async (tx) => {
      const ids = (await tx.all("SELECT id FROM comments WHERE author_email = $1 AND author_email <> '' ORDER BY id", [email])).map((row) =>
        String(row.id),
      );
      const keys = ids.length
        ? Number((await tx.one('SELECT count(*) AS n FROM idempotency WHERE comment_id = ANY($1::bigint[])', [ids])).n)
        : 0;
      const { moved } = ids.length > 0 ? await tx.deleteIn(ids) : { moved: 0 };
      const hits = (await tx.db.query('DELETE FROM rate_limit_hits WHERE email = $1', [email])).rowCount ?? 0;
      await tx.db.query('DELETE FROM reports WHERE contact = $1', [email]);
      return { comments: ids.length, moved, hits, keys };
    });
  }

  /**
   * Stores a comment as is, bypassing the protocol's checks (tests, seeding).
   * @param {{ articleId: string, parent?: string | null, name: string, email?: string, url?: string | null,
   *   text: string, status?: string, date?: Date | string | number, authorKey?: string }} c
   */
  insertComment(c) {
    return this.transaction((tx) =>
      tx.insert({
        articleId: c.articleId,
        parentId: c.parent ?? null,
        name: c.name,
        email: (c.email ?? '').trim().toLowerCase(),
        url: c.url ?? null,
        text: c.text,
        status: c.status ?? 'approved',
        createdAt: new Date(c.date ?? Date.now()).toISOString(),
        authorKey: c.authorKey ?? '',
      }),
    );
  }

  async close() {
    await this.pool.end();
  }
}
