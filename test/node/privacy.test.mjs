// Privacy of the demo, as a reader's browser sees it: every page of demo/ makes requests
// to its own origin only (no fonts, avatars, analytics or images from elsewhere) and
// sets no cookie. Needs `npm run build` first (npm test does it): the demo loads the
// built bundle.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import puppeteer from 'puppeteer-core';
import { startDemoServer } from '../../demo/server.mjs';
import { CHROME_ARGS, findChrome } from '../../scripts/find-chrome.mjs';

const PAGES = readdirSync(new URL('../../demo/', import.meta.url)).filter((name) => name.endsWith('.html'));

describe('the demo and privacy', () => {
  let demo;
  let browser;

  before(async () => {
    demo = await startDemoServer({ port: 0, dbPath: ':memory:' });
    browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS });
  });

  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  for (const name of PAGES) {
    const path = name === 'index.html' ? 'demo/' : `demo/${name}`;
    it(`${path} requests nothing from another origin and sets no cookie`, async () => {
      const origin = new URL(demo.url).origin;
      const context = await browser.createBrowserContext();
      try {
        const page = await context.newPage();
        const requests = [];
        const setCookies = [];
        page.on('request', (request) => requests.push(request.url()));
        page.on('response', (response) => {
          const header = response.headers()['set-cookie'];
          if (header) setCookies.push(`${response.url()}: ${header}`);
        });
        // The demo shows the loading state with a request that never ends: idle means at
        // most that one still open.
        const idle = () => page.waitForNetworkIdle({ idleTime: 300, concurrency: 1 });
        await page.goto(`${demo.url}${path}`, { waitUntil: 'load' });
        await idle();
        // Lazy cards and images load near the viewport: take the reader to the bottom.
        await page.evaluate(async () => {
          for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
            scrollTo(0, y);
            await new Promise(requestAnimationFrame);
          }
        });
        await idle();

        assert.ok(requests.length > 1, 'the page loaded its resources');
        if (name === 'index.html') {
          // The widgets ran: article JSON and the comments API were asked for, from here.
          assert.ok(requests.some((url) => url.includes('/demo/articles/')), 'article requests');
          assert.ok(requests.some((url) => url.includes('/api/articles/')), 'comment requests');
        }
        const foreign = requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin);
        assert.deepEqual(foreign, [], `requests to other origins from ${path}`);
        assert.deepEqual(setCookies, [], 'Set-Cookie headers');
        assert.deepEqual(await page.cookies(), [], 'cookies in the browser');
        assert.equal(await page.evaluate(() => document.cookie), '');
      } finally {
        await context.close();
      }
    });
  }
});
