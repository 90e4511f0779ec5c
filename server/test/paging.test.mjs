// Threads in display order, whichever way the server reads them: in one query for
// small threads, or walked a batch of children at a time for big ones. A random tree
// (deep chains, wide fans, rejected branches) read through every replies_next and next
// link, with a small page budget so it is cut in many places, must give the same
// depth-first order both ways, with every listed reply exactly once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, startServer } from './support/comments-api.mjs';

/** Every comment of an article in display order, following all links. */
async function readAll(server, articleId) {
  const out = [];
  const seen = new Set();
  const follow = async (url) => {
    for (let next = url, guard = 0; next; guard++) {
      assert.ok(guard < 500, 'the links come to an end');
      const page = await call(next);
      for (const comment of page.json.comments) {
        assert.ok(!seen.has(comment.id), `comment ${comment.id} twice`);
        seen.add(comment.id);
        out.push(comment.id);
        if (comment.replies_next) await follow(comment.replies_next);
      }
      next = page.json.next;
    }
  };
  await follow(server.url(articleId, '?per_page=3'));
  return out;
}

describe('threads read in one query or walked', () => {
  it('come out in the same depth-first order, cut anywhere, with nothing lost or repeated', { timeout: 120_000 }, async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const servers = [await startServer({ maxPageBytes: 4096 + 1500 }), await startServer({ maxPageBytes: 4096 + 1500, skeletonMaxReplies: 0, walkBatch: 3 })];
    try {
      const orders = [];
      for (const server of servers) {
        seed = 7;
        const ids = [];
        const start = Date.UTC(2026, 2, 1);
        for (let i = 0; i < 260; i++) {
          const r = random();
          // A few threads; replies to a recent comment (chains), the thread's root (fans), or any earlier one.
          const parent = i % 60 === 0 ? null : r < 0.4 ? ids.at(-1) : r < 0.7 ? ids[Math.floor(i / 60) * 60] : ids[Math.floor(random() * ids.length)];
          const status = random() < 0.05 ? 'rejected' : 'approved';
          // Dates out of insertion order now and then: order must come from the dates.
          const date = new Date(start + i * 60_000 - (random() < 0.1 ? 30_000 : 0));
          ids.push(await server.comments.insertComment({ articleId: 'tree', parent, name: `c${i}`, text: `comment ${i} ${'x'.repeat(Math.floor(random() * 300))}`, status, date }));
        }
        const listed = (await server.sql("SELECT count(*) AS n FROM comments WHERE article_id = 'tree' AND visible = 1"))[0].n;
        const order = await readAll(server, 'tree');
        assert.equal(order.length, listed);
        assert.equal((await call(server.url('tree', '?count=1'), { schema: 'CountResponse' })).json.total, listed);
        orders.push(order.map((id) => ids.indexOf(id)));
      }
      assert.deepEqual(orders[1], orders[0]);
    } finally {
      for (const server of servers) await server.close();
    }
  });

  it('keep their counts right through moderation, walked or not', async () => {
    const server = await startServer({ skeletonMaxReplies: 0, walkBatch: 1 });
    try {
      const root = await server.comments.insertComment({ articleId: 'm', name: 'root', text: 'root' });
      const a = await server.comments.insertComment({ articleId: 'm', name: 'a', text: 'a', parent: root });
      await server.comments.insertComment({ articleId: 'm', name: 'a1', text: 'a1', parent: a });
      await server.comments.insertComment({ articleId: 'm', name: 'b', text: 'b', parent: root });
      const names = async () => (await call(server.url('m'))).json.comments.map((c) => c.author.name);
      assert.deepEqual(await names(), ['root', 'a', 'a1', 'b']);
      await server.comments.store.setStatus([a], 'rejected');
      assert.deepEqual(await names(), ['root', 'b']);
      await server.comments.store.setStatus([a], 'approved');
      await server.comments.store.deleteComments([a]);
      // a1 moves up beside b, and siblings go oldest first.
      assert.deepEqual(await names(), ['root', 'a1', 'b']);
      const [row] = await server.sql('SELECT child_count, thread_size FROM comments WHERE id = ?', Number(root));
      assert.deepEqual([Number(row.child_count), Number(row.thread_size)], [2, 2]);
    } finally {
      await server.close();
    }
  });
});
