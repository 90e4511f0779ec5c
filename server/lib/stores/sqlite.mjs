// @ts-check
// The embedded store: one SQLite file (WAL mode), shared safely by the server and the
// CLI. Every statement is prepared; no SQL is ever built from input. better-sqlite3 is
// synchronous: each method returns its value directly, and callers that also speak to
// the PostgreSQL store simply await it.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { planThreads, wireBytes } from '../paging.mjs';
import { duplicateKey } from '../validation.mjs';
import { textKey } from '../tokens.mjs';

const SCHEMA_VERSION = 3;

const COLUMNS = 'id, article_id, parent_id, thread_id, author_name, author_url, text, status, created_at, visible, wire_bytes, child_count, thread_size';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- The allowlist: an article takes comments only once opened. 'unlisted' rows exist only
-- to keep the count of an article the server was told about some other way.
CREATE TABLE IF NOT EXISTS articles (
  article_id    TEXT PRIMARY KEY,
  state         TEXT NOT NULL CHECK (state IN ('open', 'closed', 'unlisted')),
  visible_count INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS comments (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id   TEXT    NOT NULL,
  parent_id    INTEGER REFERENCES comments(id),
  thread_id    INTEGER NOT NULL,  -- the top-level comment of its thread (itself at the top)
  author_name  TEXT    NOT NULL,
  author_email TEXT    NOT NULL,  -- trimmed, lower-cased; never sent to clients
  author_url   TEXT,
  text         TEXT    NOT NULL,
  status       TEXT    NOT NULL CHECK (status IN ('approved', 'pending', 'rejected', 'spam')),
  created_at   TEXT    NOT NULL,  -- ISO 8601 UTC with milliseconds, so it sorts as text
  visible      INTEGER NOT NULL,  -- approved, and so is every ancestor: listed
  wire_bytes   INTEGER NOT NULL,  -- its size in an answer, for the page budget
  author_key   TEXT    NOT NULL,  -- keyed hash of email and network (see tokens.mjs)
  text_key     TEXT    NOT NULL,  -- hash of the text's duplicate key
  client_address TEXT,            -- where a comment came from, shown to moderators; cleared
                                  -- once moderated or after the address retention period
  child_count  INTEGER NOT NULL DEFAULT 0, -- listed direct replies
  thread_size  INTEGER NOT NULL DEFAULT 0  -- on a top-level comment: listed replies in its thread
);
CREATE INDEX IF NOT EXISTS comments_roots     ON comments (article_id, parent_id, visible, created_at, id);
CREATE INDEX IF NOT EXISTS comments_by_thread ON comments (thread_id, visible);
CREATE INDEX IF NOT EXISTS comments_by_parent ON comments (parent_id, visible, created_at, id);
CREATE INDEX IF NOT EXISTS comments_by_email  ON comments (author_email);
CREATE INDEX IF NOT EXISTS comments_by_author ON comments (author_key, status);
CREATE INDEX IF NOT EXISTS comments_by_text   ON comments (article_id, author_key, text_key);
CREATE INDEX IF NOT EXISTS comments_by_status ON comments (status, created_at);
CREATE INDEX IF NOT EXISTS comments_with_address ON comments (created_at) WHERE client_address IS NOT NULL;

-- Which comment an (article, Idempotency-Key) stored; a replay shows that comment as it
-- is now. Deleting or erasing the comment deletes its keys with it.
CREATE TABLE IF NOT EXISTS idempotency (
  article_id TEXT    NOT NULL,
  key        TEXT    NOT NULL,
  comment_id INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
  status     TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (article_id, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idempotency_by_age     ON idempotency (created_at);
CREATE INDEX IF NOT EXISTS idempotency_by_comment ON idempotency (comment_id);

-- Proof-of-work challenges already used, so each is accepted once.
CREATE TABLE IF NOT EXISTS used_challenges (
  nonce TEXT    PRIMARY KEY,
  at    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS used_challenges_by_age ON used_challenges (at);

-- Readers' reports of a comment (notice and action). The contact is optional and is
-- erased with the rest of that email's data.
CREATE TABLE IF NOT EXISTS reports (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  comment_id INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
  article_id TEXT    NOT NULL,
  reason     TEXT    NOT NULL,
  text       TEXT    NOT NULL,
  contact    TEXT,
  created_at TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS reports_by_comment ON reports (comment_id);
CREATE INDEX IF NOT EXISTS reports_by_contact ON reports (contact);

-- One row per stored comment, per client address, for the rate limit. The email is kept
-- only so an erasure request can remove the rows; everything is purged after the
-- retention period.
CREATE TABLE IF NOT EXISTS rate_limit_hits (
  client TEXT    NOT NULL,
  email  TEXT    NOT NULL,
  at     INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS rate_limit_hits_by_client ON rate_limit_hits (client, at);
CREATE INDEX IF NOT EXISTS rate_limit_hits_by_age    ON rate_limit_hits (at);
CREATE INDEX IF NOT EXISTS rate_limit_hits_by_email  ON rate_limit_hits (email);
`;

/**
 * @typedef {import('../paging.mjs').CommentRow} CommentRow
 * @typedef {{ articleId: string, parentId: string | null, name: string, email: string, url: string | null,
 *   text: string, status: string, createdAt: string, authorKey: string, clientAddress?: string | null }} NewComment
 */

export class SqliteStore {
  /**
   * Opens (and, unless `mustExist`, creates) a comments database. A new file is made
   * readable by its owner only (it holds emails); an existing one is tightened to that.
   * @param {string} path a file path or ':memory:'
   * @param {{ mustExist?: boolean }} [options]
   */
  constructor(path = ':memory:', { mustExist = false } = {}) {
    this.kind = 'sqlite';
    this.path = path;
    const inMemory = path === ':memory:' || path === '';
    if (!inMemory) {
      if (mustExist && !existsSync(path)) throw new Error(`${path} does not exist`);
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      closeSync(openSync(path, 'a', 0o600));
      chmodSync(path, 0o600);
    }
    const db = new Database(path);
    this.db = db;
    /** @type {Promise<unknown>} */
    this.writeQueue = Promise.resolve();
    try {
      if (!inMemory) db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      // The server and the CLI may write at the same moment.
      db.pragma('busy_timeout = 5000');
      const version = /** @type {number} */ (db.pragma('user_version', { simple: true }));
      if (mustExist && version === 0) throw new Error(`${path} is not a comments database`);
      if (version > SCHEMA_VERSION) throw new Error(`${path} has schema version ${version}; this code knows ${SCHEMA_VERSION}`);
      if (version === 1) migrateFromV1(db);
      // Schema 2 and early schema 3 databases lack the newest columns.
      if (version === 2 || version === 3) addMissingColumns(db);
      db.exec(SCHEMA);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    } catch (error) {
      db.close();
      throw error;
    }
    this.sql = prepare(db);
  }

  // ---- reading --------------------------------------------------------------------

  /** The store's own random secret, made on first use and kept. */
  secret() {
    const found = this.sql.getMeta.get('secret');
    if (found) return found.value;
    this.sql.putMetaIfAbsent.run('secret', randomBytes(32).toString('base64url'));
    return this.sql.getMeta.get('secret').value;
  }

  /** @param {string} key @returns {string | undefined} */
  getMeta(key) {
    return this.sql.getMeta.get(key)?.value;
  }

  /** @param {string} key @param {string} value */
  setMeta(key, value) {
    this.sql.setMeta.run(key, value);
  }

  /** @param {string} articleId @returns {'open' | 'closed' | 'unlisted' | undefined} */
  articleState(articleId) {
    return this.sql.articleState.get(articleId)?.state;
  }

  /** @param {string} articleId @param {'open' | 'closed'} state */
  setArticleState(articleId, state) {
    this.sql.setArticleState.run(articleId, state);
  }

  listArticles() {
    return this.sql.listArticles.all().map((row) => ({ id: row.article_id, state: row.state, total: row.visible_count }));
  }

  /** @param {string} articleId */
  count(articleId) {
    return this.sql.count.get(articleId)?.visible_count ?? 0;
  }

  /** @param {{ articleId: string, order: 'oldest' | 'newest', after: { createdAt: string, id: string } | null, offset: number, limit: number }} q */
  roots({ articleId, order, after, offset, limit }) {
    const s = this.sql;
    if (after) return (order === 'newest' ? s.rootsBefore : s.rootsAfter).all(articleId, after.createdAt, Number(after.id), limit);
    return (order === 'newest' ? s.rootsNewest : s.rootsOldest).all(articleId, limit, offset);
  }

  /** @param {string[]} threadIds */
  threadReplies(threadIds) {
    return this.sql.threadReplies.all(JSON.stringify(threadIds.map(Number)));
  }

  /**
   * A parent's listed replies in display order (oldest first), after a cursor.
   * @param {string} parentId @param {{ createdAt: string, id: string } | null} after @param {number} limit
   */
  children(parentId, after, limit) {
    return after
      ? this.sql.childrenAfter.all(Number(parentId), after.createdAt, Number(after.id), limit)
      : this.sql.childrenFirst.all(Number(parentId), limit);
  }

  /** @param {string[]} ids */
  commentsByIds(ids) {
    return this.sql.commentsByIds.all(JSON.stringify(ids.map(Number)));
  }

  /** @param {string} id @returns {CommentRow | undefined} */
  getComment(id) {
    return this.sql.getComment.get(Number(id));
  }

  // ---- the POST transaction ---------------------------------------------------------

  /**
   * Runs `work` in one IMMEDIATE transaction. Writers queue here, so the async steps of
   * one submission never interleave with another's on this connection; another process
   * writing the same file waits for SQLite's lock.
   * @template T
   * @param {(tx: SqliteStore) => Promise<T>} work
   * @returns {Promise<T>}
   */
  transaction(work) {
    const run = async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    };
    const result = this.writeQueue.then(run, run);
    this.writeQueue = result.catch(() => {});
    return result;
  }

  /** @param {string} _articleId Serialising per article is what the transaction already does here. */
  lockArticle(_articleId) {}

  /** @param {string} _client */
  lockClient(_client) {}

  /** @param {string} articleId @param {string} key */
  getIdempotent(articleId, key) {
    const found = this.sql.getIdempotent.get(articleId, key);
    if (!found) return undefined;
    return { status: found.status, comment: this.getComment(String(found.comment_id)) };
  }

  /** @param {string} client @param {number} since */
  countHits(client, since) {
    return this.sql.countHits.get(client, since).n;
  }

  /** @param {string} client @param {number} since @param {number} offset */
  nthHit(client, since, offset) {
    return this.sql.nthHit.get(client, since, offset).at;
  }

  /** @param {string} articleId @param {string} authorKey @param {string} text */
  isDuplicate(articleId, authorKey, text) {
    return this.sql.isDuplicate.get(articleId, authorKey, textKey(duplicateKey(text))) !== undefined;
  }

  /** @param {string} authorKey */
  isKnownAuthor(authorKey) {
    return this.sql.isKnownAuthor.get(authorKey) !== undefined;
  }

  /**
   * Stores a comment, keeping its thread, visibility, size and the article's count.
   * @param {NewComment} c
   * @returns {string} the new id
   */
  insert(c) {
    const parent = c.parentId === null ? undefined : this.getComment(c.parentId);
    if (c.parentId !== null && !parent) throw new Error(`no comment ${c.parentId}`);
    const visible = c.status === 'approved' && (!parent || Boolean(parent.visible));
    const { lastInsertRowid } = this.sql.insert.run({
      article_id: c.articleId,
      parent_id: parent ? Number(parent.id) : null,
      thread_id: parent ? Number(parent.thread_id) : 0,
      author_name: c.name,
      author_email: c.email,
      author_url: c.url,
      text: c.text,
      status: c.status,
      created_at: c.createdAt,
      visible: visible ? 1 : 0,
      wire_bytes: wireBytes({ parent_id: c.parentId, author_name: c.name, author_url: c.url, text: c.text, created_at: c.createdAt }),
      author_key: c.authorKey,
      text_key: textKey(duplicateKey(c.text)),
      client_address: c.clientAddress ?? null,
    });
    if (!parent) this.sql.setOwnThread.run(lastInsertRowid);
    if (visible) {
      this.sql.countUp.run(c.articleId);
      if (parent) {
        this.sql.childUp.run(Number(parent.id));
        this.sql.threadUp.run(Number(parent.thread_id));
      }
    }
    return String(lastInsertRowid);
  }

  /** @param {string} client @param {string} email @param {number} at */
  addHit(client, email, at) {
    this.sql.addHit.run(client, email, at);
  }

  /** @param {string} articleId @param {string} key @param {string} commentId @param {string} status @param {number} at */
  putIdempotent(articleId, key, commentId, status, at) {
    this.sql.putIdempotent.run(articleId, key, Number(commentId), status, at);
  }

  /**
   * @param {{ commentId: string, articleId: string, reason: string, text: string, contact: string | null, createdAt: string }} r
   * @returns {number} the comment's reports so far
   */
  addReport(r) {
    this.sql.addReport.run(Number(r.commentId), r.articleId, r.reason, r.text, r.contact, r.createdAt);
    return this.sql.countReports.get(Number(r.commentId)).n;
  }

  /** A reported comment waits for a moderator again (with its replies). @param {string} id */
  holdForReview(id) {
    this.setStatus([id], 'pending');
  }

  /** @param {string} [id] one comment's reports, or every report */
  listReports(id) {
    return id === undefined ? this.sql.allReports.all() : this.sql.reportsOf.all(Number(id));
  }

  /** @param {string} nonce @param {number} at @returns {boolean} false: used before */
  useChallenge(nonce, at) {
    return this.sql.useChallenge.run(nonce, at).changes === 1;
  }

  /** @param {number} hitsBefore @param {number} keysBefore */
  purge(hitsBefore, keysBefore) {
    this.sql.purgeHits.run(hitsBefore);
    this.sql.purgeIdempotency.run(keysBefore);
    this.sql.purgeChallenges.run(keysBefore);
    this.sql.purgeAddresses.run(new Date(hitsBefore).toISOString());
  }

  // ---- moderation -------------------------------------------------------------------

  /** @param {{ status?: string, all?: boolean }} q */
  moderationList({ status = 'pending', all = false } = {}) {
    return all ? this.sql.listAll.all() : this.sql.listByStatus.all(status);
  }

  /**
   * @param {string[]} ids
   * @param {'approved' | 'pending' | 'rejected' | 'spam'} status
   */
  setStatus(ids, status) {
    this.db.transaction(() => {
      const threads = new Set();
      const articles = new Set();
      for (const id of ids) {
        const row = this.getComment(id);
        if (!row) throw new Error(`There is no comment ${id}; nothing was changed.`);
        this.sql.setStatus.run(status, Number(id));
        this.sql.forgetAddress.run(Number(id));
        threads.add(Number(row.thread_id));
        articles.add(row.article_id);
      }
      this.rebuild([...threads], articles);
    })();
  }

  /**
   * Deletes comments for good; their replies move up to the deleted comment's parent
   * (top-level when it had none): other people's words are kept.
   * @param {string[]} ids
   * @returns {{ deleted: number, moved: number }}
   */
  deleteComments(ids) {
    return this.db.transaction(() => {
      const threads = new Set();
      const articles = new Set();
      let moved = 0;
      for (const id of ids) {
        const row = this.getComment(id);
        if (!row) throw new Error(`There is no comment ${id}; nothing was deleted.`);
        moved += this.sql.reparent.run(row.parent_id, Number(id)).changes;
        this.sql.deleteComment.run(Number(id));
        threads.add(Number(row.thread_id));
        articles.add(row.article_id);
      }
      this.rebuild([...threads], articles);
      return { deleted: ids.length, moved };
    })();
  }

  /**
   * Recomputes threads and visibility after moderation, and the affected counts.
   * @param {number[]} threadIds @param {Set<string>} articles
   */
  rebuild(threadIds, articles) {
    const rows = this.sql.threadAll.all(JSON.stringify(threadIds));
    for (const change of planThreads(rows)) {
      this.sql.updateTree.run(Number(change.thread_id), change.visible ? 1 : 0, change.child_count, change.thread_size, Number(change.id));
    }
    for (const articleId of articles) this.sql.recount.run({ id: articleId });
  }

  /** All data held about one email, for an access request. @param {string} email normalised */
  exportEmail(email) {
    return {
      email,
      comments: this.sql.byEmail.all(email).map((row) => ({
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
      rate_limit_entries: this.sql.hitsByEmail.all(email),
      reports: this.sql.reportsByContact.all(email),
    };
  }

  /**
   * Erases everything held about one email: its comments (replies by others move up a
   * level), their idempotency records, its rate-limit entries.
   * @param {string} email normalised
   */
  eraseEmail(email) {
    return this.db.transaction(() => {
      const ids = this.sql.byEmail.all(email).map((row) => String(row.id));
      const keys = ids.reduce((n, id) => n + this.sql.keysOf.get(Number(id)).n, 0);
      const { moved } = ids.length > 0 ? this.deleteComments(ids) : { moved: 0 };
      const hits = this.sql.eraseHits.run(email).changes;
      this.sql.eraseReportContact.run(email);
      return { comments: ids.length, moved, hits, keys };
    })();
  }

  /** A consistent copy of the live database (SQLite's online backup). @param {string} file */
  async backup(file) {
    closeSync(openSync(file, 'w', 0o600));
    chmodSync(file, 0o600);
    await this.db.backup(file);
  }

  /**
   * Stores a comment as is, bypassing the protocol's checks (seeding demo data, tests).
   * @param {{ articleId: string, parent?: string | null, name: string, email?: string, url?: string | null,
   *   text: string, status?: string, date?: Date | string | number, authorKey?: string }} c
   * @returns {string}
   */
  insertComment(c) {
    return this.insert({
      articleId: c.articleId,
      parentId: c.parent ?? null,
      name: c.name,
      email: (c.email ?? '').trim().toLowerCase(),
      url: c.url ?? null,
      text: c.text,
      status: c.status ?? 'approved',
      createdAt: new Date(c.date ?? Date.now()).toISOString(),
      authorKey: c.authorKey ?? '',
    });
  }

  close() {
    if (this.db.open) this.db.close();
  }
}

/** @param {import('better-sqlite3').Database} db */
function prepare(db) {
  /** @param {string} sql */
  const p = (sql) => /** @type {import('better-sqlite3').Statement<any[], any>} */ (db.prepare(sql));
  const roots = `SELECT ${COLUMNS} FROM comments WHERE article_id = ? AND parent_id IS NULL AND visible = 1`;
  return {
    getMeta: p('SELECT value FROM meta WHERE key = ?'),
    putMetaIfAbsent: p('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING'),
    setMeta: p('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    articleState: p('SELECT state FROM articles WHERE article_id = ?'),
    setArticleState: p(`INSERT INTO articles (article_id, state) VALUES (?, ?)
      ON CONFLICT (article_id) DO UPDATE SET state = excluded.state`),
    listArticles: p("SELECT article_id, state, visible_count FROM articles WHERE state <> 'unlisted' ORDER BY article_id"),
    count: p('SELECT visible_count FROM articles WHERE article_id = ?'),
    rootsOldest: p(`${roots} ORDER BY created_at, id LIMIT ? OFFSET ?`),
    rootsNewest: p(`${roots} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`),
    rootsAfter: p(`${roots} AND (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?`),
    rootsBefore: p(`${roots} AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?`),
    threadReplies: p(`SELECT id, parent_id, thread_id, created_at, wire_bytes FROM comments
      WHERE thread_id IN (SELECT value FROM json_each(?)) AND visible = 1 AND parent_id IS NOT NULL`),
    commentsByIds: p(`SELECT ${COLUMNS} FROM comments WHERE id IN (SELECT value FROM json_each(?))`),
    getComment: p(`SELECT ${COLUMNS} FROM comments WHERE id = ?`),
    getIdempotent: p('SELECT comment_id, status FROM idempotency WHERE article_id = ? AND key = ?'),
    putIdempotent: p('INSERT INTO idempotency (article_id, key, comment_id, status, created_at) VALUES (?, ?, ?, ?, ?)'),
    purgeIdempotency: p('DELETE FROM idempotency WHERE created_at <= ?'),
    keysOf: p('SELECT count(*) AS n FROM idempotency WHERE comment_id = ?'),
    countHits: p('SELECT count(*) AS n FROM rate_limit_hits WHERE client = ? AND at > ?'),
    nthHit: p('SELECT at FROM rate_limit_hits WHERE client = ? AND at > ? ORDER BY at LIMIT 1 OFFSET ?'),
    addHit: p('INSERT INTO rate_limit_hits (client, email, at) VALUES (?, ?, ?)'),
    purgeHits: p('DELETE FROM rate_limit_hits WHERE at <= ?'),
    hitsByEmail: p('SELECT client, at FROM rate_limit_hits WHERE email = ? ORDER BY at'),
    eraseHits: p('DELETE FROM rate_limit_hits WHERE email = ?'),
    isDuplicate: p("SELECT 1 FROM comments WHERE article_id = ? AND author_key = ? AND text_key = ? AND author_key <> '' LIMIT 1"),
    isKnownAuthor: p("SELECT 1 FROM comments WHERE author_key = ? AND status = 'approved' AND author_key <> '' LIMIT 1"),
    insert: p(`INSERT INTO comments (article_id, parent_id, thread_id, author_name, author_email, author_url, text, status,
        created_at, visible, wire_bytes, author_key, text_key, client_address)
      VALUES (@article_id, @parent_id, @thread_id, @author_name, @author_email, @author_url, @text, @status,
        @created_at, @visible, @wire_bytes, @author_key, @text_key, @client_address)`),
    forgetAddress: p('UPDATE comments SET client_address = NULL WHERE id = ?'),
    purgeAddresses: p('UPDATE comments SET client_address = NULL WHERE client_address IS NOT NULL AND created_at <= ?'),
    setOwnThread: p('UPDATE comments SET thread_id = id WHERE id = ?'),
    countUp: p(`INSERT INTO articles (article_id, state, visible_count) VALUES (?, 'unlisted', 1)
      ON CONFLICT (article_id) DO UPDATE SET visible_count = visible_count + 1`),
    recount: p(`INSERT INTO articles (article_id, state, visible_count)
      VALUES (@id, 'unlisted', (SELECT count(*) FROM comments WHERE article_id = @id AND visible = 1))
      ON CONFLICT (article_id) DO UPDATE SET visible_count = excluded.visible_count`),
    listAll: p(`SELECT * FROM comments
      ORDER BY CASE status WHEN 'pending' THEN 0 WHEN 'approved' THEN 1 ELSE 2 END, created_at, id`),
    listByStatus: p('SELECT * FROM comments WHERE status = ? ORDER BY created_at, id'),
    setStatus: p('UPDATE comments SET status = ? WHERE id = ?'),
    reparent: p('UPDATE comments SET parent_id = ? WHERE parent_id = ?'),
    deleteComment: p('DELETE FROM comments WHERE id = ?'),
    threadAll: p(`SELECT id, article_id, parent_id, status, thread_id, visible, child_count, thread_size FROM comments
      WHERE thread_id IN (SELECT value FROM json_each(?))`),
    childrenFirst: p(`SELECT id, parent_id, thread_id, created_at, wire_bytes, child_count FROM comments
      WHERE parent_id = ? AND visible = 1 ORDER BY created_at, id LIMIT ?`),
    childrenAfter: p(`SELECT id, parent_id, thread_id, created_at, wire_bytes, child_count FROM comments
      WHERE parent_id = ? AND visible = 1 AND (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?`),
    childUp: p('UPDATE comments SET child_count = child_count + 1 WHERE id = ?'),
    threadUp: p('UPDATE comments SET thread_size = thread_size + 1 WHERE id = ?'),
    updateTree: p('UPDATE comments SET thread_id = ?, visible = ?, child_count = ?, thread_size = ? WHERE id = ?'),
    useChallenge: p('INSERT INTO used_challenges (nonce, at) VALUES (?, ?) ON CONFLICT (nonce) DO NOTHING'),
    purgeChallenges: p('DELETE FROM used_challenges WHERE at <= ?'),
    addReport: p('INSERT INTO reports (comment_id, article_id, reason, text, contact, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    countReports: p('SELECT count(*) AS n FROM reports WHERE comment_id = ?'),
    reportsOf: p('SELECT * FROM reports WHERE comment_id = ? ORDER BY id'),
    allReports: p('SELECT * FROM reports ORDER BY id'),
    reportsByContact: p('SELECT comment_id, article_id, reason, text, created_at FROM reports WHERE contact = ? ORDER BY id'),
    eraseReportContact: p('DELETE FROM reports WHERE contact = ?'),
    byEmail: p("SELECT * FROM comments WHERE author_email = ? AND author_email <> '' ORDER BY id"),
  };
}

/** Adds the columns later versions of schema 3 have to a schema 2 or early 3 database. @param {import('better-sqlite3').Database} db */
function addMissingColumns(db) {
  const has = (/** @type {string} */ name) => db.prepare('SELECT 1 FROM pragma_table_info(?) WHERE name = ?').get('comments', name) !== undefined;
  if (!has('client_address')) db.exec('ALTER TABLE comments ADD COLUMN client_address TEXT');
  if (!has('child_count')) {
    db.exec('ALTER TABLE comments ADD COLUMN child_count INTEGER NOT NULL DEFAULT 0');
    db.exec('ALTER TABLE comments ADD COLUMN thread_size INTEGER NOT NULL DEFAULT 0');
    db.exec('DROP INDEX IF EXISTS comments_by_parent');
    const rows = /** @type {any[]} */ (db.prepare('SELECT id, parent_id, status, thread_id, visible, 0 AS child_count, 0 AS thread_size FROM comments').all());
    const tree = db.prepare('UPDATE comments SET child_count = ?, thread_size = ? WHERE id = ?');
    for (const change of planThreads(rows)) tree.run(change.child_count, change.thread_size, Number(change.id));
  }
}

/**
 * Schema 1 (the demo's reference server) to 2: the comments table is rebuilt (statuses
 * gain 'spam'); threads, visibility, sizes and text keys are computed for the stored
 * comments; every article that had comments or a state is put on the allowlist as it
 * was; remembered Idempotency-Key answers (24 hours' worth, stored as copies of the
 * answer) are dropped.
 * @param {import('better-sqlite3').Database} db
 */
function migrateFromV1(db) {
  db.transaction(() => {
    db.pragma('defer_foreign_keys = ON');
    for (const index of ['comments_by_thread', 'comments_by_parent', 'comments_by_email']) db.exec(`DROP INDEX IF EXISTS ${index}`);
    db.exec('DROP TABLE IF EXISTS idempotency');
    db.exec('ALTER TABLE comments RENAME TO comments_v1');
    db.exec(SCHEMA);
    db.exec(`INSERT INTO comments (id, article_id, parent_id, thread_id, author_name, author_email, author_url, text, status,
        created_at, visible, wire_bytes, author_key, text_key)
      SELECT id, article_id, parent_id, 0, author_name, author_email, author_url, text, status, created_at, 0, 0, '', ''
      FROM comments_v1 ORDER BY id`);
    db.exec('DROP TABLE comments_v1');
    const rows = /** @type {any[]} */ (db.prepare('SELECT * FROM comments').all());
    const update = db.prepare('UPDATE comments SET wire_bytes = ?, text_key = ? WHERE id = ?');
    for (const row of rows) update.run(wireBytes(row), textKey(duplicateKey(row.text)), row.id);
    const tree = db.prepare('UPDATE comments SET thread_id = ?, visible = ?, child_count = ?, thread_size = ? WHERE id = ?');
    for (const change of planThreads(rows)) {
      tree.run(Number(change.thread_id), change.visible ? 1 : 0, change.child_count, change.thread_size, Number(change.id));
    }
    db.exec(`INSERT INTO articles (article_id, state)
      SELECT article_id, CASE open WHEN 1 THEN 'open' ELSE 'closed' END FROM article_state WHERE true
      ON CONFLICT (article_id) DO NOTHING`);
    db.exec(`INSERT INTO articles (article_id, state) SELECT DISTINCT article_id, 'open' FROM comments WHERE true
      ON CONFLICT (article_id) DO NOTHING`);
    db.exec(`UPDATE articles SET visible_count =
      (SELECT count(*) FROM comments c WHERE c.article_id = articles.article_id AND c.visible = 1)`);
    db.exec('DROP TABLE article_state');
  })();
}
