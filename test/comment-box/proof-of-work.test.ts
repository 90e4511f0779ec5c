/**
 * The proof-of-work challenge (protocol v1.1), against the real `lapa-comments serve`
 * (test/servers/comments.mjs starts it on a free port with its defaults: proof of work on)
 * and the in-process reference server's instances (proof of work on, smaller counters).
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { LapaBackend } from '../../src/comment-box/comment-box.js';
import { MAX_ATTEMPTS, sha256, solve } from '../../src/comment-box/backends/pow-solver.js';
import type { Challenge } from '../../src/comment-box/backends/pow-solver.js';
import type { CommentBoxErrorEvent, CommentBoxPostedEvent } from '../../src/internal/events.js';
import { SEED } from '../support/properties.js';
import { until } from '../support/until.js';
import { articleId, clearStorage, control, fill, mount, part, parts, planFaults, requestLog, srcFor, submit, text } from './helpers.js';

/** A fresh article on a `lapa-comments serve` child process that allows this page's origin. */
async function cliArticle(): Promise<string> {
  const res = await fetch('/__comments/cli', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ article: articleId('cli') }) });
  if (!res.ok) throw new Error(await res.text());
  return (await res.json()).src;
}

const solverLoaded = () => performance.getEntriesByType('resource').some((entry) => entry.name.includes('pow-solver'));
const hex = (bytes: ArrayBuffer | Uint8Array) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

describe('comment-box: proof of work', () => {
  beforeEach(clearStorage);

  it('starts solving when the reader focuses the form, and posts to lapa-comments serve with its defaults', async () => {
    const src = await cliArticle();
    const page = await (await fetch(src)).json();
    expect(page.challenge?.parameters?.algorithm, 'the server advertises a challenge by default').to.equal('SHA-256');
    const el = await mount({ src });
    await expect(el).to.be.accessible();
    control(el, 'text').focus();
    // Nothing was submitted: the solver loads (and solves) because the form has focus.
    await until(solverLoaded, 'the solver module to load on focus');
    await fill(el, { text: 'Solved in the background.' });
    const event = (await submit(el)) as CommentBoxPostedEvent;
    expect(event.type, text(part(el, 'error'))).to.equal('comment-box-posted');
    expect(parts(el, 'body').map(text)).to.include('Solved in the background.');
    const listed = await (await fetch(src)).json();
    expect(listed.comments.map((c: { text: string }) => c.text)).to.include('Solved in the background.');
  });

  it('posts a second comment with a new challenge (each solution is good for one)', async () => {
    const src = await cliArticle();
    const el = await mount({ src });
    await fill(el, { text: 'First one.' });
    expect((await submit(el)).type).to.equal('comment-box-posted');
    await fill(el, { text: 'Second one.' });
    expect((await submit(el)).type, text(part(el, 'error'))).to.equal('comment-box-posted');
    const listed = await (await fetch(src)).json();
    expect(listed.total).to.equal(2);
  });

  it('solves with the SHA-256 fallback where crypto.subtle is missing (plain-http pages)', async () => {
    const src = await cliArticle();
    const el = await mount({}, { backend: new LapaBackend(src, { solver: { subtle: undefined } }) });
    await fill(el, { text: 'Hashed without crypto.subtle.' });
    expect((await submit(el)).type, text(part(el, 'error'))).to.equal('comment-box-posted');
  });

  it('keeps the draft when the challenge cannot be solved, says so in the page language, and Post again succeeds', async () => {
    const article = articleId();
    // Every answer until recovery advertises a challenge no one can solve.
    await planFaults(article, [{ method: 'GET', mode: 'bad-challenge', times: 100 } as never]);
    const el = await mount({ src: srcFor(article), lang: 'lv' });
    await fill(el, { text: 'Nepazaudēts melnraksts.' });
    const failed = (await submit(el)) as CommentBoxErrorEvent;
    expect(failed.type).to.equal('comment-box-error');
    expect(text(part(el, 'error'))).to.equal('Pretsurogātu pārbaudi neizdevās pabeigt. Jūsu komentārs ir saglabāts šeit, nosūtiet to vēlreiz.');
    expect(control(el, 'text').value).to.equal('Nepazaudēts melnraksts.');
    expect((await requestLog(article)).requests.filter((r) => r.method === 'POST'), 'nothing was sent unsolved').to.have.length(0);
    await fetch('/__comments/recover', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ article }) });
    const posted = await submit(el);
    expect(posted.type, text(part(el, 'error'))).to.equal('comment-box-posted');
    expect(parts(el, 'body').map(text)).to.include('Nepazaudēts melnraksts.');
  });

  it('gets a new challenge and sends once more when the server refuses the solution as spent', async () => {
    const article = articleId();
    const src = new URL(srcFor(article), location.href).href;
    const backend = new LapaBackend(src);
    const el = await mount({}, { backend });
    // Someone else spends the challenge the element holds (read from its private state).
    const held = (backend as unknown as { challenge?: Challenge }).challenge!;
    expect(held.parameters.algorithm).to.equal('SHA-256');
    const { token } = await (await fetch(src)).json();
    const body = { author_name: 'Other', author_email: 'other@example.org', text: 'Spent it.', token, altcha: { challenge: held, solution: await solve(held) } };
    const spent = await fetch(src, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect(spent.status).to.equal(201);
    await fill(el, { text: 'Mine, sent again with a new challenge.' });
    expect((await submit(el)).type, text(part(el, 'error'))).to.equal('comment-box-posted');
    const posts = (await requestLog(article)).requests.filter((r) => r.method === 'POST');
    expect(posts, 'the spent one, the refused one, the one stored').to.have.length(3);
  });

  it('gives the page the thread back between slices, and stops when aborted', async () => {
    // A prefix of the whole key: practically never found, so the search runs until aborted.
    const challenge: Challenge = { parameters: { algorithm: 'SHA-256', nonce: '00'.repeat(16), salt: '11'.repeat(16), keyPrefix: 'f'.repeat(64), cost: 1 } };
    const controller = new AbortController();
    const search = solve(challenge, { signal: controller.signal });
    let ticks = 0;
    await until(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      return ++ticks >= 5;
    }, 'timers to run while solving');
    controller.abort();
    const error = await search.then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.name).to.equal('AbortError');
    expect(MAX_ATTEMPTS).to.be.greaterThan(50_000 * 4);
  });

  it('refuses a challenge it cannot solve (unknown algorithm, bad hex, too costly) at once', async () => {
    const base = { algorithm: 'SHA-256', nonce: 'ab'.repeat(16), salt: 'cd'.repeat(16), keyPrefix: '00', cost: 1 };
    for (const parameters of [{ ...base, algorithm: 'PBKDF2/SHA-256' }, { ...base, nonce: 'xyz' }, { ...base, keyPrefix: '' }, { ...base, cost: 1e9 }]) {
      const error = await solve({ parameters }).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error, JSON.stringify(parameters)).to.be.instanceOf(Error);
    }
  });

  it('the fallback SHA-256 agrees with crypto.subtle on any input', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        expect(hex(sha256(bytes))).to.equal(hex(await crypto.subtle.digest('SHA-256', bytes)));
      }),
      { seed: SEED, numRuns: 300 },
    );
    expect(hex(sha256(new TextEncoder().encode('abc')))).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
