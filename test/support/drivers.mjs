// One page driver over the three engines, for the Node-side tests that open real top-level
// pages (strict CSP, privacy, the moderation page) and for the benchmarks:
//   Chromium  puppeteer-core over CDP
//   Firefox   puppeteer-core over WebDriver BiDi (Debian's firefox-esr)
//   WebKit    webdriverio over WebDriver classic, WebKitWebDriver + MiniBrowser under Xvfb
// Every page starts from empty state: a new browser context (Chromium, Firefox) or a new
// WebDriver session, whose MiniBrowser uses an ephemeral data store (WebKit).
//
// WebDriver classic has no network, console or page-error events. So that a test can still
// see every request a WebKit page makes (other origins too: resource timing leaves out loads
// that fail, and on an offline machine every foreign load fails), the session's proxy is a
// small logging proxy on 127.0.0.1: it forwards requests for loopback origins, refuses all
// others (https ones too), records both, adds a page's extra request headers, and can put an init script
// first in each HTML document (where puppeteer uses evaluateOnNewDocument). Console and page
// errors stay unobserved there: a test reads them from an in-page recorder instead.
import { createServer, request as httpRequest } from 'node:http';
import puppeteer from 'puppeteer-core';
import { remote } from 'webdriverio';
import { CHROME_ARGS } from '../../scripts/find-chrome.mjs';
import { findEngine, parseBrowsers } from '../../scripts/browsers.mjs';
import { firefoxPrefs, VIEWPORT } from '../../scripts/launchers.mjs';
import { startWebKitDriver, webKitCapabilities } from '../../scripts/webkit-driver.mjs';

export const ENGINE_LABELS = { chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit' };

/** The engines to run in: LAPA_BROWSERS (a comma list, set by `npm test -- --browsers=…`), else all three. */
export const engines = (env = process.env) => parseBrowsers([], env);

/**
 * @typedef {{ url: string, method: string }} SeenRequest
 * @typedef {{ url: string, status: number, headers: Record<string, string> }} SeenResponse
 *
 * @typedef {object} DriverPage
 * @property {(url: string) => Promise<SeenResponse | undefined>} goto navigates, waits for the
 *   load event and resolves with the document's response (header names in lower case)
 * @property {<R>(fn: (...args: any[]) => R | Promise<R>, ...args: any[]) => Promise<R>} evaluate runs
 *   `fn(...args)` in the page (`fn` is sent as source: no closures) and resolves with its result
 * @property {(fn: (...args: any[]) => unknown, options?: { timeout?: number, args?: any[] }) => Promise<void>} waitFor
 *   waits until `fn(...args)` is truthy in the page
 * @property {(host: string, selector: string, text: string) => Promise<void>} type types, key by
 *   key, into the first `selector` in the shadow trees under the first `host`
 * @property {(host: string, selector: string) => Promise<void>} click clicks it as a pointer would
 * @property {(options?: { idleTime?: number, concurrency?: number }) => Promise<void>} waitForNetworkIdle
 *   resolves once at most `concurrency` requests have been open for `idleTime` ms
 * @property {() => Promise<{ name: string }[]>} cookies every cookie the browser holds for the page
 * @property {SeenRequest[]} requests every request the page made, in order (WebKit cannot name the
 *   host of an https load: it is logged as https://an-https-origin.invalid/)
 * @property {SeenResponse[]} responses every response it got
 * @property {string[] | null} consoleErrors console errors and uncaught errors, or null where
 *   the driver cannot hear them (WebDriver classic)
 *
 * @typedef {object} PageOptions
 * @property {Record<string, string>} [headers] extra request headers for every request
 * @property {string} [initScript] source run first in every document, before the page's scripts
 *
 * @typedef {object} DriverEngine
 * @property {string} engine
 * @property {string} label
 * @property {string} version
 * @property {<R>(fn: (page: DriverPage) => Promise<R>, options?: PageOptions) => Promise<R>} withPage
 *   runs `fn` on a fresh page and closes it after
 * @property {() => Promise<void>} close
 */

/**
 * Starts `engine` (`chromium`, `firefox` or `webkit`). `onPageError(message)` hears uncaught
 * page errors and console errors where the driver reports them (not over WebDriver classic).
 * `observeNetwork: false` leaves out WebKit's logging proxy (for measurements: it would add
 * a hop to every request); such pages have empty `requests` and `responses`.
 * @returns {Promise<DriverEngine>}
 */
export async function launchEngine(engine, { viewport = VIEWPORT, onPageError = () => {}, observeNetwork = true } = {}) {
  const found = findEngine(engine);
  if (!found) throw new Error(`${ENGINE_LABELS[engine] ?? engine} is not installed`);
  return engine === 'webkit' ? webkit(viewport, observeNetwork) : puppeteerEngine(engine, found, viewport, onPageError);
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
    engine,
    label: ENGINE_LABELS[engine],
    version: await browser.version(),
    async withPage(fn, { headers, initScript } = {}) {
      const context = await browser.createBrowserContext();
      try {
        const page = await context.newPage();
        /** @type {SeenRequest[]} */
        const requests = [];
        /** @type {SeenResponse[]} */
        const responses = [];
        const consoleErrors = [];
        page.on('request', (r) => requests.push({ url: r.url(), method: r.method() }));
        page.on('response', (r) => responses.push({ url: r.url(), status: r.status(), headers: r.headers() }));
        page.on('pageerror', (error) => {
          consoleErrors.push(String(error));
          onPageError(error.message);
        });
        page.on('console', (message) => {
          if (message.type() !== 'error') return;
          const where = message.location()?.url;
          consoleErrors.push(`${message.text()}${where ? ` (${where})` : ''}`);
          onPageError(message.text());
        });
        if (headers) await page.setExtraHTTPHeaders(headers);
        if (initScript) await page.evaluateOnNewDocument(initScript);
        const deep = (host, selector) => `${host} >>> ${selector}`;
        const element = async (host, selector) => {
          const handle = await page.$(deep(host, selector));
          if (!handle) throw new Error(`no ${selector} under ${host}`);
          return handle;
        };
        return await fn({
          async goto(url) {
            const response = await page.goto(url, { waitUntil: 'load' });
            return response ? { url: response.url(), status: response.status(), headers: response.headers() } : undefined;
          },
          evaluate: (f, ...args) => page.evaluate(f, ...args),
          waitFor: async (f, { timeout = 5000, args = [] } = {}) => {
            await page.waitForFunction(f, { timeout }, ...args);
          },
          type: async (host, selector, text) => (await element(host, selector)).type(text),
          click: async (host, selector) => (await element(host, selector)).click(),
          waitForNetworkIdle: ({ idleTime = 300, concurrency = 0 } = {}) => page.waitForNetworkIdle({ idleTime, concurrency }),
          cookies: () => page.cookies(),
          requests,
          responses,
          consoleErrors,
        });
      } finally {
        await context.close();
      }
    },
    close: () => browser.close(),
  };
}

/** The first element matching `selector` in the shadow trees under the first `host` (runs in the page). */
function findDeep(host, selector) {
  const roots = [document.querySelector(host)?.shadowRoot].filter(Boolean);
  while (roots.length) {
    const root = roots.shift();
    const hit = root.querySelector(selector);
    if (hit) return hit;
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
  }
  return null;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const INIT_PATH = '/__lapa-driver/init.js';

/**
 * The logging proxy of one WebKit page: forwards loopback requests, refuses every other
 * origin (http and CONNECT), and records what passed. Where `initScript` is given, HTML
 * documents get `<script src="/__lapa-driver/init.js">` first in their head: same-origin and
 * external, so a strict policy (script-src 'self') allows it.
 */
async function startPageProxy({ headers = {}, initScript } = {}) {
  /** @type {SeenRequest[]} */
  const requests = [];
  /** @type {SeenResponse[]} */
  const responses = [];
  let open = 0;
  let lastChange = Date.now();
  const change = (delta) => {
    open += delta;
    lastChange = Date.now();
  };
  const sockets = new Set();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/');
    requests.push({ url: url.href, method: req.method ?? 'GET' });
    if (!LOOPBACK.has(url.hostname)) {
      res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end('another origin: refused by the test proxy');
      return;
    }
    if (initScript && url.pathname === INIT_PATH) {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(initScript);
      return;
    }
    change(1);
    let done = false;
    const finish = () => {
      if (!done) change(-1);
      done = true;
    };
    res.on('close', finish);
    const outgoing = { ...req.headers, ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])) };
    delete outgoing['proxy-connection'];
    // Plain bodies, so that an HTML document can take the init script.
    delete outgoing['accept-encoding'];
    const forward = httpRequest(url, { method: req.method, headers: outgoing }, (answer) => {
      const seen = Object.fromEntries(Object.entries(answer.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join('\n') : String(v)]));
      responses.push({ url: url.href, status: answer.statusCode ?? 0, headers: seen });
      const html = /^text\/html\b/i.test(answer.headers['content-type'] ?? '');
      if (!initScript || !html) {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        return;
      }
      const chunks = [];
      answer.on('data', (chunk) => chunks.push(chunk));
      answer.on('end', () => {
        const tag = `<script src="${INIT_PATH}"></script>`;
        const body = Buffer.concat(chunks).toString('utf8');
        const withInit = /<head[^>]*>/i.test(body) ? body.replace(/<head[^>]*>/i, (m) => m + tag) : tag + body;
        const out = { ...answer.headers };
        delete out['content-length'];
        res.writeHead(answer.statusCode ?? 502, out);
        res.end(withInit);
      });
    });
    forward.on('error', () => res.destroy());
    res.on('close', () => forward.destroy());
    req.pipe(forward);
  });
  server.on('connect', (req, socket) => {
    requests.push({ url: `https://${req.url}/`, method: 'CONNECT' });
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  // WebKitGTK speaks TLS to an sslProxy given as host:port, so an https load arrives as a
  // ClientHello whose target host is sealed inside: recorded under a stand-in name. The
  // test servers are plain http, so any https load is another origin's.
  server.on('clientError', (error, socket) => {
    if (error.rawPacket?.[0] === 0x16) requests.push({ url: 'https://an-https-origin.invalid/', method: 'TLS' });
    socket.destroy();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${server.address().port}`,
    requests,
    responses,
    /** Resolves once at most `concurrency` requests have been open for `idleTime` ms. */
    async idle({ idleTime = 300, concurrency = 0, timeout = 30_000 } = {}) {
      const deadline = Date.now() + timeout;
      for (;;) {
        const quiet = open <= concurrency ? Date.now() - lastChange : 0;
        if (quiet >= idleTime) return;
        if (Date.now() > deadline) throw new Error(`network not idle within ${timeout} ms (${open} open)`);
        await new Promise((resolve) => setTimeout(resolve, Math.max(20, idleTime - quiet)));
      }
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * WebDriver classic: an asynchronous script reports through the callback it is given last.
 * `session` is a webdriverio browser; `fn` is sent as source.
 */
export async function evaluateIn(session, fn, args = []) {
  const result = await session.executeAsync(
    `const done = arguments[arguments.length - 1];
     Promise.resolve().then(() => (${fn})(...arguments[0])).then(
       (value) => done({ value }),
       (error) => done({ error: String((error && error.stack) || error) }),
     );`,
    args,
  );
  if (result?.error) throw new Error(result.error);
  return result?.value;
}

async function webkit(viewport, observeNetwork) {
  const driver = await startWebKitDriver();
  // MiniBrowser's window is taller than its page by its toolbar: learnt on the first page.
  let toolbar = 0;
  let version = '';
  const open = async (proxy) => {
    const capabilities = webKitCapabilities();
    if (proxy) capabilities.proxy = { proxyType: 'manual', httpProxy: proxy.address, sslProxy: proxy.address };
    const session = await remote({ hostname: '127.0.0.1', port: driver.port, logLevel: 'error', connectionRetryTimeout: 60_000, capabilities });
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
  try {
    await (await open()).deleteSession();
  } catch (error) {
    await driver.stop();
    throw error;
  }
  return {
    engine: 'webkit',
    label: ENGINE_LABELS.webkit,
    get version() {
      return version;
    },
    async withPage(fn, { headers, initScript } = {}) {
      if (!observeNetwork && (headers || initScript)) throw new Error('extra headers and init scripts need the logging proxy (observeNetwork)');
      const proxy = observeNetwork ? await startPageProxy({ headers, initScript }) : undefined;
      let session;
      try {
        session = await open(proxy);
        const evaluate = (f, ...args) => evaluateIn(session, f, args);
        const element = async (host, selector) => {
          const ref = await session.execute(`return (${findDeep})(arguments[0], arguments[1])`, host, selector);
          if (!ref) throw new Error(`no ${selector} under ${host}`);
          return session.$(ref);
        };
        return await fn({
          async goto(url) {
            await session.url(url);
            const href = await session.getUrl();
            return proxy?.responses.findLast((r) => r.url === href || r.url === url);
          },
          evaluate,
          // Polled in the page, so a wait is one round trip. The condition travels as script
          // source the driver compiles: a page's policy forbids eval, so the page must not.
          async waitFor(f, { timeout = 5000, args = [] } = {}) {
            const result = await session.executeAsync(
              `const done = arguments[arguments.length - 1];
               const test = (${f});
               const deadline = performance.now() + arguments[1];
               (async () => {
                 while (!(await test(...arguments[0]))) {
                   if (performance.now() > deadline) throw new Error('timed out after ' + arguments[1] + ' ms');
                   await new Promise((resolve) => setTimeout(resolve, 20));
                 }
               })().then(() => done({}), (error) => done({ error: String(error) }));`,
              args,
              timeout,
            );
            if (result?.error) throw new Error(`waiting for ${f}: ${result.error}`);
          },
          type: async (host, selector, text) => (await element(host, selector)).addValue(text),
          click: async (host, selector) => (await element(host, selector)).click(),
          waitForNetworkIdle: (options) => {
            if (!proxy) throw new Error('waitForNetworkIdle needs the logging proxy (observeNetwork)');
            return proxy.idle(options);
          },
          cookies: () => session.getAllCookies(),
          requests: proxy?.requests ?? [],
          responses: proxy?.responses ?? [],
          consoleErrors: null,
        });
      } finally {
        await session?.deleteSession().catch(() => {});
        await proxy?.close();
      }
    },
    close: () => driver.stop(),
  };
}
