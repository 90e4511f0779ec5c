// The SQLite layer shared by the reference comments server and the moderation CLI, so
// both agree on one schema. Every statement is prepared; no SQL is ever built from input.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the demo keeps its database unless LAPA_COMMENTS_DB or an option says otherwise. */
export const DEFAULT_DB_PATH = fileURLToPath(new URL('../data/comments.sqlite', import.meta.url));

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS comments (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id   TEXT    NOT NULL,
  parent_id    INTEGER REFERENCES comments(id),
  author_name  TEXT    NOT NULL,
  author_email TEXT    NOT NULL,  -- trimmed, lower-cased; '' once erased; never sent to clients
  author_url   TEXT,
  text         TEXT    NOT NULL,
  status       TEXT    NOT NULL CHECK (status IN ('approved', 'pending', 'rejected')),
  created_at   TEXT    NOT NULL   -- ISO 8601 UTC with milliseconds, so it sorts as text
);
CREATE INDEX IF NOT EXISTS comments_by_thread ON comments (article_id, parent_id, status, created_at);
CREATE INDEX IF NOT EXISTS comments_by_parent ON comments (parent_id);
CREATE INDEX IF NOT EXISTS comments_by_email  ON comments (author_email, status);

-- Articles closed for comments. Absent means open (unless the articles() option says no).
CREATE TABLE IF NOT EXISTS article_state (
  article_id TEXT PRIMARY KEY,
  open       INTEGER NOT NULL
) WITHOUT ROWID;

-- The first successful answer per (article, Idempotency-Key), replayed verbatim on retries.
CREATE TABLE IF NOT EXISTS idempotency (
  article_id TEXT    NOT NULL,
  key        TEXT    NOT NULL,
  status     INTEGER NOT NULL,
  body       TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (article_id, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idempotency_by_age ON idempotency (created_at);

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
 * Opens (and, unless `mustExist`, creates) a comments database with the current schema.
 * @param {string} path a file path or ':memory:'
 * @param {{ mustExist?: boolean }} [options]
 */
export function openCommentDb(path = ':memory:', { mustExist = false } = {}) {
  const inMemory = path === ':memory:' || path === '';
  if (!inMemory && !mustExist) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { fileMustExist: mustExist && !inMemory });
  try {
    if (!inMemory) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // The server and the moderation CLI may write at the same moment.
    db.pragma('busy_timeout = 5000');
    if (mustExist && !hasTable(db, 'comments')) {
      throw new Error(`${path} is not a comments database (it has no comments table)`);
    }
    const version = db.pragma('user_version', { simple: true });
    if (version > SCHEMA_VERSION) {
      throw new Error(`${path} has schema version ${version}; this code knows ${SCHEMA_VERSION}`);
    }
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

function hasTable(db, name) {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** Emails are compared case-insensitively, so they are stored in one case. */
export function normaliseEmail(email) {
  return email.trim().toLowerCase();
}
