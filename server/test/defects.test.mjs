// The defects an attack run found in the old reference server (issue 15, numbered as
// there), each shown fixed over real HTTP. Connection limits and timeouts (defect 2) are
// in connections.test.mjs; the CLI's output escaping, --origin and file modes in
// cli-serve.test.mjs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMAIL_DOMAIN, assertValid, call, postComment, startServer, submission, tokenFor, withServer } from './support/comments-api.mjs';
import { createCommentServer } from '../lib/routes.mjs';

const MINUTE = 60_000;
const LIMIT = 512 * 1024;
const GEORGIAN = 'აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ';
const georgian = (n) => Array.from({ length: n }, (_, i) => GEORGIAN[i % GEORGIAN.length]).join('');

/** A request that seems to come from `address`, through a proxy on loopback we trust. */
const from = (address) => ({ headers: { 'X-Forwarded-For': address } });

describe('1: a page stays within 512 KB whatever the threads', () => {
  for (const [how, options] of [['read in one query', {}], ['walked', { skeletonMaxReplies: 0, walkBatch: 7 }]]) it(`pages the replies of a 2.1 MB thread with their own cursor, and loses none (${how})`, async () => {
    await withServer(options, async (server) => {
      const root = server.comments.insertComment({ articleId: 'a1', name: 'Nino', text: georgian(4990) });
      const replies = [];
      let parent = root;
      for (let i = 0; i < 140; i++) {
        // Half nested, half flat: depth-first order must survive the cut.
        const id = server.comments.insertComment({ articleId: 'a1', parent: i % 2 ? parent : root, name: `R${i}`, text: georgian(4990), date: new Date(Date.UTC(2026, 2, 1, 10, i + 1)) });
        if (i % 2) parent = id;
        replies.push(id);
      }
      server.comments.insertComment({ articleId: 'a1', name: 'Later', text: 'A second thread.', date: new Date(Date.UTC(2026, 2, 2)) });

      const first = await call(server.url());
      assert.ok(Buffer.byteLength(first.text) <= LIMIT, `first page is ${Buffer.byteLength(first.text)} bytes`);
      assert.equal(first.json.comments[0].id, root);
      assert.equal(first.json.total, 142);
      const more = first.json.comments[0].replies_next;
      assert.match(more, /\?thread=\d+&after=\d+$/);
      assert.ok(first.json.comments.length > 1, 'the thread starts on the first page');
      assert.ok(first.json.next, 'the second thread is on a next page');

      const seen = first.json.comments.slice(1).map((c) => c.id);
      for (let url = more, guard = 0; url; guard++) {
        assert.ok(guard < 20, 'the reply links come to an end');
        const part = await call(url);
        assert.ok(Buffer.byteLength(part.text) <= LIMIT);
        assert.ok(part.json.comments.length > 0);
        seen.push(...part.json.comments.map((c) => c.id));
        url = part.json.next;
      }
      const expected = (await server.comments.store.threadReplies([root])).length;
      assert.equal(expected, 140);
      assert.equal(seen.length, 140, 'every reply exactly once');
      assert.equal(new Set(seen).size, 140);
      assert.deepEqual([...seen].sort(), [...replies].sort());
      const second = await call(first.json.next);
      assert.deepEqual(second.json.comments.map((c) => c.author.name), ['Later']);
    });
  });

  it('cuts a page of 100 maximal top-level comments at the budget and continues with next', async () => {
    await withServer({}, async (server) => {
      const url = `https://example.org/${'u'.repeat(1980)}`;
      for (let i = 0; i < 100; i++) {
        server.comments.insertComment({ articleId: 'big', name: georgian(100), url, text: georgian(5000), date: new Date(Date.UTC(2026, 2, 1, 0, i)) });
      }
      const names = [];
      let pages = 0;
      for (let next = server.url('big', '?per_page=100'); next; pages++) {
        const page = await call(next);
        assert.ok(Buffer.byteLength(page.text) <= LIMIT, `page ${pages + 1} is ${Buffer.byteLength(page.text)} bytes`);
        names.push(...page.json.comments.map((c) => c.date));
        next = page.json.next;
      }
      assert.ok(pages >= 4, `${pages} pages`);
      assert.equal(names.length, 100);
      assert.equal(new Set(names).size, 100);
    });
  });

  it('answers an unknown or foreign thread with an empty page', async () => {
    await withServer({}, async (server) => {
      const other = server.comments.insertComment({ articleId: 'other', name: 'O', text: 'elsewhere' });
      for (const query of [`?thread=${other}`, '?thread=999999', '?thread=abc&after=1']) {
        const { status, json } = await call(server.url('a1', query));
        assert.equal(status, 200);
        if (query.startsWith('?thread=abc')) continue; // malformed: the first page instead
        assert.deepEqual([json.comments, json.next], [[], null]);
      }
    });
  });
});

describe('3: the client address behind proxies', () => {
  const limit = { max: 1, windowMs: MINUTE };

  it('with a CIDR list takes the right-most untrusted hop, so rotating the header does not help', async () => {
    await withServer({ rateLimit: limit, trustProxy: '127.0.0.0/8, 10.0.0.0/8' }, async (server) => {
      assert.equal((await postComment(server.url(), {}, from('198.51.100.1, 203.0.113.5, 10.0.0.7'))).status, 201);
      // The reader rewrites what it sends; the proxies' part stays.
      const rotated = await postComment(server.url(), {}, from('198.51.100.99, 203.0.113.5, 10.0.0.7'));
      assert.equal(rotated.status, 429);
      assert.equal((await postComment(server.url(), {}, from('203.0.113.6, 10.0.0.7'))).status, 201, 'another reader has their own bucket');
    });
  });

  it('with a hop count gives readers behind CDN + nginx their own buckets', async () => {
    // The CDN appends the reader, nginx appends the CDN; nginx is our socket peer.
    await withServer({ rateLimit: limit, trustProxy: 2 }, async (server) => {
      assert.equal((await postComment(server.url(), {}, from('203.0.113.5, 192.0.2.10'))).status, 201);
      assert.equal((await postComment(server.url(), {}, from('203.0.113.6, 192.0.2.10'))).status, 201);
      assert.equal((await postComment(server.url(), {}, from('forged, 203.0.113.5, 192.0.2.10'))).status, 429);
    });
  });

  it('refuses a forwarded address that is not an IP address with 400 bad_request', async () => {
    await withServer({ trustProxy: 'loopback' }, async (server) => {
      for (const header of ['not-an-ip', '203.0.113.5, not-an-ip', '999.1.1.1']) {
        const { status, json } = await postComment(server.url(), {}, from(header));
        assert.equal(status, 400, header);
        assert.equal(json.error.code, 'bad_request');
      }
      // Left of the client's hop is the client's own word: not read, not refused.
      assert.equal((await postComment(server.url(), {}, from('not-an-ip, 203.0.113.5'))).status, 201);
    });
  });

  it('ignores X-Forwarded-Host unless it is one of the public hosts, even from a trusted proxy', async () => {
    await withServer({ trustProxy: 'loopback' }, async (server) => {
      server.comments.insertComment({ articleId: 'p', name: 'x', text: 'one' });
      server.comments.insertComment({ articleId: 'p', name: 'y', text: 'two' });
      const { json } = await call(server.url('p', '?per_page=1'), { headers: { 'X-Forwarded-Host': 'evil.example' } });
      assert.ok(json.next.startsWith(`${server.origin}/`), json.next);
    });
  });

  it('refuses a trust-proxy value that is neither a hop count nor addresses', () => {
    for (const trustProxy of ['10.0.0.0/33', 'example.org', '1.2.3.4/8/1']) {
      assert.throws(() => createCommentServer({ allowedOrigins: '*', trustProxy }), /trustProxy/);
    }
  });
});

describe('4: knowing an email neither approves a comment nor reveals one', () => {
  it('holds a comment with a known email from another network, and approves it from the known one', async () => {
    await withServer({ holdFirstTime: true, trustProxy: 'loopback' }, async (server) => {
      const email = `known@${EMAIL_DOMAIN}`;
      const first = await postComment(server.url(), { author_email: email, text: 'first' }, from('203.0.113.5'));
      assert.equal(first.json.status, 'pending');
      await server.comments.store.setStatus([first.json.comment.id], 'approved');
      const impostor = await postComment(server.url(), { author_email: email, text: 'I am them' }, from('198.51.100.7'));
      assert.equal(impostor.json.status, 'pending');
      const same = await postComment(server.url(), { author_email: email, text: 'me again' }, from('203.0.113.5'));
      assert.equal(same.json.status, 'approved');
    });
  });

  it('answers 409 duplicate only to the same commenter, not to anyone who knows the email', async () => {
    await withServer({ trustProxy: 'loopback' }, async (server) => {
      const email = `writer@${EMAIL_DOMAIN}`;
      const original = await postComment(server.url(), { author_email: email, text: 'A secret opinion.' }, from('203.0.113.5'));
      await server.comments.store.setStatus([original.json.comment.id], 'rejected');
      const probe = await postComment(server.url(), { author_email: email, text: 'A secret opinion.' }, from('198.51.100.7'));
      assert.equal(probe.status, 201, 'the probe learns nothing');
      const again = await postComment(server.url(), { author_email: email, text: 'a  secret opinion.' }, from('203.0.113.5'));
      assert.equal(again.status, 409);
    });
  });
});

describe('6: the cost of a request does not grow with the article', () => {
  it('answers ?count=1 with { total, open } from the maintained count, kept right through moderation', async () => {
    await withServer({}, async (server) => {
      const a = server.comments.insertComment({ articleId: 'a1', name: 'A', text: 'a' });
      const b = server.comments.insertComment({ articleId: 'a1', name: 'B', text: 'b', parent: a });
      server.comments.insertComment({ articleId: 'a1', name: 'C', text: 'c', parent: b });
      server.comments.insertComment({ articleId: 'a1', name: 'P', text: 'p', status: 'pending' });
      const count = async () => (await call(server.url('a1', '?count=1'), { schema: 'CountResponse' })).json;
      assert.deepEqual(await count(), { total: 3, open: true });
      await server.comments.store.setStatus([b], 'rejected');
      assert.deepEqual(await count(), { total: 1, open: true }, 'a rejected reply hides its replies from the count');
      await server.comments.store.setStatus([b], 'approved');
      await server.comments.store.deleteComments([a]);
      assert.deepEqual(await count(), { total: 2, open: true });
      server.comments.closeArticle('a1');
      assert.deepEqual(await count(), { total: 2, open: false });
      assert.equal((await call(server.url('a1'))).json.total, 2);
    });
  });

  it('finds duplicates, roots and counts through indexes, never by scanning an article', async () => {
    await withServer({}, async (server) => {
      const { sql } = server.comments.store;
      const plan = (name, args) =>
        server.comments.db.prepare(`EXPLAIN QUERY PLAN ${sql[name].source}`).all(...args).map((row) => row.detail).join('; ');
      for (const [name, args] of [['isDuplicate', ['a', 'b', 'c']], ['rootsAfter', ['a', 'b', 1, 20]], ['count', ['a']], ['isKnownAuthor', ['k']]]) {
        const detail = plan(name, args);
        assert.match(detail, /USING (COVERING )?INDEX|USING PRIMARY KEY/, `${name}: ${detail}`);
        assert.doesNotMatch(detail, /^SCAN|; SCAN/, `${name}: ${detail}`);
      }
    });
  });
});

describe('7: the body limit fits the largest valid submission', () => {
  it('accepts 5,000 Georgian letters, a 2,000-character URL and a 100-letter name, every character escaped', async () => {
    await withServer({}, async (server) => {
      const token = await tokenFor(server.url());
      // \uXXXX for every character: six bytes each, as a client may well send them.
      const esc = (text) => [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
      const fields = {
        author_name: georgian(100),
        author_email: `anna@${EMAIL_DOMAIN}`,
        author_url: `https://example.org/${'a'.repeat(2000 - 20)}`,
        text: georgian(5000),
      };
      const body = `{"parent":null,${Object.entries(fields).map(([k, v]) => `"${k}":"${esc(v)}"`).join(',')},"token":"${token}","website2":""}`;
      assert.ok(Buffer.byteLength(body) > 40_000, `${Buffer.byteLength(body)} bytes`);
      const { status, json } = await call(server.url(), { method: 'POST', body });
      assert.equal(status, 201, JSON.stringify(json));
      assert.equal(json.comment.text, georgian(5000));
    });
  });
});

describe('8 and 9: controls, bidi overrides and invisible text', () => {
  let server;
  let token;
  const refused = async (fields, field) => {
    const { status, json } = await call(server.url(), { method: 'POST', body: submission(token, fields) });
    assert.equal(status, 400, JSON.stringify(fields));
    assert.deepEqual([json.error.code, json.error.field], ['invalid_field', field]);
  };
  it('refuses C1 control characters in names and texts', async () => {
    server = await startServer();
    try {
      token = await tokenFor(server.url());
      await refused({ text: 'csi \u009b2J here' }, 'text');
      await refused({ text: 'next line \u0085' }, 'text');
      await refused({ author_name: 'Anna\u0090' }, 'author_name');
      await refused({ author_url: 'https://x.example/\u0085' }, 'author_url');
    } finally {
      await server.close();
    }
  });

  it('refuses bidi embeddings, overrides and isolates, and keeps the bidi marks', async () => {
    server = await startServer();
    try {
      token = await tokenFor(server.url());
      await refused({ text: 'download https://x.example/\u202Efdp.exe' }, 'text');
      await refused({ text: 'isolated \u2067x\u2069' }, 'text');
      await refused({ author_name: '\u202Enna' }, 'author_name');
      await refused({ author_url: 'https://x.example/\u202Efdp.exe' }, 'author_url');
      const marks = await postComment(server.url(), { author_name: 'שלום\u200F', text: 'עברית\u200E (123)' }, { token });
      assert.equal(marks.status, 201);
    } finally {
      await server.close();
    }
  });

  it('refuses names and texts made of zero-width characters only', async () => {
    server = await startServer();
    try {
      token = await tokenFor(server.url());
      await refused({ author_name: '\u200B\u200D\uFEFF' }, 'author_name');
      await refused({ text: '\u200B \u2060\n\u00AD' }, 'text');
      await refused({ author_name: '\u3164' }, 'author_name');
    } finally {
      await server.close();
    }
  });

  it('sees through a trailing zero-width space in the duplicate check', async () => {
    await withServer({}, async (s) => {
      assert.equal((await postComment(s.url(), { text: 'Labs raksts!' })).status, 201);
      assert.equal((await postComment(s.url(), { text: 'Labs raksts!\u200B' })).status, 409);
      assert.equal((await postComment(s.url(), { text: 'Labs\u200Craksts!' })).status, 409);
    });
  });
});

describe('10: deleted and erased comments are gone from Idempotency-Key replays', () => {
  for (const how of ['erase', 'delete']) {
    it(`answers a replay after ${how} afresh, without the comment`, async () => {
      await withServer({}, async (server) => {
        const headers = { 'Idempotency-Key': `key-${how}` };
        const created = await postComment(server.url(), { text: 'Please forget me.' }, { headers });
        assert.equal(created.status, 201);
        const replayed = await call(server.url(), { method: 'POST', body: submission('no token'), headers });
        assert.equal(replayed.headers.get('idempotent-replayed'), 'true');
        if (how === 'erase') await server.comments.store.eraseEmail(`anna@${EMAIL_DOMAIN}`);
        else await server.comments.store.deleteComments([created.json.comment.id]);
        const after = await call(server.url(), { method: 'POST', body: submission('no token'), headers });
        assert.equal(after.status, 400, 'processed as a new submission: its bad token is refused');
        assert.ok(!after.text.includes('Please forget me.'));
        assert.equal(server.comments.db.prepare('SELECT count(*) AS n FROM idempotency').get().n, 0);
      });
    });
  }
});

describe('11: nothing is open by default', () => {
  it('requires allowedOrigins', () => {
    assert.throws(() => createCommentServer({}), /allowedOrigins is required/);
  });

  it('refuses an article that was never opened, and serves one that was', async () => {
    await withServer({ articles: 'allowlist' }, async (server) => {
      const get = await call(server.url('never'));
      assert.deepEqual([get.status, get.json.error.code], [404, 'not_found']);
      const post = await call(server.url('never'), { method: 'POST', body: submission('x') });
      assert.equal(post.status, 404);
      server.comments.openArticle('opened');
      assert.equal((await postComment(server.url('opened'))).status, 201);
      server.comments.closeArticle('opened');
      const closed = await call(server.url('opened'));
      assert.deepEqual([closed.status, closed.json.open], [200, false]);
    });
  });
});

describe('client addresses', () => {
  it('keeps the address of a held comment only until the address retention period ends', async () => {
    await withServer({ holdAll: true, trustProxy: 'loopback', clientAddressRetentionMs: MINUTE }, async (server) => {
      const held = await postComment(server.url(), {}, from('203.0.113.9'));
      const address = () => server.comments.db.prepare('SELECT client_address FROM comments WHERE id = ?').get(Number(held.json.comment.id)).client_address;
      assert.equal(address(), '203.0.113.9');
      server.clock.now += 2 * MINUTE;
      await server.comments.purgeExpired();
      assert.equal(address(), null);
    });
    await withServer({ trustProxy: 'loopback' }, async (server) => {
      const published = await postComment(server.url(), {}, from('203.0.113.9'));
      assert.equal(server.comments.db.prepare('SELECT client_address FROM comments WHERE id = ?').get(Number(published.json.comment.id)).client_address, null);
    });
  });
});

describe('protocol v1.1 answers', () => {
  it('match the schema, replies_next included', async () => {
    await withServer({ maxPageBytes: 4096 + 2000 }, async (server) => {
      const root = server.comments.insertComment({ articleId: 'a1', name: 'R', text: 'root' });
      for (let i = 0; i < 10; i++) server.comments.insertComment({ articleId: 'a1', parent: root, name: `r${i}`, text: 'x'.repeat(200) });
      const page = await call(server.url());
      assertValid(page.json, 'ListResponse');
      assert.ok(page.json.comments[0].replies_next);
      const part = await call(page.json.comments[0].replies_next);
      assertValid(part.json, 'ListResponse');
    });
  });
});
