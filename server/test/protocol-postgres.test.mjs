// The same protocol suites as protocol.test.mjs, hostile.test.mjs and reports.test.mjs, against the
// PostgreSQL store: a throw-away cluster on 127.0.0.1, one schema per server.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { startServer, useStore } from './support/comments-api.mjs';

await useStore('postgres');
await import('./protocol.test.mjs');
await import('./hostile.test.mjs');
await import('./reports.test.mjs');
await import('./paging.test.mjs');

it('really runs them on PostgreSQL', async () => {
  const server = await startServer();
  try {
    assert.equal(server.comments.store.kind, 'postgres');
    assert.equal(server.comments.db, undefined);
  } finally {
    await server.close();
  }
});

it('reads the first page in index order, without sorting an article’s threads', async () => {
  const server = await startServer();
  try {
    const plan = await server.sql(
      "EXPLAIN SELECT id FROM comments WHERE article_id = ? AND parent_id IS NULL AND visible = 1 ORDER BY created_at ASC, id ASC LIMIT 21 OFFSET 0",
      'a1',
    );
    const text = plan.map((row) => row['QUERY PLAN']).join('\n');
    assert.match(text, /comments_root_order/);
    assert.doesNotMatch(text, /Sort/);
  } finally {
    await server.close();
  }
});
