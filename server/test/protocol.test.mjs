// The comments protocol as lapa-comments serves it (server/lib/routes.mjs), over real HTTP.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createCommentServer, rateLimitKey } from '../lib/routes.mjs';
import { DEMO_ARTICLE_ID, seedDemoComments } from '../../demo/seed-comments.mjs';
import {
  EMAIL_DOMAIN,
  START,
  assertValid,
  call,
  postComment,
  rawPost,
  startServer,
  submission,
  tokenFor,
  validate,
  SCHEMA,
  storeKindInUse,
  withServer,
} from './support/comments-api.mjs';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The `next` link of a thread page: the same URL with a cursor, per_page and order. */
const nextLink = (server, articleId, perPage, order) =>
  new RegExp(`^${server.origin}/api/articles/${articleId}/comments\\?page=2&per_page=${perPage}&order=${order}&after=[0-9a-z]+\\.[0-9]+$`);

const countRows = async (server, where = '1 = 1') => (await server.sql(`SELECT count(*) AS n FROM comments WHERE ${where}`))[0].n;

describe('the test schema validator', () => {
  it('rejects a comment that carries an email or lacks a field', () => {
    const comment = { id: '1', parent: null, author: { name: 'A' }, text: 't', date: '2026-03-01T10:00:00.000Z' };
    assert.deepEqual(validate(comment, SCHEMA.$defs.Comment, '$'), []);
    assert.notDeepEqual(validate({ ...comment, author_email: 'a@b.lv' }, SCHEMA.$defs.Comment, '$'), []);
    assert.notDeepEqual(validate({ ...comment, author: { name: 'A', email: 'a@b.lv' } }, SCHEMA.$defs.Comment, '$'), []);
    assert.notDeepEqual(validate({ ...comment, date: 'yesterday' }, SCHEMA.$defs.Comment, '$'), []);
    const { text: _text, ...withoutText } = comment;
    assert.notDeepEqual(validate(withoutText, SCHEMA.$defs.Comment, '$'), []);
    assert.notDeepEqual(validate({ error: { code: 'nope', message: 'x' } }, SCHEMA.$defs.ErrorResponse, '$'), []);
  });

  it('accepts the request body the widget sends', () => {
    assertValid(submission('t0k3n'), 'PostRequest');
  });
});

describe('GET: listing', () => {
  let server;
  const ids = {};
  before(async () => {
    server = await startServer();
    const add = async (key, fields) => {
      ids[key] = await server.comments.insertComment({
        articleId: 'a1',
        name: key,
        email: `${key.toLowerCase()}@${EMAIL_DOMAIN}`,
        text: `text of ${key}`,
        ...fields,
        parent: fields.parent === undefined ? null : ids[fields.parent],
        date: new Date(START + fields.at * MINUTE),
      });
    };
    // Inserted out of time order on purpose: ordering must come from the dates.
    await add('C', { at: 3 });
    await add('A', { at: 1 });
    await add('B', { at: 2, url: 'https://b.example/' });
    await add('A2', { at: 5, parent: 'A' });
    await add('A1', { at: 4, parent: 'A' });
    await add('A1a', { at: 6, parent: 'A1' });
    await add('B1', { at: 4, parent: 'B' });
    await add('Pending', { at: 7, parent: 'A', status: 'pending' });
    await add('Rejected', { at: 0, status: 'rejected' });
    await add('UnderRejected', { at: 8, parent: 'Rejected' });
    await server.comments.insertComment({ articleId: 'other', name: 'O', text: 'other article', date: new Date(START) });
  });
  after(() => server.close());

  const names = (json) => json.comments.map((comment) => comment.author.name);

  it('answers an article without comments with an empty page', async () => {
    const { status, json, headers } = await call(server.url('empty'));
    assert.equal(status, 200);
    assert.deepEqual({ ...json, token: 'x' }, { open: true, total: 0, comments: [], next: null, token: 'x' });
    assert.equal(headers.get('cache-control'), 'no-store');
  });

  it('lists whole threads oldest first, each reply after its parent, replies oldest first', async () => {
    const { json } = await call(server.url('a1'));
    assert.deepEqual(names(json), ['A', 'A1', 'A1a', 'A2', 'B', 'B1', 'C']);
    const byName = Object.fromEntries(json.comments.map((comment) => [comment.author.name, comment]));
    assert.equal(byName.A1a.parent, ids.A1);
    assert.equal(byName.A.parent, null);
    assert.deepEqual(byName.B.author, { name: 'B', url: 'https://b.example/' });
    assert.equal(byName.A.date, new Date(START + MINUTE).toISOString());
    assert.equal(byName.A.id, ids.A);
  });

  it('counts only listed comments in total: not pending, rejected, or replies under rejected ones', async () => {
    const { json } = await call(server.url('a1'));
    assert.equal(json.total, 7);
    assert.ok(!names(json).some((name) => ['Pending', 'Rejected', 'UnderRejected'].includes(name)));
  });

  it('pages by top-level threads and never splits a thread', async () => {
    const first = await call(server.url('a1', '?per_page=2'));
    assert.deepEqual(names(first.json), ['A', 'A1', 'A1a', 'A2', 'B', 'B1']);
    assert.equal(first.json.total, 7);
    assert.match(first.json.next, nextLink(server, 'a1', 2, 'oldest'));
    const second = await call(first.json.next);
    assert.deepEqual(names(second.json), ['C']);
    assert.equal(second.json.next, null);
    const beyond = await call(server.url('a1', '?page=9&per_page=2'));
    assert.deepEqual(beyond.json.comments, []);
    assert.equal(beyond.json.next, null);
  });

  it('orders threads newest first on request, replies still oldest first', async () => {
    const first = await call(server.url('a1', '?order=newest&per_page=2'));
    assert.deepEqual(names(first.json), ['C', 'B', 'B1']);
    assert.match(first.json.next, nextLink(server, 'a1', 2, 'newest'));
    const second = await call(first.json.next);
    assert.deepEqual(names(second.json), ['A', 'A1', 'A1a', 'A2']);
  });

  it('falls back to defaults for nonsense paging parameters and caps per_page at 100', async () => {
    const { json } = await call(server.url('a1', '?page=zero&per_page=-3&order=sideways'));
    assert.deepEqual(names(json), ['A', 'A1', 'A1a', 'A2', 'B', 'B1', 'C']);
    for (let i = 0; i < 101; i++) {
      await server.comments.insertComment({ articleId: 'many', name: `n${i}`, text: 't', date: new Date(START + i) });
    }
    const capped = await call(server.url('many', '?per_page=500'));
    assert.equal(capped.json.comments.length, 100);
    assert.equal(capped.json.total, 101);
    assert.match(capped.json.next, /\?page=2&per_page=100&order=oldest&after=/);
    assert.equal((await call(capped.json.next)).json.comments.length, 1);
  });

  it('builds next from the Host header, with https only behind a trusted proxy', async () => {
    const spoofed = await call(server.url('a1', '?per_page=1'), { headers: { 'X-Forwarded-Proto': 'https' } });
    assert.ok(spoofed.json.next.startsWith(`${server.origin}/`), spoofed.json.next);
    await withServer({ trustProxy: true, publicHosts: ['news.example.org'] }, async (proxied) => {
      await proxied.comments.insertComment({ articleId: 'p', name: 'x', text: 'one' });
      await proxied.comments.insertComment({ articleId: 'p', name: 'y', text: 'two' });
      const { json } = await call(proxied.url('p', '?per_page=1'), {
        headers: { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'news.example.org' },
      });
      assert.match(json.next, /^https:\/\/news\.example\.org\/api\/articles\/p\/comments\?page=2&per_page=1&order=oldest&after=[0-9a-z]+\.[0-9]+$/);
    });
  });
});

describe('articles and routes', () => {
  it('shows a closed article as not open and refuses posts to it with 403 closed', async () => {
    await withServer({}, async (server) => {
      const token = await tokenFor(server.url());
      await server.comments.closeArticle('a1');
      const listed = await call(server.url());
      assert.equal(listed.json.open, false);
      const refused = await call(server.url(), { method: 'POST', body: submission(token) });
      assert.equal(refused.status, 403);
      assert.equal(refused.json.error.code, 'closed');
      assert.equal(await countRows(server), 0);
      await server.comments.openArticle('a1');
      assert.equal((await call(server.url())).json.open, true);
      assert.equal((await call(server.url(), { method: 'POST', body: submission(token) })).status, 201);
    });
  });

  it('takes existence and openness from the articles option', async () => {
    const articles = (id) => ({ exists: id !== 'missing', open: id !== 'archived' });
    await withServer({ articles }, async (server) => {
      const missing = await call(server.url('missing'));
      assert.equal(missing.status, 404);
      assert.equal(missing.json.error.code, 'not_found');
      const post = await postComment(server.url('archived'), {}, { token: 'x' });
      assert.equal(post.status, 403);
      assert.equal((await call(server.url('archived'))).json.open, false);
      const toMissing = await call(server.url('missing'), { method: 'POST', body: submission('x') });
      assert.equal(toMissing.status, 404);
    });
  });

  it('answers 404 not_found for a malformed article id and leaves other paths to the host server', async () => {
    await withServer({}, async (server) => {
      const bad = await call(`${server.origin}/api/articles/bad.id/comments`);
      assert.equal(bad.status, 404);
      assert.equal(bad.json.error.code, 'not_found');
      const tooLong = await call(server.url('x'.repeat(101)));
      assert.equal(tooLong.status, 404);
      const other = await call(`${server.origin}/api/nothing-here`);
      assert.equal(other.text, 'not the comments server');
    });
  });

  it('answers unknown /api paths with 404 JSON when handleUnknownApi is on', async () => {
    await withServer({ handleUnknownApi: true }, async (server) => {
      const other = await call(`${server.origin}/api/nothing-here?x=1`);
      assert.equal(other.status, 404);
      assert.equal(other.json.error.code, 'not_found');
      const outside = await call(`${server.origin}/index.html`);
      assert.equal(outside.text, 'not the comments server');
    });
  });

  it('answers 405 with Allow for other methods', async () => {
    await withServer({}, async (server) => {
      const put = await call(server.url(), { method: 'PUT', body: '{}' });
      assert.equal(put.status, 405);
      assert.equal(put.json.error.code, 'method_not_allowed');
      assert.equal(put.headers.get('allow'), 'GET, POST, OPTIONS');
    });
  });

  it('answers 500 server_error when something throws, and keeps serving', async () => {
    const errors = [];
    let broken = true;
    const articles = () => {
      if (broken) throw new Error('article store down');
      return { exists: true, open: true };
    };
    await withServer({ articles, onError: (error) => errors.push(error) }, async (server) => {
      const failed = await call(server.url());
      assert.equal(failed.status, 500);
      assert.equal(failed.json.error.code, 'server_error');
      assert.ok(!failed.text.includes('article store down'), 'internal details stay in the log');
      assert.equal(errors[0].message, 'article store down');
      const failedPost = await call(server.url(), { method: 'POST', body: submission('x') });
      assert.equal(failedPost.status, 500);
      broken = false;
      assert.equal((await call(server.url())).status, 200);
    });
  });
});

describe('POST: accepted comments', () => {
  it('stores a comment and answers 201 with it as GET shows it, trimmed, line breaks normalised', async () => {
    await withServer({}, async (server) => {
      const created = await postComment(server.url(), {
        author_name: '  Jānis Bērziņš  ',
        author_email: `  Janis@${EMAIL_DOMAIN.toUpperCase()} `,
        author_url: 'https://janis.example/',
        text: '\n Labdien!\r\nOtrā rinda. \n',
      });
      assert.equal(created.status, 201);
      assert.equal(created.json.status, 'approved');
      assert.deepEqual(created.json.comment, {
        id: created.json.comment.id,
        parent: null,
        author: { name: 'Jānis Bērziņš', url: 'https://janis.example/' },
        text: 'Labdien!\nOtrā rinda.',
        date: new Date(START).toISOString(),
      });
      const listed = await call(server.url());
      assert.deepEqual(listed.json.comments, [created.json.comment]);
      const [row] = await server.sql('SELECT author_email, status FROM comments');
      assert.deepEqual(row, { author_email: `janis@${EMAIL_DOMAIN}`, status: 'approved' });
    });
  });

  it('accepts a reply to an approved comment, at any depth', async () => {
    await withServer({}, async (server) => {
      let parent = null;
      for (let depth = 0; depth < 30; depth++) {
        const { status, json } = await postComment(server.url(), { parent });
        assert.equal(status, 201);
        assert.equal(json.comment.parent, parent);
        parent = json.comment.id;
      }
      const { json } = await call(server.url());
      assert.equal(json.comments.length, 30);
      assert.equal(json.total, 30);
    });
  });

  it('accepts a name and a text of exactly the maximum length', async () => {
    await withServer({ maxNameLength: 10, maxTextLength: 20 }, async (server) => {
      const { status } = await postComment(server.url(), { author_name: ` ${'n'.repeat(10)} `, text: 't'.repeat(20) });
      assert.equal(status, 201);
    });
  });

  it('stores SQL- and HTML-looking input verbatim', async () => {
    await withServer({}, async (server) => {
      const fields = {
        author_name: "Robert'); DROP TABLE comments;--",
        author_url: "https://x.example/?q=' OR '1'='1",
        text: "' OR 1=1; --\n<script>alert(1)</script> \"; DELETE FROM comments; --",
      };
      const created = await postComment(server.url(), fields);
      assert.equal(created.status, 201);
      const { json } = await call(server.url());
      assert.deepEqual(json.comments[0].author, { name: fields.author_name, url: fields.author_url });
      assert.equal(json.comments[0].text, fields.text);
      const [row] = await server.sql('SELECT author_name, author_url, text FROM comments');
      assert.deepEqual(row, fields);
    });
  });

  it('holds a first-time author for moderation with holdFirstTime and lets them through once approved', async () => {
    await withServer({ holdFirstTime: true }, async (server) => {
      const first = await postComment(server.url(), { author_email: `new@${EMAIL_DOMAIN}`, text: 'first' });
      assert.equal(first.status, 201);
      assert.equal(first.json.status, 'pending');
      const hidden = await call(server.url());
      assert.deepEqual([hidden.json.total, hidden.json.comments.length], [0, 0]);
      const again = await postComment(server.url(), { author_email: `new@${EMAIL_DOMAIN}`, text: 'second' });
      assert.equal(again.json.status, 'pending', 'a pending comment does not make an author known');
      // A reply to a comment nobody can see yet is refused.
      const reply = await postComment(server.url(), { parent: first.json.comment.id });
      assert.equal(reply.status, 400);
      assert.equal(reply.json.error.field, 'parent');

      await server.comments.store.setStatus([first.json.comment.id], 'approved');
      const known = await postComment(server.url('elsewhere'), { author_email: `NEW@${EMAIL_DOMAIN}`, text: 'third' });
      assert.equal(known.json.status, 'approved');
      assert.equal((await call(server.url('elsewhere'))).json.total, 1);
    });
  });

  it('holds every comment with holdAll', async () => {
    await withServer({ holdAll: true }, async (server) => {
      await server.comments.insertComment({ articleId: 'a1', name: 'Anna', email: `anna@${EMAIL_DOMAIN}`, text: 'old' });
      const { json } = await postComment(server.url());
      assert.equal(json.status, 'pending');
      assert.equal((await call(server.url())).json.total, 1);
    });
  });
});

describe('POST: validation', () => {
  let server;
  let token;
  let pendingId;
  let rejectedId;
  let otherArticleId;
  before(async () => {
    server = await startServer({ maxNameLength: 100, maxTextLength: 5000 });
    token = await tokenFor(server.url());
    pendingId = await server.comments.insertComment({ articleId: 'a1', name: 'P', text: 'p', status: 'pending' });
    rejectedId = await server.comments.insertComment({ articleId: 'a1', name: 'R', text: 'r', status: 'rejected' });
    otherArticleId = await server.comments.insertComment({ articleId: 'a2', name: 'O', text: 'o' });
  });
  after(() => server.close());

  const cases = [
    ['author_name', 'is missing', { author_name: undefined }],
    ['author_name', 'is only spaces', { author_name: '   ' }],
    ['author_name', 'is over maxNameLength', { author_name: 'n'.repeat(101) }],
    ['author_name', 'is a number', { author_name: 5 }],
    ['author_name', 'has a control character', { author_name: 'Anna\u0007' }],
    ['author_name', 'has a lone surrogate', { author_name: 'Anna \ud800' }],
    ['author_email', 'is missing', { author_email: undefined }],
    ['author_email', 'has no @', { author_email: 'nope' }],
    ['author_email', 'has no domain dot', { author_email: 'a@b' }],
    ['author_email', 'has a space', { author_email: `a b@${EMAIL_DOMAIN}` }],
    ['author_email', 'is over 254 characters', { author_email: `${'a'.repeat(250)}@${EMAIL_DOMAIN}` }],
    ['author_url', 'is javascript:', { author_url: 'javascript:alert(1)' }],
    ['author_url', 'is ftp:', { author_url: 'ftp://files.example/' }],
    ['author_url', 'is not a URL', { author_url: 'not a url' }],
    ['author_url', 'is over 2000 characters', { author_url: `https://x.example/${'a'.repeat(2000)}` }],
    ['author_url', 'is an array', { author_url: ['https://x.example/'] }],
    ['text', 'is missing', { text: undefined }],
    ['text', 'is only whitespace', { text: ' \n\t ' }],
    ['text', 'is over maxTextLength', { text: 't'.repeat(5001) }],
    ['text', 'has a NUL character', { text: 'null byte \u0000 here' }],
    ['text', 'is an object', { text: { html: '<b>x</b>' } }],
    ['parent', 'does not exist', { parent: '999999' }],
    ['parent', 'is a number', { parent: 5 }],
    ['parent', 'is not an id', { parent: 'abc' }],
    ['parent', 'is pending', { parent: () => pendingId }],
    ['parent', 'is rejected', { parent: () => rejectedId }],
    ['parent', 'is on another article', { parent: () => otherArticleId }],
  ];
  for (const [field, problem, override] of cases) {
    it(`answers 400 invalid_field ${field} when it ${problem}`, async () => {
      const fields = Object.fromEntries(
        Object.entries(override).map(([name, value]) => [name, typeof value === 'function' ? value() : value]),
      );
      const before = await countRows(server);
      const { status, json } = await call(server.url(), { method: 'POST', body: submission(token, fields) });
      assert.equal(status, 400);
      assert.deepEqual([json.error.code, json.error.field], ['invalid_field', field]);
      assert.equal(await countRows(server), before);
    });
  }

  for (const body of ['not json', '{"author_name":', '[1, 2]', 'null', '"text"', '']) {
    it(`answers 400 invalid_json for ${JSON.stringify(body)}`, async () => {
      const { status, json } = await call(server.url(), { method: 'POST', body });
      assert.equal(status, 400);
      assert.equal(json.error.code, 'invalid_json');
      assert.equal(json.error.field, undefined);
    });
  }

  it('answers 400 invalid_json for a body that is not UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from('{"text":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const { status, json } = await call(server.url(), {
      method: 'POST',
      body: new Uint8Array(bytes),
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(status, 400);
    assert.equal(json.error.code, 'invalid_json');
  });

  for (const contentType of [null, 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=iso-8859-1']) {
    it(`answers 415 unsupported_media_type for Content-Type ${contentType}`, async () => {
      const body = new TextEncoder().encode(JSON.stringify(submission(token)));
      const headers = contentType ? { 'Content-Type': contentType } : {};
      // fetch labels a Uint8Array body with no type, so "none" really is none.
      const { status, json } = await call(server.url(), { method: 'POST', body, headers });
      assert.equal(status, 415);
      assert.equal(json.error.code, 'unsupported_media_type');
    });
  }

  it('accepts Content-Type application/json with a UTF-8 charset in any case', async () => {
    const { status } = await call(server.url('a3'), {
      method: 'POST',
      body: submission(await tokenFor(server.url('a3'))),
      headers: { 'Content-Type': 'Application/JSON; Charset="UTF-8"' },
    });
    assert.equal(status, 201);
  });

  it('answers 413 too_large for a declared oversized body and keeps the connection usable', async () => {
    const big = JSON.stringify(submission(token, { text: 'x'.repeat(60_000) }));
    const { status, json } = await call(server.url(), { method: 'POST', body: big });
    assert.equal(status, 413);
    assert.equal(json.error.code, 'too_large');
    assert.equal((await call(server.url())).status, 200);
  });

  it('answers 413 for a streamed body without Content-Length once it passes the limit', async () => {
    let sent = 0;
    const chunk = new TextEncoder().encode(' '.repeat(4096));
    const body = new ReadableStream({
      pull(controller) {
        // 1 MB of whitespace: far past the limit, and the server must not wait for all of it.
        if (sent >= 256) controller.close();
        else {
          sent += 1;
          controller.enqueue(chunk);
        }
      },
    });
    const { status, json } = await call(server.url(), {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(status, 413);
    assert.equal(json.error.code, 'too_large');
  });

  it('answers 413 from the declared Content-Length without waiting for the body', { timeout: 5000 }, async () => {
    const answer = await rawPost(server.url(), { headers: { 'Content-Length': '1000000' }, chunks: ['{"text":"'] });
    assert.equal(answer.status, 413);
    assertValid(answer.json, 'ErrorResponse');
  });

  it('answers 413 as soon as a chunked body passes the limit, before it ends', { timeout: 5000 }, async () => {
    const answer = await rawPost(server.url(), { chunks: Array.from({ length: 60 }, () => 'x'.repeat(1024)) });
    assert.equal(answer.status, 413);
    assert.equal(answer.json.error.code, 'too_large');
  });

  it('answers 400 invalid_field for an over-long Idempotency-Key', async () => {
    const { status, json } = await call(server.url(), {
      method: 'POST',
      body: submission(token),
      headers: { 'Idempotency-Key': 'k'.repeat(101) },
    });
    assert.equal(status, 400);
    assert.equal(json.error.code, 'invalid_field');
  });
});

describe('POST: form token and spam checks', () => {
  it('refuses a missing, forged, foreign or other-article token with 400 invalid_token', async () => {
    await withServer({ secret: 'one' }, async (server) => {
      const token = await tokenFor(server.url());
      const [issued, signature] = token.split('.');
      const flipped = signature[0] === 'A' ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
      const foreign = await withForeignToken();
      const otherArticle = await tokenFor(server.url('a2'));
      const older = `${(parseInt(issued, 36) - 10_000).toString(36)}.${signature}`;
      for (const bad of [undefined, '', 'garbage', `${issued}.${flipped}`, older, foreign, otherArticle, 42]) {
        const { status, json } = await call(server.url(), { method: 'POST', body: submission(bad) });
        assert.equal(status, 400, String(bad));
        assert.equal(json.error.code, 'invalid_token', String(bad));
      }
      assert.equal(await countRows(server), 0);
    });
    async function withForeignToken() {
      let token;
      await withServer({ secret: 'two' }, async (other) => {
        token = await tokenFor(other.url());
      });
      return token;
    }
  });

  it('accepts a token from another instance with the same secret', async () => {
    let token;
    await withServer({ secret: 'shared' }, async (one) => {
      token = await tokenFor(one.url());
    });
    await withServer({ secret: 'shared' }, async (two) => {
      assert.equal((await postComment(two.url(), {}, { token })).status, 201);
    });
  });

  it('refuses a token older than tokenMaxAgeMs', async () => {
    await withServer({ tokenMaxAgeMs: HOUR }, async (server) => {
      const token = await tokenFor(server.url());
      server.clock.now += HOUR;
      assert.equal((await postComment(server.url(), {}, { token })).status, 201);
      server.clock.now += 1;
      const late = await postComment(server.url(), {}, { token });
      assert.equal(late.status, 400);
      assert.equal(late.json.error.code, 'invalid_token');
    });
  });

  it('answers 400 spam when the honeypot is filled, storing nothing', async () => {
    await withServer({}, async (server) => {
      for (const website2 of ['http://spam.example', ' ', 0, true]) {
        const { status, json } = await postComment(server.url(), { website2 });
        assert.equal(status, 400);
        assert.equal(json.error.code, 'spam');
      }
      assert.equal(await countRows(server), 0);
      assert.equal((await postComment(server.url(), { website2: null })).status, 201);
    });
  });

  it('answers 400 spam for a submission faster than minSubmitMs after the form was issued', async () => {
    await withServer({ minSubmitMs: 3000 }, async (server) => {
      const token = await tokenFor(server.url());
      const now = await postComment(server.url(), {}, { token });
      assert.equal(now.status, 400);
      assert.equal(now.json.error.code, 'spam');
      server.clock.now += 2999;
      assert.equal((await postComment(server.url(), {}, { token })).json.error.code, 'spam');
      server.clock.now += 1;
      assert.equal((await postComment(server.url(), {}, { token })).status, 201);
    });
  });
});

describe('POST: rate limit', () => {
  it('answers 429 too_fast with Retry-After past max comments per window, until the window passes', async () => {
    await withServer({ rateLimit: { max: 2, windowMs: MINUTE } }, async (server) => {
      assert.equal((await postComment(server.url())).status, 201);
      server.clock.now += 10_500;
      assert.equal((await postComment(server.url('a2'))).status, 201);
      const limited = await postComment(server.url());
      assert.equal(limited.status, 429);
      assert.equal(limited.json.error.code, 'too_fast');
      assert.equal(limited.headers.get('retry-after'), '50', 'whole seconds, rounded up from 49.5');
      server.clock.now += 30_000;
      assert.equal((await postComment(server.url())).headers.get('retry-after'), '20');
      server.clock.now += 19_500;
      assert.equal((await postComment(server.url())).status, 201, 'the first comment has left the window');
      assert.equal((await postComment(server.url())).status, 429);
      assert.equal(await countRows(server), 3);
    });
  });

  it('counts per client address, taken from X-Forwarded-For only behind a trusted proxy', async () => {
    const limit = { max: 1, windowMs: MINUTE };
    await withServer({ rateLimit: limit, trustProxy: true }, async (server) => {
      const from = (address) => ({ headers: { 'X-Forwarded-For': `10.0.0.1, ${address}` } });
      assert.equal((await postComment(server.url(), {}, from('203.0.113.5'))).status, 201);
      assert.equal((await postComment(server.url(), {}, from('203.0.113.5'))).status, 429);
      assert.equal((await postComment(server.url(), {}, from('203.0.113.6'))).status, 201);
    });
    await withServer({ rateLimit: limit }, async (server) => {
      const spoof = (address) => ({ headers: { 'X-Forwarded-For': address } });
      assert.equal((await postComment(server.url(), {}, spoof('203.0.113.5'))).status, 201);
      assert.equal((await postComment(server.url(), {}, spoof('203.0.113.6'))).status, 429);
    });
  });

  it('treats IPv4-mapped addresses as IPv4 and one IPv6 /64 as one client', () => {
    assert.equal(rateLimitKey('::ffff:127.0.0.1'), '127.0.0.1');
    assert.equal(rateLimitKey('2001:db8:1:2:aaaa::1'), rateLimitKey('2001:0db8:1:2:bbbb:cccc:dddd:2'));
    assert.notEqual(rateLimitKey('2001:db8:1:2::1'), rateLimitKey('2001:db8:1:3::1'));
    assert.equal(rateLimitKey('::1'), '0:0:0:0::/64');
  });

  it('forgets client addresses after clientAddressRetentionMs', async () => {
    await withServer({ rateLimit: { max: 5, windowMs: MINUTE } }, async (server) => {
      const hits = () => server.sql('SELECT client, email FROM rate_limit_hits');
      await postComment(server.url());
      assert.deepEqual(await hits(), [{ client: '127.0.0.1', email: `anna@${EMAIL_DOMAIN}` }]);
      server.clock.now += 23 * HOUR;
      await call(server.url());
      assert.equal((await hits()).length, 1);
      server.clock.now += HOUR + MINUTE;
      await call(server.url());
      assert.deepEqual(await hits(), []);
    });
  });

  it('does not limit a client whose address has already been forgotten', async () => {
    // Even before the periodic purge has deleted the row.
    await withServer({ rateLimit: { max: 1, windowMs: HOUR }, clientAddressRetentionMs: 2 * MINUTE }, async (server) => {
      assert.equal((await postComment(server.url())).status, 201);
      server.clock.now += 2 * MINUTE - 1;
      const limited = await postComment(server.url());
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '1');
      server.clock.now += 1;
      assert.equal((await postComment(server.url())).status, 201);
    });
  });

  it('keeps no client addresses at all when the rate limit is off', async () => {
    await withServer({ rateLimit: false }, async (server) => {
      await postComment(server.url());
      assert.equal((await server.sql('SELECT count(*) AS n FROM rate_limit_hits'))[0].n, 0);
    });
  });
});

describe('POST: duplicates and idempotency', () => {
  it('answers 409 duplicate for the same text by the same email on the same article', async () => {
    await withServer({}, async (server) => {
      assert.equal((await postComment(server.url(), { text: 'Labs raksts!  Paldies.' })).status, 201);
      const again = await postComment(server.url(), {
        author_email: `ANNA@${EMAIL_DOMAIN.toUpperCase()}`,
        text: ' labs   raksts!\nPaldies. ',
      });
      assert.equal(again.status, 409);
      assert.equal(again.json.error.code, 'duplicate');
      assert.equal((await postComment(server.url('a2'), { text: 'Labs raksts!  Paldies.' })).status, 201);
      assert.equal(
        (await postComment(server.url(), { author_email: `other@${EMAIL_DOMAIN}`, text: 'Labs raksts!  Paldies.' })).status,
        201,
      );
      assert.equal(await countRows(server), 3);
    });
  });

  it('answers a repeated Idempotency-Key with the first answer and stores nothing new', async () => {
    await withServer({}, async (server) => {
      const token = await tokenFor(server.url());
      const body = submission(token);
      const headers = { 'Idempotency-Key': 'retry-1' };
      const first = await call(server.url(), { method: 'POST', body, headers });
      const second = await call(server.url(), { method: 'POST', body, headers });
      assert.equal(first.status, 201);
      assert.equal(second.status, 201);
      assert.equal(second.text, first.text);
      assert.equal(second.headers.get('idempotent-replayed'), 'true');
      assert.equal(first.headers.get('idempotent-replayed'), null);
      assert.equal(await countRows(server), 1);
      // Without the key, the same submission is a duplicate.
      assert.equal((await call(server.url(), { method: 'POST', body })).status, 409);
      // The key belongs to one article.
      const elsewhere = await call(server.url('a2'), { method: 'POST', body: submission(await tokenFor(server.url('a2'))), headers });
      assert.equal(elsewhere.status, 201);
      assert.notEqual(elsewhere.json.comment.id, first.json.comment.id);
    });
  });

  it('does not remember an answer that stored nothing, so a corrected retry succeeds', async () => {
    await withServer({}, async (server) => {
      const token = await tokenFor(server.url());
      const headers = { 'Idempotency-Key': 'fix-and-retry' };
      const wrong = await call(server.url(), { method: 'POST', body: submission(token, { author_email: 'x' }), headers });
      assert.equal(wrong.status, 400);
      const fixed = await call(server.url(), { method: 'POST', body: submission(token), headers });
      assert.equal(fixed.status, 201);
    });
  });

  it('stores each of 100 concurrent posts exactly once', async () => {
    await withServer({ rateLimit: false }, async (server) => {
      const token = await tokenFor(server.url());
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) => call(server.url(), { method: 'POST', body: submission(token, { text: `parallel ${i}` }) })),
      );
      assert.deepEqual(new Set(answers.map((answer) => answer.status)), new Set([201]));
      assert.equal(new Set(answers.map((answer) => answer.json.comment.id)).size, 100);
      const { json } = await call(server.url('a1', '?per_page=100'));
      assert.equal(json.total, 100);
      assert.deepEqual(
        json.comments.map((comment) => comment.text).sort(),
        Array.from({ length: 100 }, (_, i) => `parallel ${i}`).sort(),
      );
      assert.equal(await countRows(server), 100);
    });
  });

  it('stores 100 concurrent posts with one Idempotency-Key once, answering all alike (replays are not rate limited)', async () => {
    // Every body is held back until the server has all 100 requests in hand, so all of
    // them are in flight at once rather than one after another.
    let arrived = 0;
    let openGate;
    const gate = new Promise((resolve) => (openGate = resolve));
    const onRequest = (req) => {
      if (req.method === 'POST' && ++arrived === 100) openGate();
    };
    const server = await startServer({ rateLimit: { max: 5, windowMs: MINUTE } }, { onRequest });
    try {
      const token = await tokenFor(server.url());
      const headers = { 'Content-Type': 'application/json', 'Idempotency-Key': 'one-key' };
      const held = (i) => {
        const json = JSON.stringify(submission(token, { text: `same key ${i}` }));
        const encoder = new TextEncoder();
        return new ReadableStream({
          async start(controller) {
            controller.enqueue(encoder.encode(json.slice(0, 10)));
            await gate;
            controller.enqueue(encoder.encode(json.slice(10)));
            controller.close();
          },
        });
      };
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) => call(server.url(), { method: 'POST', body: held(i), duplex: 'half', headers })),
      );
      assert.deepEqual(new Set(answers.map((answer) => answer.status)), new Set([201]));
      assert.equal(new Set(answers.map((answer) => answer.text)).size, 1);
      assert.equal(answers.filter((answer) => answer.headers.get('idempotent-replayed') === null).length, 1);
      assert.equal(await countRows(server), 1);
    } finally {
      await server.close();
    }
  });
});

// SQLite-only by nature: a file database, and the demo's seeding into it.
const sqliteOnly = storeKindInUse() === 'sqlite' ? describe : () => {};

sqliteOnly('persistence', () => {
  it('keeps comments across a restart with a file database, creating its folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lapa-comments-'));
    try {
      const dbPath = join(dir, 'nested', 'folder', 'comments.sqlite');
      let created;
      await withServer({ dbPath }, async (server) => {
        created = await postComment(server.url(), { text: 'Vai tas paliks?' });
        await server.comments.closeArticle('closed-one');
      });
      assert.ok(existsSync(dbPath));
      await withServer({ dbPath }, async (server) => {
        const { json } = await call(server.url());
        assert.deepEqual(json.comments, [created.json.comment]);
        assert.equal((await call(server.url('closed-one'))).json.open, false);
        const next = await postComment(server.url(), { text: 'Jā.' });
        assert.ok(Number(next.json.comment.id) > Number(created.json.comment.id));
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('CORS', () => {
  const partner = 'https://partner.example';
  it('answers a preflight from an allowed origin with 204 and the allowed methods and headers', async () => {
    await withServer({ allowedOrigins: [partner] }, async (server) => {
      const { status, headers, text } = await call(server.url(), {
        method: 'OPTIONS',
        headers: { Origin: partner, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, idempotency-key' },
      });
      assert.equal(status, 204);
      assert.equal(text, '');
      assert.equal(headers.get('access-control-allow-origin'), partner);
      assert.match(headers.get('vary'), /\bOrigin\b/);
      assert.equal(headers.get('access-control-allow-methods'), 'GET, POST, OPTIONS');
      assert.equal(headers.get('access-control-allow-headers'), 'Content-Type, Idempotency-Key');
      assert.equal(headers.get('access-control-max-age'), '600');
    });
  });

  it('does not allow an origin that is not listed', async () => {
    await withServer({ allowedOrigins: [partner] }, async (server) => {
      for (const method of ['OPTIONS', 'GET']) {
        const { headers } = await call(server.url(), { method, headers: { Origin: 'https://evil.example' } });
        assert.equal(headers.get('access-control-allow-origin'), null);
        assert.match(headers.get('vary'), /\bOrigin\b/);
      }
    });
  });

  it('sets Allow-Origin and exposes Retry-After on answers, errors included', async () => {
    await withServer({ allowedOrigins: [partner] }, async (server) => {
      const get = await call(server.url(), { headers: { Origin: partner } });
      assert.equal(get.headers.get('access-control-allow-origin'), partner);
      assert.equal(get.headers.get('access-control-expose-headers'), 'Retry-After');
      const error = await call(server.url(), { method: 'POST', body: 'nope', headers: { Origin: partner } });
      assert.equal(error.headers.get('access-control-allow-origin'), partner);
    });
    await withServer({ rateLimit: { max: 1, windowMs: MINUTE } }, async (server) => {
      const headers = { Origin: partner };
      const created = await postComment(server.url(), {}, { headers });
      assert.equal(created.headers.get('access-control-allow-origin'), '*');
      assert.equal(created.headers.get('vary'), null);
      const limited = await postComment(server.url(), {}, { headers });
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('access-control-allow-origin'), '*');
      assert.equal(limited.headers.get('access-control-expose-headers'), 'Retry-After');
    });
  });
});

describe('privacy', () => {
  it('never sends an email back, in any answer', async () => {
    // call() fails on any body containing an address at the test domain; this walks the
    // answers that carry comments once more, explicitly.
    await withServer({ holdFirstTime: true }, async (server) => {
      const headers = { 'Idempotency-Key': 'k' };
      const token = await tokenFor(server.url());
      const bodies = [
        (await call(server.url(), { method: 'POST', body: submission(token, { text: 'a' }), headers })).text,
        (await call(server.url(), { method: 'POST', body: submission(token, { text: 'a' }), headers })).text,
        (await call(server.url(), { method: 'POST', body: submission(token, { text: 'a' }) })).text,
      ];
      await server.comments.store.setStatus((await server.sql('SELECT id FROM comments')).map((row) => String(row.id)), 'approved');
      bodies.push((await call(server.url())).text);
      for (const body of bodies) {
        assert.ok(!body.includes('anna@'), body);
        assert.ok(!body.includes('email'), body);
      }
    });
  });
});

sqliteOnly('demo seed', () => {
  it('seeds the demo article once, in four languages, with a reply thread', async () => {
    await withServer({}, async (server) => {
      assert.equal(seedDemoComments(server.comments, { now: START }), 6);
      assert.equal(seedDemoComments(server.comments, { now: START }), 0);
      const { json } = await call(server.url(DEMO_ARTICLE_ID));
      assert.equal(json.total, 6);
      assert.ok(json.comments.some((comment) => comment.parent !== null));
      const all = json.comments.map((comment) => comment.text).join('\n');
      for (const sample of [/[ā-ž]/, /[åäö]/, /[\u10D0-\u10FF]/, /\bthe\b/]) assert.match(all, sample);
    });
  });

  it('refuses unknown options, so a typo does not silently use a default', () => {
    assert.throws(() => createCommentServer({ holdFirsTime: true }), /unknown option "holdFirsTime"/);
  });
});
