// Holding rules (links, a word list, the operator's function) and the moderation
// webhook: a JSON POST for each held comment, to a receiver on 127.0.0.1.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { describe, it } from 'node:test';
import { call, postComment, startServer } from './support/comments-api.mjs';

/** A webhook receiver; `received` fills as POSTs arrive. */
async function receiver(status = 204) {
  const received = [];
  const http = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ type: req.headers['content-type'], json: JSON.parse(body) });
      res.writeHead(status);
      res.end();
    });
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${http.address().port}/hook`, received, close: () => new Promise((resolve) => http.close(resolve)) };
}

describe('holding rules and the moderation webhook', () => {
  it('holds comments with too many links or a listed word, announces each held one, publishes the rest', async () => {
    const hook = await receiver();
    const server = await startServer({ holdRules: { maxLinks: 1, words: ['casino', 'ātrs kredīts'] }, notifyWebhook: hook.url });
    try {
      const statuses = {};
      for (const [name, text] of [
        ['one link', 'See https://a.example for more.'],
        ['two links', 'https://a.example and www.b.example too'],
        ['word', 'Best CASINO in town'],
        ['phrase', 'Ātrs kredīts bez maksas'],
        ['inside a word', 'A casinos-free classic'],
      ]) {
        statuses[name] = (await postComment(server.url(), { text })).json.status;
      }
      assert.deepEqual(statuses, { 'one link': 'approved', 'two links': 'pending', word: 'pending', phrase: 'pending', 'inside a word': 'approved' });
      await server.comments.settled();
      assert.equal(hook.received.length, 3);
      const [first] = hook.received;
      assert.equal(first.type, 'application/json');
      assert.equal(first.json.event, 'held');
      assert.equal(first.json.article, 'a1');
      assert.equal(first.json.reason, 'more than 1 links');
      assert.equal(first.json.comment.text, 'https://a.example and www.b.example too');
      assert.equal((await call(server.url())).json.total, 2);
    } finally {
      await server.close();
      await hook.close();
    }
  });

  it("holds what the operator's hook says, and announces first-time holds too", async () => {
    const hook = await receiver();
    const server = await startServer({ holdFirstTime: true, holdRules: { hook: ({ name }) => name === 'Mallory' && 'a known troll' }, notifyWebhook: hook.url });
    try {
      const held = await postComment(server.url(), { author_name: 'Mallory', text: 'hi' });
      assert.equal(held.json.status, 'pending');
      await server.comments.settled();
      assert.deepEqual(hook.received.map((r) => r.json.reason), ['a known troll']);
      await postComment(server.url(), { author_name: 'Anna', text: 'hello' });
      await server.comments.settled();
      assert.deepEqual(hook.received.map((r) => r.json.reason), ['a known troll', 'a first-time commenter']);
    } finally {
      await server.close();
      await hook.close();
    }
  });

  it('reports a failing webhook to onError and still answers the commenter', async () => {
    const hook = await receiver(500);
    const errors = [];
    const server = await startServer({ holdAll: true, notifyWebhook: hook.url, onError: (error) => errors.push(error) });
    try {
      assert.equal((await postComment(server.url())).status, 201);
      await server.comments.settled();
      assert.match(String(errors[0]), /webhook answered 500/);
    } finally {
      await server.close();
      await hook.close();
    }
  });
});
