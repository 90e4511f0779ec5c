// The moderation page at /admin/: sign-in (scrypt, rate limited), the session cookie's
// attributes, CSRF refusals, and the page itself in each real engine (LAPA_BROWSERS picks
// them): sign in, see the held comments with their emails, approve one, in English and in
// Latvian.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createAdmin } from '../lib/admin.mjs';
import { hashPassword } from '../lib/cli.mjs';
import { createListener } from '../lib/http.mjs';
import { createCommentServer } from '../lib/routes.mjs';
import { SqliteStore } from '../lib/stores/sqlite.mjs';
import { pageLog, RECORDER } from '../../test/embed/browser.mjs';
import { engines, ENGINE_LABELS, launchEngine } from '../../test/support/drivers.mjs';
import { EMAIL_DOMAIN, postComment } from './support/comments-api.mjs';

const PASSWORD = 'correct horse battery staple';

async function startAdmin() {
  const store = new SqliteStore(':memory:');
  store.setMeta('admin_password', hashPassword(PASSWORD));
  const comments = createCommentServer({ store, allowedOrigins: '*', articles: 'any', proofOfWork: false, rateLimit: false, minSubmitMs: 0, holdAll: true, trustProxy: 'loopback' });
  const admin = createAdmin({ store, onError: (error) => console.error(error) });
  const listener = createListener((req, res) => {
    if (comments.handle(req, res) || admin.handle(req, res)) return;
    res.writeHead(404);
    res.end();
  });
  const { port } = await listener.listen(0, '127.0.0.1');
  const origin = `http://127.0.0.1:${port}`;
  const ids = {
    held: store.insertComment({ articleId: 'a1', name: 'Ilze', email: 'ilze@mail.test', url: 'https://ilze.example', text: 'Gaida apstiprinājumu.', status: 'pending' }),
    other: store.insertComment({ articleId: 'a2', name: 'Erik', email: 'erik@mail.test', text: 'Väntar också.', status: 'pending' }),
  };
  return {
    store,
    origin,
    ids,
    /** fetch against the server; same-origin headers unless told otherwise */
    request: (path, { method = 'GET', body, headers = {}, cookie } = {}) =>
      fetch(`${origin}${path}`, {
        method,
        headers: { Origin: origin, ...(body ? { 'Content-Type': 'application/json' } : {}), ...(cookie ? { Cookie: cookie } : {}), ...headers },
        body: body ? JSON.stringify(body) : undefined,
        redirect: 'manual',
      }),
    async close() {
      await listener.close();
      store.close();
    },
  };
}

describe('the moderation page', () => {
  let server;
  before(async () => {
    server = await startAdmin();
  });
  after(() => server.close());

  it('refuses the API until signed in', async () => {
    assert.equal((await server.request('/admin/api/comments')).status, 401);
    assert.equal((await server.request('/admin/api/moderate', { method: 'POST', body: { action: 'approve', ids: [server.ids.held] } })).status, 401);
  });

  it('signs in with the password only, with an HttpOnly SameSite=Strict cookie (Secure but on 127.0.0.1)', async () => {
    const wrong = await server.request('/admin/api/session', { method: 'POST', body: { password: 'guess' } });
    assert.equal(wrong.status, 401);
    const right = await server.request('/admin/api/session', { method: 'POST', body: { password: PASSWORD } });
    assert.equal(right.status, 200);
    const cookie = right.headers.get('set-cookie');
    assert.match(cookie, /^lapa_admin=[0-9]+\.[A-Za-z0-9_-]{43}; Path=\/admin; Max-Age=43200; HttpOnly; SameSite=Strict$/);
    // fetch cannot set Host; a plain request can, as a proxy would.
    const named = await new Promise((resolve, reject) => {
      const body = JSON.stringify({ password: PASSWORD });
      const req = httpRequest(`${server.origin}/admin/api/session`, { method: 'POST', headers: { Host: 'comments.example.org', Origin: 'https://comments.example.org', 'Content-Type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res);
      });
      req.on('error', reject);
      req.end(body);
    });
    assert.equal(named.statusCode, 200);
    assert.match(named.headers['set-cookie'][0], /; Secure$/, 'Secure everywhere but plain HTTP on 127.0.0.1');
  });

  it('refuses state changes without the CSRF token or from another origin', async () => {
    const signedIn = await server.request('/admin/api/session', { method: 'POST', body: { password: PASSWORD } });
    const cookie = signedIn.headers.get('set-cookie').split(';')[0];
    const { csrf } = await signedIn.json();
    const body = { action: 'reject', ids: [server.ids.other] };
    const noToken = await server.request('/admin/api/moderate', { method: 'POST', body, cookie });
    assert.equal(noToken.status, 403);
    const crossSite = await server.request('/admin/api/moderate', { method: 'POST', body, cookie, headers: { 'X-CSRF-Token': csrf, Origin: 'https://evil.example' } });
    assert.equal(crossSite.status, 403);
    const fetchMeta = await server.request('/admin/api/moderate', { method: 'POST', body, cookie, headers: { 'X-CSRF-Token': csrf, 'Sec-Fetch-Site': 'cross-site' } });
    assert.equal(fetchMeta.status, 403);
    const loginCsrf = await server.request('/admin/api/session', { method: 'POST', body: { password: PASSWORD }, headers: { Origin: 'https://evil.example' } });
    assert.equal(loginCsrf.status, 403);
    assert.equal(server.store.getComment(server.ids.other).status, 'pending', 'nothing changed');
    const forged = await server.request('/admin/api/comments', { cookie: cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) });
    assert.equal(forged.status, 401);
  });

  it('rate-limits failed sign-ins per client address', async () => {
    const own = await startAdmin();
    try {
      const statuses = [];
      for (let i = 0; i < 7; i++) statuses.push((await own.request('/admin/api/session', { method: 'POST', body: { password: `guess ${i}` } })).status);
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429]);
      const right = await own.request('/admin/api/session', { method: 'POST', body: { password: PASSWORD } });
      assert.equal(right.status, 429, 'even the right password waits');
    } finally {
      await own.close();
    }
  });

  it('shows where a held comment came from, and forgets it once the comment is moderated', async () => {
    const url = `${server.origin}/api/articles/a3/comments`;
    const posted = await postComment(url, { text: 'From somewhere.' }, { headers: { 'X-Forwarded-For': '203.0.113.44' } });
    assert.equal(posted.json.status, 'pending');
    const signedIn = await server.request('/admin/api/session', { method: 'POST', body: { password: PASSWORD } });
    const cookie = signedIn.headers.get('set-cookie').split(';')[0];
    const { csrf } = await signedIn.json();
    const listed = await (await server.request('/admin/api/comments', { cookie })).json();
    const row = listed.comments.find((c) => c.id === posted.json.comment.id);
    assert.equal(row.address, '203.0.113.44');
    assert.equal(row.email, `anna@${EMAIL_DOMAIN}`);
    const approved = await server.request('/admin/api/moderate', { method: 'POST', body: { action: 'approve', ids: [row.id] }, cookie, headers: { 'X-CSRF-Token': csrf } });
    assert.equal(approved.status, 200);
    assert.equal(server.store.db.prepare('SELECT client_address FROM comments WHERE id = ?').get(Number(row.id)).client_address, null);
  });

  it('serves the page under a strict CSP', async () => {
    const page = await server.request('/admin/');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy'), /script-src 'self' 'sha256-[A-Za-z0-9+/=]+';/);
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
    assert.match(await page.text(), /<lapa-admin><\/lapa-admin>/);
    assert.equal((await server.request('/admin/vendor/lit/../../../package.json')).status, 404);
  });
});

for (const engine of engines()) {
  describe(`the moderation page in ${ENGINE_LABELS[engine]}`, () => {
    let server;
    let browser;
    before(async () => {
      [server, browser] = await Promise.all([startAdmin(), launchEngine(engine)]);
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    for (const [lang, signIn, approve] of [
      ['en', 'Sign in', 'Approve'],
      ['lv', 'Ienākt', 'Apstiprināt'],
    ]) {
      it(`signs in, lists held comments with their emails, rejects many and approves one (${lang})`, { timeout: 60_000 }, () =>
        browser.withPage(
          async (page) => {
            await page.goto(`${server.origin}/admin/`);
            const inShadow = (selector) => page.waitFor((s) => document.querySelector('lapa-admin')?.shadowRoot?.querySelector(s), { args: [selector] });
            const textIn = (selector) => page.evaluate((s) => document.querySelector('lapa-admin').shadowRoot.querySelector(s).textContent.trim(), selector);
            await inShadow('form button');
            assert.equal(await textIn('form button'), signIn);
            await page.type('lapa-admin', 'input[name=password]', PASSWORD);
            await page.click('lapa-admin', 'form button');
            await inShadow(`tr[data-id="${server.ids.held}"]`);
            const emails = await page.evaluate(() => [...document.querySelector('lapa-admin').shadowRoot.querySelectorAll('td.email')].map((c) => c.textContent));
            assert.ok(emails.includes('ilze@mail.test'), emails.join());
            if (lang === 'en') {
              // Many at once: select all, then the toolbar's Reject.
              await page.evaluate(() => {
                const root = document.querySelector('lapa-admin').shadowRoot;
                root.querySelector('thead input[type=checkbox]').click();
              });
              await page.waitFor(() => [...document.querySelector('lapa-admin').shadowRoot.querySelectorAll('tbody input[type=checkbox]')].every((box) => box.checked));
              await page.evaluate(() => {
                const toolbar = document.querySelector('lapa-admin').shadowRoot.querySelector('.tools [role=group]');
                [...toolbar.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Reject').click();
              });
              await page.waitFor(() => document.querySelector('lapa-admin').shadowRoot.querySelectorAll('tbody tr').length === 0);
              assert.equal(server.store.getComment(server.ids.held).status, 'rejected');
              assert.equal(server.store.getComment(server.ids.other).status, 'rejected');
              // Back to held, for the next language's run.
              server.store.setStatus([server.ids.held, server.ids.other], 'pending');
            }
            if (lang === 'lv') {
              const row = `tr[data-id="${server.ids.held}"] button`;
              await inShadow(row);
              assert.equal(await textIn(row), approve);
              await page.click('lapa-admin', row);
              await page.waitFor((id) => !document.querySelector('lapa-admin').shadowRoot.querySelector(`tr[data-id="${id}"]`), { args: [server.ids.held] });
              assert.equal(server.store.getComment(server.ids.held).status, 'approved');
              assert.equal(server.store.count('a1'), 1);
            }
            // The in-page recorder hears every engine; Chromium and Firefox only: the driver's
            // own console and error events, which WebDriver classic (WebKit) does not have.
            const log = await pageLog(page);
            assert.deepEqual(
              { violations: log.violations, errors: log.errors, consoleErrors: [...log.consoleErrors, ...(page.consoleErrors ?? [])] },
              { violations: [], errors: [], consoleErrors: [] },
            );
          },
          // A reader's browser language, sent as browsers send it; the recorder before the page's scripts.
          { headers: { 'Accept-Language': lang }, initScript: RECORDER },
        ));
    }
  });
}
