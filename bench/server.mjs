// Benchmarks the comments server (lapa-comments) over real HTTP on 127.0.0.1: the first
// page and the count of a 100-comment and a 100,000-comment article (the page must cost
// about the same: the bound is 1.5x), and posts. SQLite always; PostgreSQL too
// with --postgres (a throw-away cluster, as the tests start one); --instances 2 runs two
// processes' worth of servers on one PostgreSQL database.
//
//   node bench/server.mjs [--requests N] [--concurrency N] [--postgres] [--instances 1|2]
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import { createCommentServer, createListener } from '../server/lib/index.mjs';
import { PostgresStore } from '../server/lib/stores/postgres.mjs';
import { SqliteStore } from '../server/lib/stores/sqlite.mjs';
import { startPostgres } from '../server/test/support/postgres.mjs';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '8' },
    postgres: { type: 'boolean', default: false },
    instances: { type: 'string', default: '1' },
  },
});
const REQUESTS = Number(values.requests);
const CONCURRENCY = Number(values.concurrency);
const INSTANCES = Number(values.instances);

const WORDS = 'paldies par rakstu ļoti iedvesmojoši redzēt kā radošās industrijas risina sociālas problēmas'.split(' ');

/** Seeds `total` comments in threads of `size` (a top-level comment and its replies). */
async function seed(store, articleId, total, size = 5) {
  await store.setArticleState(articleId, 'open');
  const text = (i) => Array.from({ length: 12 + (i % 30) }, (_, j) => WORDS[(i + j) % WORDS.length]).join(' ');
  const start = Date.UTC(2026, 0, 1);
  const insertAll = async () => {
    let root = null;
    for (let i = 0; i < total; i++) {
      const comment = { articleId, parent: i % size === 0 ? null : root, name: `Reader ${i}`, email: `r${i}@example.org`, text: text(i), date: new Date(start + i * 60_000) };
      const id = await store.insertComment(comment);
      if (i % size === 0) root = id;
    }
  };
  if (store instanceof SqliteStore) {
    // One transaction: seeding is not what is measured.
    store.db.exec('BEGIN');
    await insertAll();
    store.db.exec('COMMIT');
  } else {
    await insertAll();
  }
}

async function startServer(store) {
  const comments = createCommentServer({ store, allowedOrigins: '*', rateLimit: false, minSubmitMs: 0, proofOfWork: false, onError: (e) => console.error(e) });
  const listener = createListener((req, res) => {
    if (!comments.handle(req, res)) {
      res.writeHead(404);
      res.end();
    }
  }, { maxConnectionsPerAddress: 1024 });
  const { url } = await listener.listen(0, '127.0.0.1');
  return { url, close: () => listener.close() };
}

/** Runs `REQUESTS` requests `CONCURRENCY` at a time, round robin over `origins`. */
async function measure(origins, make) {
  const agents = origins.map(() => new Agent({ keepAlive: true, maxSockets: CONCURRENCY }));
  const times = [];
  let next = 0;
  const one = (i) =>
    new Promise((resolve, reject) => {
      const { path, method = 'GET', body, headers = {} } = make(i);
      const started = performance.now();
      const k = i % origins.length;
      const req = request(`${origins[k]}${path}`, { method, agent: agents[k], headers }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode >= 400) reject(new Error(`${method} ${path}: ${res.statusCode}`));
          times.push(performance.now() - started);
          resolve();
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  const began = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) await one(next++);
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  for (const agent of agents) agent.destroy();
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { rps: REQUESTS / seconds, p50: at(0.5), p99: at(0.99) };
}

async function run(kind) {
  let cluster;
  const stores = [];
  const open = async () => {
    if (kind === 'sqlite') return new SqliteStore(':memory:');
    cluster ??= await startPostgres();
    return PostgresStore.open(cluster.url());
  };
  const first = await open();
  stores.push(first);
  // Two instances share one database; on SQLite (in memory) they would not, so one.
  const instances = kind === 'postgres' ? INSTANCES : 1;
  for (let i = 1; i < instances; i++) stores.push(await open());
  await seed(first, 'small', 100);
  await seed(first, 'large', 100_000);
  // The known limit: one thread's part reads that thread's reply skeleton.
  await seed(first, 'one-thread', 100_000, 100_000);
  await first.setArticleState('posts', 'open');
  const servers = await Promise.all(stores.map(startServer));
  const origins = servers.map((s) => s.url);
  try {
    const rows = [];
    for (const [label, articleId, query] of [
      ['first page, 100 comments', 'small', ''],
      ['first page, 100,000 comments', 'large', ''],
      ['count, 100,000 comments', 'large', '?count=1'],
      ['first page, one 100,000-reply thread (a full 512 KB page)', 'one-thread', ''],
    ]) {
      rows.push([label, await measure(origins, () => ({ path: `/api/articles/${articleId}/comments${query}` }))]);
    }
    const tokenAnswer = await fetch(`${origins[0]}/api/articles/posts/comments?per_page=1`);
    const { token } = await tokenAnswer.json();
    rows.push([
      'post',
      await measure(origins, (i) => ({
        path: '/api/articles/posts/comments',
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ author_name: 'Bench', author_email: `b${i}@example.org`, text: `Benchmark comment ${i} ${Math.random()}`, token }),
      })),
    ]);
    console.log(`\n${kind}, ${instances} instance${instances > 1 ? 's' : ''}, ${REQUESTS} requests each, ${CONCURRENCY} at a time`);
    console.log(`${'scenario'.padEnd(58)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}`);
    for (const [label, r] of rows) {
      console.log(`${label.padEnd(58)}${r.rps.toFixed(0).padStart(9)}${r.p50.toFixed(2).padStart(9)}${r.p99.toFixed(2).padStart(9)}`);
    }
    const ratio = rows[1][1].p50 / rows[0][1].p50;
    console.log(`first page, 100,000 vs 100 comments: ${ratio.toFixed(2)}x the median time (bound: 1.5x) ${ratio <= 1.5 ? 'ok' : 'OVER'}`);
    return ratio <= 1.5;
  } finally {
    await Promise.all(servers.map((s) => s.close()));
    for (const store of stores) await store.close();
    cluster?.stop();
  }
}

let ok = await run('sqlite');
if (values.postgres) ok = (await run('postgres')) && ok;
process.exitCode = ok ? 0 : 1;
