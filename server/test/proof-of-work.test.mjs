// The ALTCHA proof-of-work challenge (protocol v1.1): advertised in the GET answer, on by
// default, checked on POST, each solution accepted once, for its article only.
import assert from 'node:assert/strict';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { describe, it } from 'node:test';
import { createCommentServer } from '../lib/routes.mjs';
import { call, startServer, submission } from './support/comments-api.mjs';

/** What a client does: GET, solve the advertised challenge, send it with the comment. */
async function solvedForm(url) {
  const { json } = await call(url);
  assert.ok(json.challenge, 'the answer advertises a challenge');
  const solution = await solveChallenge({ challenge: json.challenge, deriveKey });
  assert.ok(solution);
  return { token: json.token, altcha: { challenge: json.challenge, solution: { counter: solution.counter, derivedKey: solution.derivedKey } } };
}

describe('proof of work', () => {
  it('is on unless turned off', () => {
    const on = createCommentServer({ allowedOrigins: '*' });
    const off = createCommentServer({ allowedOrigins: '*', proofOfWork: false });
    on.close();
    off.close();
  });

  it('accepts a solved challenge once, and refuses none, a wrong one, a reused one and another article’s', async () => {
    const server = await startServer({ proofOfWork: { maxNumber: 2000 } });
    try {
      const url = server.url();
      const post = (fields) => call(url, { method: 'POST', body: submission(fields.token, fields) });

      const missing = await post({ token: (await call(url)).json.token });
      assert.deepEqual([missing.status, missing.json.error.code], [400, 'invalid_challenge']);

      const form = await solvedForm(url);
      const wrong = await post({ ...form, altcha: { ...form.altcha, solution: { ...form.altcha.solution, counter: form.altcha.solution.counter + 1 } } });
      assert.equal(wrong.json.error.code, 'invalid_challenge');
      const tampered = structuredClone(form.altcha);
      tampered.challenge.parameters.keyPrefix = '00';
      assert.equal((await post({ ...form, altcha: tampered })).json.error.code, 'invalid_challenge');

      const ok = await post({ ...form, text: 'Solved.' });
      assert.equal(ok.status, 201, JSON.stringify(ok.json));
      const again = await post({ ...form, text: 'Solved twice?' });
      assert.equal(again.json.error.code, 'invalid_challenge', 'a solution is good for one comment');

      // As base64 JSON, the way ALTCHA widgets send it.
      const encoded = await solvedForm(url);
      const asText = await post({ ...encoded, altcha: Buffer.from(JSON.stringify(encoded.altcha)).toString('base64'), text: 'Encoded.' });
      assert.equal(asText.status, 201);

      const elsewhere = await solvedForm(server.url('a2'));
      assert.equal((await post({ token: form.token, altcha: elsewhere.altcha, text: 'Wrong article.' })).json.error.code, 'invalid_challenge');

      // Old forms: a challenge past the token's lifetime is refused, on the server's clock.
      const old = await solvedForm(url);
      server.clock.now += 25 * 3_600_000;
      assert.equal((await post({ ...old, token: (await call(url)).json.token, text: 'Late.' })).json.error.code, 'invalid_challenge');
    } finally {
      await server.close();
    }
  });

  it('advertises no challenge on a closed article', async () => {
    const server = await startServer({ proofOfWork: true });
    try {
      await server.comments.closeArticle('a1');
      assert.equal((await call(server.url())).json.challenge, undefined);
    } finally {
      await server.close();
    }
  });
});
