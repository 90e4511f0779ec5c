// The same protocol suites as protocol.test.mjs, hostile.test.mjs and reports.test.mjs, against the
// PostgreSQL store: a throw-away cluster on 127.0.0.1, one schema per server.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { startServer, useStore } from './support/comments-api.mjs';

await useStore('postgres');
await import('./protocol.test.mjs');
await import('./hostile.test.mjs');
await import('./reports.test.mjs');

it('really runs them on PostgreSQL', async () => {
  const server = await startServer();
  try {
    assert.equal(server.comments.store.kind, 'postgres');
    assert.equal(server.comments.db, undefined);
  } finally {
    await server.close();
  }
});
