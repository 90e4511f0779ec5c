// A database written by the old demo server (demo/comments/, schema 1) opens with
// lapa-comments and is upgraded in place: comments, threads, visibility and closed
// articles are kept; the articles it knew go on the allowlist.
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SqliteStore } from '../lib/stores/sqlite.mjs';
import { call, startServer } from './support/comments-api.mjs';

// The old server's schema, as it was (demo/comments/store.mjs before lapa-comments).
const SCHEMA_V1 = `CREATE TABLE IF NOT EXISTS comments (
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

describe('upgrading a schema 1 database', () => {
  it('keeps the comments, threads, hidden replies and closed articles, and allowlists the articles', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lapa-v1-'));
    try {
      const path = join(dir, 'comments.sqlite');
      const old = new Database(path);
      old.exec(SCHEMA_V1);
      old.pragma('user_version = 1');
      const insert = old.prepare(`INSERT INTO comments (article_id, parent_id, author_name, author_email, author_url, text, status, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
      const root = insert.run('a1', null, 'Ilze', 'ilze@mail.test', null, 'Top.', 'approved', '2026-01-01T10:00:00.000Z').lastInsertRowid;
      const rejected = insert.run('a1', root, 'Spam', 'spam@mail.test', null, 'Buy.', 'rejected', '2026-01-01T10:01:00.000Z').lastInsertRowid;
      insert.run('a1', rejected, 'Under', 'under@mail.test', null, 'Hidden with its parent.', 'approved', '2026-01-01T10:02:00.000Z');
      insert.run('a1', root, 'Jānis', 'janis@mail.test', 'https://j.example', 'A reply.', 'approved', '2026-01-01T10:03:00.000Z');
      insert.run('old-closed', null, 'Anna', 'anna@mail.test', null, 'Closed since.', 'approved', '2026-01-01T11:00:00.000Z');
      old.prepare('INSERT INTO article_state (article_id, open) VALUES (?, 0)').run('old-closed');
      old.prepare('INSERT INTO idempotency (article_id, key, status, body, created_at) VALUES (?, ?, ?, ?, ?)').run('a1', 'k', 201, '{}', 1);
      old.close();

      const store = new SqliteStore(path);
      assert.deepEqual(store.listArticles(), [
        { id: 'a1', state: 'open', total: 2 },
        { id: 'old-closed', state: 'closed', total: 1 },
      ]);
      assert.equal(store.db.pragma('user_version', { simple: true }), 3);
      const server = await startServer({ store, articles: 'allowlist' });
      try {
        const { json } = await call(server.url('a1'));
        assert.deepEqual(json.comments.map((c) => c.author.name), ['Ilze', 'Jānis']);
        assert.equal(json.total, 2);
        assert.equal((await call(server.url('old-closed'))).json.open, false);
        assert.equal((await call(server.url('never'))).status, 404);
      } finally {
        await server.close();
        store.close();
      }
      // And it opens again as it is now.
      new SqliteStore(path).close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
