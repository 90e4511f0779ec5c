// Reports (protocol v1.1, notice and action): a reader reports a comment; the report is
// stored, announced by the webhook, and after hideAfterReports reports the comment is
// held for review. Runs on SQLite here and on PostgreSQL from protocol-postgres.test.mjs.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { describe, it } from 'node:test';
import { EMAIL_DOMAIN, call, postComment, startServer, tokenFor } from './support/comments-api.mjs';

const reportUrl = (server, commentId, articleId = 'a1') => `${server.origin}/api/articles/${articleId}/comments/${commentId}/reports`;

describe('reports', () => {
  it('stores a report, announces it, and holds the comment for review after N reports', async () => {
    const received = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.end();
      });
    });
    await new Promise((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const server = await startServer({
      hideAfterReports: 2,
      notifyWebhook: `http://127.0.0.1:${hook.address().port}/`,
      trustProxy: 'loopback',
      rateLimit: { max: 5, windowMs: 60_000 },
    });
    try {
      const { json } = await postComment(server.url(), { text: 'A questionable claim.' });
      const id = json.comment.id;
      const reply = (await postComment(server.url(), { text: 'A reply to it.', parent: id })).json.comment.id;
      const token = await tokenFor(server.url());
      const report = (fields, address) =>
        call(reportUrl(server, id), { method: 'POST', body: { token, ...fields }, schema: 'ReportResponse', headers: { 'X-Forwarded-For': address } });

      const first = await report({ reason: 'illegal', text: 'Defamation of a named person.', contact: `Reader@${EMAIL_DOMAIN}` }, '203.0.113.1');
      assert.equal(first.status, 201);
      assert.deepEqual(first.json, { status: 'received' });
      assert.equal((await call(server.url())).json.total, 2, 'one report does not hide it');
      assert.equal((await report({ reason: 'spam' }, '203.0.113.2')).status, 201);
      const page = await call(server.url());
      assert.equal(page.json.total, 0, 'held for review, with its reply');
      assert.ok(!page.json.comments.some((c) => c.id === reply));

      await server.comments.settled();
      assert.deepEqual(received.map((r) => [r.event, r.reports, r.hidden, r.report.reason]), [
        ['reported', 1, false, 'illegal'],
        ['reported', 2, true, 'spam'],
      ]);
      assert.ok(!JSON.stringify(received).includes(EMAIL_DOMAIN), 'the webhook carries no emails');
      const stored = await server.comments.store.listReports(id);
      assert.equal(stored.length, 2);
      assert.equal(stored[0].contact, `reader@${EMAIL_DOMAIN}`);
      // The reporter's contact is theirs to erase.
      await server.comments.store.eraseEmail(`reader@${EMAIL_DOMAIN}`);
      assert.equal((await server.comments.store.listReports(id)).length, 1);
    } finally {
      await server.close();
      await new Promise((resolve) => hook.close(resolve));
    }
  });

  it('refuses bad reasons, texts, contacts and tokens, and comments that are not listed', async () => {
    const server = await startServer();
    try {
      const { json } = await postComment(server.url(), { text: 'Fine.' });
      const pending = await server.comments.insertComment({ articleId: 'a1', name: 'P', text: 'held', status: 'pending' });
      const token = await tokenFor(server.url());
      const cases = [
        [{ reason: 'boring' }, 400, 'reason'],
        [{ reason: 'spam', text: 'x'.repeat(1001) }, 400, 'text'],
        [{ reason: 'spam', text: 'bidi \u202e' }, 400, 'text'],
        [{ reason: 'spam', contact: 'not an email' }, 400, 'contact'],
      ];
      for (const [fields, status, field] of cases) {
        const answer = await call(reportUrl(server, json.comment.id), { method: 'POST', body: { token, ...fields } });
        assert.deepEqual([answer.status, answer.json.error.field], [status, field], JSON.stringify(fields));
      }
      const forged = await call(reportUrl(server, json.comment.id), { method: 'POST', body: { token: 'forged', reason: 'spam' } });
      assert.equal(forged.json.error.code, 'invalid_token');
      for (const [id, articleId] of [[pending, 'a1'], ['999999', 'a1'], [json.comment.id, 'a2']]) {
        const missing = await call(reportUrl(server, id, articleId), { method: 'POST', body: { token: await tokenFor(server.url(articleId)), reason: 'spam' } });
        assert.equal(missing.status, 404, `${articleId}/${id}`);
      }
      const get = await call(reportUrl(server, json.comment.id));
      assert.equal(get.status, 405);
      const preflight = await call(reportUrl(server, json.comment.id), { method: 'OPTIONS', headers: { Origin: 'https://partner.example' } });
      assert.equal(preflight.status, 204);
    } finally {
      await server.close();
    }
  });
});
