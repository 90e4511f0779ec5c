// Privacy of the demo, as a reader's browser sees it, in each engine (LAPA_BROWSERS picks
// them): every page of demo/ makes requests to its own origin only (no fonts, avatars,
// analytics or images from elsewhere) and sets no cookie. Needs `npm run build` first (npm
// test does it): the demo loads the built bundle.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { demoInEngine } from '../support/demo-in-engine.mjs';
import { engines, ENGINE_LABELS } from '../support/drivers.mjs';

const PAGES = readdirSync(new URL('../../demo/', import.meta.url)).filter((name) => name.endsWith('.html'));

for (const engine of engines()) {
  describe(`the demo and privacy, in ${ENGINE_LABELS[engine]}`, { timeout: 60_000 }, () => {
    const session = demoInEngine(engine);

    for (const name of PAGES) {
      const path = name === 'index.html' ? 'demo/' : `demo/${name}`;
      it(`${path} requests nothing from another origin and sets no cookie`, () =>
        session.browser.withPage(async (page) => {
          const { demo } = session;
          const origin = new URL(demo.url).origin;
          // The demo shows the loading state with a request that never ends: idle means at
          // most that one still open.
          const idle = () => page.waitForNetworkIdle({ idleTime: 300, concurrency: 1 });
          await page.goto(`${demo.url}${path}`);
          await idle();
          // Lazy cards and images load near the viewport: take the reader to the bottom.
          await page.evaluate(async () => {
            for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
              scrollTo(0, y);
              await new Promise(requestAnimationFrame);
            }
          });
          await idle();

          // Every request the engine made: the driver's network events (Chromium, Firefox) or
          // the WebKit session's logging proxy, which sees failed and foreign loads too.
          const requests = page.requests.map((r) => r.url);
          assert.ok(requests.length > 1, 'the page loaded its resources');
          if (name === 'index.html') {
            // The widgets ran: article JSON and the comments API were asked for, from here.
            assert.ok(requests.some((url) => url.includes('/demo/articles/')), 'article requests');
            assert.ok(requests.some((url) => url.includes('/api/articles/')), 'comment requests');
          }
          const foreign = (urls) => urls.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin);
          assert.deepEqual(foreign(requests), [], `requests to other origins from ${path}`);
          // The page's own account of what it loaded, in every engine alike.
          const resources = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
          assert.ok(resources.length > 0, 'resource timing lists the page’s loads');
          assert.deepEqual(foreign(resources), [], `resources from other origins in ${path}`);

          const setCookies = page.responses.filter((r) => r.headers['set-cookie']).map((r) => `${r.url}: ${r.headers['set-cookie']}`);
          assert.ok(page.responses.length > 1, 'responses were seen');
          assert.deepEqual(setCookies, [], 'Set-Cookie headers');
          assert.deepEqual(await page.cookies(), [], 'cookies in the browser');
          assert.equal(await page.evaluate(() => document.cookie), '');
        }));
    }
  });
}
