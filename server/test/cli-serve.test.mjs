// `lapa-comments serve` and the CLI's safety defaults, as a partner runs them: a child
// process on 127.0.0.1 and a free port (defects 8, 11 and 12 of issue 15).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SqliteStore } from '../lib/stores/sqlite.mjs';
import { SERVE_OPTIONS } from '../lib/cli.mjs';
import { cli, cliWithInput, serve } from './support/cli.mjs';
import { call, postComment } from './support/comments-api.mjs';

describe('lapa-comments serve', () => {
  let dir;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lapa-serve-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to start without --origin, and says how', async () => {
    const { code, stderr } = await cli(['serve', '--db', join(dir, 'none.sqlite')]);
    assert.equal(code, 2);
    assert.match(stderr, /--origin https:\/\/partner\.example/);
  });

  it("serves the protocol for an opened article, allowing only the given origin; '*' only with a warning", async () => {
    const db = join(dir, 'serve.sqlite');
    assert.equal((await cli(['articles', 'open', 'a1', '--db', db])).code, 0);
    const server = await serve(['--origin', 'https://partner.example', '--db', db, '--min-submit-ms', '0', '--proof-of-work', 'off']);
    try {
      const url = `${server.origin}/api/articles/a1/comments`;
      const page = await call(url, { headers: { Origin: 'https://partner.example' } });
      assert.equal(page.status, 200);
      assert.equal(page.headers.get('access-control-allow-origin'), 'https://partner.example');
      const other = await call(url, { headers: { Origin: 'https://evil.example' } });
      assert.equal(other.headers.get('access-control-allow-origin'), null);
      assert.equal((await call(`${server.origin}/api/articles/never-opened/comments`)).status, 404);
      assert.equal((await postComment(url)).status, 201);
      assert.equal(server.stderr(), '');
    } finally {
      assert.equal(await server.stop(), 0);
    }
    const open = await serve(['--db', db], { LAPA_COMMENTS_ORIGIN: '*' });
    try {
      assert.equal((await call(`${open.origin}/api/articles/a1/comments`)).headers.get('access-control-allow-origin'), '*');
      assert.match(open.stderr(), /Warning: --origin '\*' lets every website/);
    } finally {
      await open.stop();
    }
  });

  it('creates the database and its WAL readable by the owner only, and backs up to a 0600 file', async () => {
    const db = join(dir, 'private', 'comments.sqlite');
    assert.equal((await cli(['articles', 'open', 'a1', '--db', db])).code, 0);
    const server = await serve(['--origin', 'https://partner.example', '--db', db, '--min-submit-ms', '0', '--proof-of-work', 'off']);
    try {
      assert.equal((await postComment(`${server.origin}/api/articles/a1/comments`)).status, 201);
      for (const file of [db, `${db}-wal`]) assert.equal(statSync(file).mode & 0o777, 0o600, file);
      assert.equal(statSync(join(dir, 'private')).mode & 0o077, 0, 'the folder is private too');
      const copy = join(dir, 'backup.sqlite');
      const backup = await cli(['backup', copy, '--db', db]);
      assert.equal(backup.code, 0, backup.stderr);
      assert.equal(statSync(copy).mode & 0o777, 0o600);
      const listed = await cli(['articles', 'list', '--db', copy]);
      assert.match(listed.stdout, /^a1 {2}open {2}1 comment$/m);
    } finally {
      await server.stop();
    }
  });

  it('lists every option in --help with its environment variable', async () => {
    const { code, stdout } = await cli(['--help']);
    assert.equal(code, 0);
    for (const option of SERVE_OPTIONS) {
      assert.ok(stdout.includes(`--${option.name}`), option.name);
      assert.ok(stdout.includes(`LAPA_COMMENTS_${option.name.toUpperCase().replaceAll('-', '_')}`), option.name);
    }
  });

  it('takes its options from LAPA_COMMENTS_* variables, flags first', async () => {
    const db = join(dir, 'env.sqlite');
    await cli(['articles', 'open', 'a1', '--db', db]);
    const server = await serve(['--rate-limit', 'off'], {
      LAPA_COMMENTS_DB: db,
      LAPA_COMMENTS_ORIGIN: 'https://a.example,https://b.example',
      LAPA_COMMENTS_RATE_LIMIT: '1/60',
      LAPA_COMMENTS_MIN_SUBMIT_MS: '0',
      LAPA_COMMENTS_PROOF_OF_WORK: 'off',
    });
    try {
      const url = `${server.origin}/api/articles/a1/comments`;
      assert.equal((await call(url, { headers: { Origin: 'https://b.example' } })).headers.get('access-control-allow-origin'), 'https://b.example');
      assert.equal((await postComment(url)).status, 201);
      assert.equal((await postComment(url)).status, 201, '--rate-limit off wins over the variable');
    } finally {
      await server.stop();
    }
  });

  it('refuses malformed options with exit status 2', async () => {
    for (const args of [['--rate-limit', 'fast'], ['--hold', 'some'], ['--trust-proxy', 'example.org'], ['--port', 'http'], ['--origin', 'partner.example']]) {
      const { code } = await cli(['serve', '--origin', 'https://p.example', '--db', join(dir, 'x.sqlite'), ...args]);
      assert.equal(code, 2, args.join(' '));
    }
  });
});

describe('admin-password and the moderation page of lapa-comments serve', () => {
  it('stores the password read from stdin as an scrypt hash, and the served /admin/ signs in with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lapa-admin-cli-'));
    try {
      const db = join(dir, 'c.sqlite');
      const short = await cliWithInput(['admin-password', '--db', db], 'short\n');
      assert.equal(short.code, 1);
      assert.match(short.stderr, /at least 12 characters/);
      const set = await cliWithInput(['admin-password', '--db', db], 'a long enough passphrase\n');
      assert.equal(set.code, 0, set.stderr);
      const store = new SqliteStore(db);
      assert.match(store.getMeta('admin_password'), /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
      store.close();
      const server = await serve(['--origin', 'https://partner.example', '--db', db]);
      try {
        const signIn = (password) =>
          fetch(`${server.origin}/admin/api/session`, { method: 'POST', headers: { Origin: server.origin, 'Content-Type': 'application/json' }, body: JSON.stringify({ password }) });
        assert.equal((await signIn('wrong password here')).status, 401);
        assert.equal((await signIn('a long enough passphrase')).status, 200);
        assert.equal((await fetch(`${server.origin}/admin/`)).status, 200);
      } finally {
        await server.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('marks comments as spam and lists reports from the command line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lapa-spam-'));
    try {
      const db = join(dir, 'c.sqlite');
      const store = new SqliteStore(db);
      const id = store.insertComment({ articleId: 'a1', name: 'Bot', text: 'Cheap pills' });
      store.addReport({ commentId: id, articleId: 'a1', reason: 'spam', text: 'An ad \u001b[2J', contact: null, createdAt: '2026-03-01T10:00:00.000Z' });
      store.close();
      const reports = await cli(['moderate', 'reports', '--db', db]);
      assert.equal(reports.code, 0);
      assert.match(reports.stdout, new RegExp(`comment ${id} on a1  spam\\n    An ad \\\\u\\{1b\\}\\[2J`));
      const spam = await cli(['moderate', 'spam', id, '--db', db]);
      assert.equal(spam.code, 0);
      assert.match(spam.stdout, /1 comment marked as spam/);
      assert.match((await cli(['moderate', 'list', '--status', 'spam', '--db', db])).stdout, /Cheap pills/);
      const again = new SqliteStore(db);
      assert.equal(again.count('a1'), 0);
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('8: moderate list prints stored text escaped', () => {
  it('shows C1 controls, bidi controls and terminal escapes as \\u{…}, never raw', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lapa-escape-'));
    try {
      const db = join(dir, 'c.sqlite');
      const store = new SqliteStore(db);
      // As an older server could have stored them.
      store.insertComment({ articleId: 'a1', name: 'Evil\u001b]0;pwned\u0007', text: 'clear \u009b2J \u001b[31mred\u202Efdp.exe', status: 'pending' });
      store.close();
      const { code, stdout } = await cli(['moderate', 'list', '--db', db]);
      assert.equal(code, 0);
      assert.doesNotMatch(stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
      assert.match(stdout, /\\u\{1b\}\]0;pwned\\u\{7\}/);
      assert.match(stdout, /\\u\{9b\}2J/);
      assert.match(stdout, /\\u\{202e\}fdp\.exe/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
