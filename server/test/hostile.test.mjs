// The reference comments server under hostile input all at once: every kind of bad
// request in parallel, then ordinary use. The single cases (malformed JSON, 413, 415,
// SQL-looking fields, 100 parallel posts) are in comments-server.test.mjs; this proves
// the server survives them together, never answers 500, never logs an error, and still
// stores exactly what it should.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, it } from 'node:test';
import { call, postComment, startServer, submission, tokenFor } from './support/comments-api.mjs';

const SQL = "1'); DROP TABLE comments; --";

/** Starts a POST, sends part of its body, and goes away. */
function abandoned(url) {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': '5000' } });
    req.on('error', () => resolve({ status: 'aborted' }));
    req.write('{"author_name":');
    setTimeout(() => req.destroy(), 50);
  });
}

describe('the reference comments server under a barrage of hostile requests', () => {
  it('answers every one with a 4xx error, logs nothing, stores nothing, and keeps serving', async () => {
    const errors = [];
    const server = await startServer({ onError: (error) => errors.push(error) });
    try {
      const url = server.url('a1');
      const token = await tokenFor(url);
      const json = (body) => ({ method: 'POST', body });
      const hostile = [
        // Bodies that are not a comment.
        json('{"author_name": "Anna",'),
        json('{"author_name": "Anna"}}'),
        json(''),
        json('null'),
        json('[]'),
        json('42'),
        json('"a string"'),
        json('{"text": "\u0000"}'),
        json(`${'['.repeat(8000)}${']'.repeat(8000)}`),
        json(JSON.stringify({ ...submission(token), parent: SQL })),
        json(JSON.stringify({ ...submission(token), parent: { $gt: '' } })),
        json(JSON.stringify({ ...submission(token), author_name: ['Anna'] })),
        json(JSON.stringify({ ...submission(token), text: { toString: 'x' } })),
        json(JSON.stringify({ ...submission(token), token: SQL })),
        json(JSON.stringify({ ...submission(token), author_email: `x@example.org' OR '1'='1` })),
        json(JSON.stringify({ ...submission(token), author_url: 'javascript:alert(1)' })),
        json(JSON.stringify({ ...submission(token), website2: 'I am a bot' })),
        // Wrong content types.
        { method: 'POST', body: JSON.stringify(submission(token)), headers: { 'Content-Type': 'text/plain' } },
        { method: 'POST', body: JSON.stringify(submission(token)), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
        { method: 'POST', body: new TextEncoder().encode(JSON.stringify(submission(token))) },
        // Too large, declared or not.
        json(JSON.stringify(submission(token, { text: 'x'.repeat(64 * 1024) }))),
        // Not UTF-8.
        { method: 'POST', body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), headers: { 'Content-Type': 'application/json' } },
      ];
      const answers = await Promise.all([
        ...hostile.map((init) => call(url, init)),
        // Prototype pollution through the body: JSON.parse makes __proto__ an own key.
        call(url, json(`{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "author_name": "Anna"}`)),
        // SQL where the server reads a path, a query string and a header.
        call(`${server.origin}/api/articles/${encodeURIComponent("1' OR '1'='1")}/comments`),
        call(server.url('a1', `?page=${encodeURIComponent('1; DROP TABLE comments')}&per_page=${encodeURIComponent('1 UNION SELECT *')}&order=${encodeURIComponent("'")}`)),
        call(url, { method: 'POST', body: submission(token, { text: 'x'.repeat(6000) }), headers: { 'Idempotency-Key': SQL } }),
        // A body that stops half-way: the client gives up.
        abandoned(url),
      ]);
      const statuses = answers.map((a) => a.status);
      for (const [i, status] of statuses.entries()) {
        if (status === 'aborted') continue;
        assert.ok(status === 200 || (status >= 400 && status < 500), `request ${i} answered ${status}`);
      }
      assert.equal(statuses.filter((s) => s === 200).length, 1, 'only the list with nonsense paging succeeds');
      assert.deepEqual(errors, []);
      assert.equal({}.polluted, undefined);
      assert.equal(Object.prototype.polluted, undefined);

      // Nothing was stored, and ordinary use works as before.
      assert.equal((await server.sql('SELECT count(*) AS n FROM comments'))[0].n, 0);
      const created = await postComment(url, { text: `Valid after the barrage. ${SQL}` }, { headers: { 'Idempotency-Key': SQL } });
      assert.equal(created.status, 201);
      const replay = await postComment(url, { text: 'A retry with the same key.' }, { headers: { 'Idempotency-Key': SQL } });
      assert.equal(replay.status, 201);
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      const { json: page } = await call(url);
      assert.equal(page.total, 1);
      assert.equal(page.comments[0].text, `Valid after the barrage. ${SQL}`);
    } finally {
      await server.close();
    }
  });
});
