// Two `lapa-comments serve` processes on one PostgreSQL behave as one server: they share
// rate limits, Idempotency-Key records, counts and the form-token secret.
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { PostgresStore } from '../lib/stores/postgres.mjs';
import { serve } from './support/cli.mjs';
import { EMAIL_DOMAIN, submission } from './support/comments-api.mjs';
import { startPostgres } from './support/postgres.mjs';

const ARTICLES = Array.from({ length: 10 }, (_, i) => `a${i}`);

/** A JSON request over a keep-alive agent (a bounded pool per server). */
function send(agent, origin, path, { method = 'GET', body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const req = request(`${origin}${path}`, { method, agent, headers: { ...(text ? { 'Content-Type': 'application/json' } : {}), ...headers } }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (data += chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, json: JSON.parse(data) }));
    });
    req.on('error', reject);
    req.end(text);
  });
}

describe('two instances on one PostgreSQL', () => {
  let cluster;
  let servers;
  let agents;
  let store;
  before(async () => {
    cluster = await startPostgres();
    store = await PostgresStore.open(cluster.url());
    for (const id of [...ARTICLES, 'limited']) await store.setArticleState(id, 'open');
    const args = ['--origin', '*', '--db', cluster.url(), '--min-submit-ms', '0', '--rate-limit', '3/60', '--trust-proxy', 'loopback', '--max-connections-per-address', '256', '--proof-of-work', 'off'];
    servers = await Promise.all([serve(args), serve(args)]);
    agents = servers.map(() => new Agent({ keepAlive: true, maxSockets: 24 }));
  });
  after(async () => {
    for (const agent of agents ?? []) agent.destroy();
    await Promise.all((servers ?? []).map((server) => server.stop()));
    await store?.close();
    cluster?.stop();
  });

  it('stores exactly 1,000 rows from 1,000 posts spread over both, half of them raced to both with one key', { timeout: 120_000 }, async () => {
    const [a, b] = servers.map((server, i) => (path, init) => send(agents[i], server.origin, path, init));
    // A token from one instance is good on the other: the secret is in the database.
    const tokens = {};
    for (const id of ARTICLES) tokens[id] = (await a(`/api/articles/${id}/comments?per_page=1`)).json.token;

    const jobs = [];
    for (let i = 0; i < 1000; i++) {
      const article = ARTICLES[i % ARTICLES.length];
      const path = `/api/articles/${article}/comments`;
      const init = {
        method: 'POST',
        body: submission(tokens[article], { author_email: `reader${i}@${EMAIL_DOMAIN}`, text: `Parallel comment ${i}.` }),
        // Each reader from an address of their own: the shared rate limit stays out of the way.
        headers: { 'Idempotency-Key': `key-${i}`, 'X-Forwarded-For': `10.${i >> 8}.${i & 255}.1` },
      };
      if (i < 500) jobs.push(Promise.all([a(path, init), b(path, init)]).then((answers) => ({ i, answers })));
      else jobs.push((i % 2 ? b : a)(path, init).then((answer) => ({ i, answers: [answer] })));
    }
    const results = await Promise.all(jobs);
    for (const { i, answers } of results) {
      for (const answer of answers) assert.equal(answer.status, 201, `post ${i}: ${JSON.stringify(answer.json)}`);
      if (answers.length === 2) {
        assert.equal(answers[0].json.comment.id, answers[1].json.comment.id, `post ${i} stored once`);
        assert.deepEqual(answers.map((x) => x.headers['idempotent-replayed'] ?? null).sort(), ['true', null].sort(), `post ${i}: one first answer, one replay`);
      }
    }
    assert.equal(Number((await store.one('SELECT count(*) AS n FROM comments')).n), 1000);
    assert.equal(Number((await store.one('SELECT count(DISTINCT text) AS n FROM comments')).n), 1000);
    // The count each instance answers is the shared, maintained one.
    let total = 0;
    for (const [i, id] of ARTICLES.entries()) {
      const { json } = await (i % 2 ? b : a)(`/api/articles/${id}/comments?count=1`);
      total += json.total;
    }
    assert.equal(total, 1000);
  });

  it('shares the rate limit: a client alternating between the instances is limited once in all', { timeout: 60_000 }, async () => {
    const [a, b] = servers.map((server, i) => (path, init) => send(agents[i], server.origin, path, init));
    const path = '/api/articles/limited/comments';
    const token = (await b(path)).json.token;
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      const answer = await (i % 2 ? b : a)(path, {
        method: 'POST',
        body: submission(token, { text: `Limited ${i}.` }),
        headers: { 'X-Forwarded-For': '198.51.100.77' },
      });
      statuses.push(answer.status);
    }
    assert.deepEqual(statuses, [201, 201, 201, 429, 429]);
  });
});
