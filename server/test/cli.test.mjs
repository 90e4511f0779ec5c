// The lapa-comments CLI's data commands (moderate, export, erase, articles, backup), run
// as a child process against a temporary database that a live comments server also uses.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { EMAIL_DOMAIN, START, call, postComment, startServer } from './support/comments-api.mjs';
import { cli } from './support/cli.mjs';

const moderate = ([command, ...rest], env) =>
  command === 'close' || command === 'open' ? cli(['articles', command, ...rest], env) : cli(['moderate', command, ...rest], env);

describe('moderation CLI', () => {
  let dir;
  let dbPath;
  let server;
  let ids;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lapa-moderate-'));
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    await server?.close();
    dbPath = join(dir, `comments-${Date.now()}-${Math.random().toString(36).slice(2)}.sqlite`);
    server = await startServer({ dbPath, rateLimit: { max: 10, windowMs: 60_000 } });
    const add = (fields) =>
      server.comments.insertComment({ articleId: 'a1', date: new Date(START + Object.keys(ids).length * 1000), ...fields });
    ids = {};
    ids.approved = add({ name: 'Ilze', email: `ilze@${EMAIL_DOMAIN}`, text: 'Approved already.' });
    ids.reply = add({ name: 'Jānis', email: `janis@${EMAIL_DOMAIN}`, text: 'A reply.', parent: ids.approved });
    ids.pending = add({
      name: 'Erik',
      email: `erik@${EMAIL_DOMAIN}`,
      status: 'pending',
      text: 'Väntar på granskning, och den här texten är definitivt längre än sextio tecken.',
    });
    ids.rejected = add({ name: 'Spam', email: `spam@${EMAIL_DOMAIN}`, status: 'rejected', text: 'Buy now' });
  });

  const listedTexts = async () => (await call(server.url())).json.comments.map((comment) => comment.text);

  it('lists pending comments by default, with id, article, author, date and the first 60 characters', async () => {
    const { code, stdout } = await moderate(['list', '--db', dbPath]);
    assert.equal(code, 0);
    const lines = stdout.trim().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0], /^ID\s+STATUS\s+ARTICLE\s+AUTHOR\s+DATE\s+TEXT$/);
    assert.match(lines[1], new RegExp(`^${ids.pending}\\s+pending\\s+a1\\s+Erik\\s+2026-03-01 10:00\\s+Väntar`));
    const text = 'Väntar på granskning, och den här texten är definitivt längre än sextio tecken.';
    assert.ok(lines[1].endsWith(`  ${[...text].slice(0, 60).join('')}…`), lines[1]);
    assert.ok(!stdout.includes(EMAIL_DOMAIN));
  });

  it('lists everything, pending first, with --all, and one status with --status', async () => {
    const all = await moderate(['list', '--all', '--db', dbPath]);
    const statuses = all.stdout.trim().split('\n').slice(1).map((line) => line.split(/\s+/)[1]);
    assert.deepEqual(statuses, ['pending', 'approved', 'approved', 'rejected']);
    const rejected = await moderate(['list', '--status', 'rejected', '--db', dbPath]);
    assert.match(rejected.stdout, /Buy now/);
    assert.doesNotMatch(rejected.stdout, /Väntar/);
  });

  it('approve makes a pending comment listed by the running server', async () => {
    assert.ok(!(await listedTexts()).some((text) => text.startsWith('Väntar')));
    const { code, stdout } = await moderate(['approve', ids.pending, '--db', dbPath]);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /1 comment approved/);
    assert.ok((await listedTexts()).some((text) => text.startsWith('Väntar')));
    assert.equal((await moderate(['list', '--db', dbPath])).stdout.trim(), 'No pending comments.');
  });

  it('reject hides a comment together with its replies', async () => {
    assert.equal((await moderate(['reject', ids.approved, '--db', dbPath])).code, 0);
    const { json } = await call(server.url());
    assert.deepEqual([json.total, json.comments], [0, []]);
  });

  it('delete removes a comment and moves its replies up a level', async () => {
    const { code, stdout } = await moderate(['delete', ids.approved, '--db', dbPath]);
    assert.equal(code, 0);
    assert.match(stdout, /Deleted 1 comment; 1 reply moved up a level/);
    const { json } = await call(server.url());
    assert.deepEqual(
      json.comments.map((comment) => [comment.id, comment.parent]),
      [[ids.reply, null]],
    );
  });

  it('erase deletes every comment of that address, its keys and rate-limit entries, keeping replies by others', async () => {
    await postComment(server.url('a2'), { author_email: `Ilze@${EMAIL_DOMAIN}`, text: 'Another one.' }, { headers: { 'Idempotency-Key': 'ilze-1' } });
    await postComment(server.url('a2'), { author_email: `other@${EMAIL_DOMAIN}`, text: 'Someone else.' });
    const exported = await cli(['export', '--email', `ILZE@${EMAIL_DOMAIN}`, '--db', dbPath]);
    assert.equal(exported.code, 0, exported.stderr);
    const data = JSON.parse(exported.stdout);
    assert.deepEqual(data.comments.map((c) => c.text).sort(), ['Another one.', 'Approved already.']);
    assert.equal(data.rate_limit_entries.length, 1);
    const { code, stdout } = await cli(['erase', '--email', `ILZE@${EMAIL_DOMAIN}`, '--db', dbPath]);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /2 comments deleted \(1 reply by others moved up a level\), 1 idempotency record and 1 rate-limit entry removed/);
    const db = server.comments.db;
    assert.equal(db.prepare('SELECT count(*) AS n FROM comments WHERE author_email LIKE ?').get('ilze@%').n, 0);
    assert.equal(db.prepare('SELECT count(*) AS n FROM idempotency').get().n, 0);
    assert.deepEqual(db.prepare('SELECT email FROM rate_limit_hits').all(), [{ email: `other@${EMAIL_DOMAIN}` }]);
    assert.deepEqual(await listedTexts(), ['A reply.'], 'the reply by someone else stays, one level up');
    assert.deepEqual(JSON.parse((await cli(['export', '--email', `ilze@${EMAIL_DOMAIN}`, '--db', dbPath])).stdout).comments, []);
  });

  it('close and open switch an article off and on for comments', async () => {
    assert.equal((await moderate(['close', 'a1', '--db', dbPath])).code, 0);
    assert.equal((await call(server.url())).json.open, false);
    assert.equal((await moderate(['open', 'a1', '--db', dbPath])).code, 0);
    assert.equal((await call(server.url())).json.open, true);
  });

  it('finds the database through LAPA_COMMENTS_DB', async () => {
    const { code, stdout } = await moderate(['list'], { LAPA_COMMENTS_DB: dbPath });
    assert.equal(code, 0);
    assert.match(stdout, /Erik/);
  });

  it('exits 1 without changing anything when an id does not exist', async () => {
    const { code, stderr } = await moderate(['approve', ids.pending, '999', '--db', dbPath]);
    assert.equal(code, 1);
    assert.match(stderr, /no comment 999/);
    assert.match((await moderate(['list', '--db', dbPath])).stdout, /Erik/);
  });

  it('exits 1 for a database that does not exist, and does not create it', async () => {
    const missing = join(dir, 'missing', 'comments.sqlite');
    const { code, stderr } = await moderate(['list', '--db', missing]);
    assert.equal(code, 1);
    assert.match(stderr, /Cannot open the comments database/);
    assert.ok(!existsSync(missing));
  });

  for (const args of [[], ['frobnicate'], ['moderate'], ['moderate', 'approve'], ['moderate', 'approve', 'abc'], ['moderate', 'list', '--bogus'], ['moderate', 'list', '--status', 'odd'], ['erase'], ['export', '--email'], ['articles', 'open'], ['articles', 'open', 'bad id'], ['backup']]) {
    it(`exits 2 with usage for: ${args.join(' ') || '(nothing)'}`, async () => {
      const { code, stderr } = await cli([...args, '--db', dbPath]);
      assert.equal(code, 2);
      assert.match(stderr, /Usage: /);
    });
  }
});
