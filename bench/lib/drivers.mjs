// One interface over the three engines' drivers, for measurements that run inside the page
// and so need nothing from a driver but navigation and script evaluation:
//   Chromium  puppeteer-core over CDP
//   Firefox   puppeteer-core over WebDriver BiDi (Debian's firefox-esr)
//   WebKit    webdriverio over WebDriver classic, WebKitWebDriver + MiniBrowser under Xvfb
// Every page starts from empty state: a new browser context (Chromium, Firefox) or a new
// WebDriver session, whose MiniBrowser uses an ephemeral data store (WebKit).
import puppeteer from 'puppeteer-core';
import { remote } from 'webdriverio';
import { CHROME_ARGS } from '../../scripts/find-chrome.mjs';
import { findEngine } from '../../scripts/browsers.mjs';
import { firefoxPrefs } from '../../scripts/launchers.mjs';
import { startWebKitDriver, webKitCapabilities } from '../../scripts/webkit-driver.mjs';

export const ENGINE_LABELS = { chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit' };

/**
 * @typedef {object} BenchPage
 * @property {(url: string) => Promise<unknown>} goto navigates and waits for the load event
 * @property {<A, R>(fn: (arg: A) => R | Promise<R>, arg?: A) => Promise<R>} evaluate runs `fn(arg)`
 *   in the page (`fn` is sent as source: no closures) and resolves with its result
 *
 * @typedef {object} BenchEngine
 * @property {string} version
 * @property {<R>(fn: (page: BenchPage) => Promise<R>) => Promise<R>} withPage runs `fn` on a
 *   fresh page and closes it after
 * @property {() => Promise<void>} close
 */

/**
 * Starts `engine` (`chromium`, `firefox` or `webkit`) with pages of `viewport`'s size.
 * `onPageError(message)` hears uncaught page errors and console errors where the driver
 * reports them (not over WebDriver classic: a WebKit page that throws fails its sample).
 * @returns {Promise<BenchEngine>}
 */
export async function launchEngine(engine, { viewport, onPageError = () => {} }) {
  const found = findEngine(engine);
  if (!found) throw new Error(`${ENGINE_LABELS[engine] ?? engine} is not installed`);
  return engine === 'webkit' ? webkit(viewport) : puppeteerEngine(engine, found, viewport, onPageError);
}

async function puppeteerEngine(engine, found, viewport, onPageError) {
  const browser = await puppeteer.launch(
    engine === 'chromium'
      ? {
          executablePath: found.executable,
          headless: true,
          defaultViewport: viewport,
          // CHROME_ARGS also turn off background throttling: nothing may be throttled while measured.
          args: [...CHROME_ARGS, `--window-size=${viewport.width},${viewport.height}`],
        }
      : { browser: 'firefox', executablePath: found.executable, headless: true, defaultViewport: viewport, extraPrefsFirefox: firefoxPrefs() },
  );
  return {
    version: await browser.version(),
    async withPage(fn) {
      const context = await browser.createBrowserContext();
      try {
        const page = await context.newPage();
        page.on('pageerror', (error) => onPageError(error.message));
        page.on('console', (msg) => {
          if (msg.type() === 'error') onPageError(msg.text());
        });
        return await fn({
          goto: (url) => page.goto(url, { waitUntil: 'load' }),
          evaluate: (f, arg) => page.evaluate(f, arg),
        });
      } finally {
        await context.close();
      }
    },
    close: () => browser.close(),
  };
}

async function webkit(viewport) {
  const driver = await startWebKitDriver();
  // MiniBrowser's window is taller than its page by its toolbar: learnt on the first page.
  let toolbar = 0;
  let version = '';
  const open = async () => {
    const session = await remote({ hostname: '127.0.0.1', port: driver.port, logLevel: 'error', connectionRetryTimeout: 60_000, capabilities: webKitCapabilities() });
    version ||= `WebKitGTK/${session.capabilities.browserVersion} (MiniBrowser)`;
    await session.setTimeout({ script: 60_000, pageLoad: 60_000 });
    await session.setWindowSize(viewport.width, viewport.height + toolbar);
    const height = await session.execute(() => innerHeight);
    if (height !== viewport.height) {
      toolbar += viewport.height - height;
      await session.setWindowSize(viewport.width, viewport.height + toolbar);
    }
    return session;
  };
  // WebDriver classic: an asynchronous script reports through the callback it is given last.
  const evaluate = async (session, f, arg) => {
    const result = await session.executeAsync(
      `const done = arguments[arguments.length - 1];
       Promise.resolve(arguments[0]).then((arg) => (${f})(arg)).then(
         (value) => done({ value }),
         (error) => done({ error: String((error && error.stack) || error) }),
       );`,
      arg,
    );
    if (result?.error) throw new Error(result.error);
    return result?.value;
  };
  await (await open()).deleteSession();
  return {
    get version() {
      return version;
    },
    async withPage(fn) {
      const session = await open();
      try {
        return await fn({ goto: (url) => session.url(url), evaluate: (f, arg) => evaluate(session, f, arg) });
      } finally {
        await session.deleteSession().catch(() => {});
      }
    },
    close: () => driver.stop(),
  };
}
