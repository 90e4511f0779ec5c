// Chromium for the Node-side embedding tests (test/node/embed-*.test.mjs), driven by
// puppeteer-core: real top-level navigations, so a page's own Content-Security-Policy
// header applies, and console messages and page errors are collected from the start.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findChrome } from '../../scripts/find-chrome.mjs';
import { createEmbedServer } from './server.mjs';

export const RECORDER = readFileSync(new URL('./pages/record.js', import.meta.url), 'utf8');

export function launch() {
  return puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS });
}

/** The embed server (test/embed/server.mjs) on 127.0.0.1 and a free port. */
export async function startEmbedServer() {
  const embed = createEmbedServer();
  const server = createServer((req, res) => {
    embed.handle(req, res).then(
      (handled) => {
        if (handled) return;
        res.writeHead(404);
        res.end();
      },
      (error) => {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(String(error));
      },
    );
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    embed,
    close: () => new Promise((resolve) => server.close(() => (embed.close(), resolve()))),
  };
}

/**
 * Opens `url` in a new tab and collects its console errors and uncaught errors from the
 * first byte. `record` installs test/embed/pages/record.js before any page script, for
 * pages that do not load it themselves (the demo).
 */
export async function visit(browser, url, { record = false } = {}) {
  const page = await browser.newPage();
  const consoleErrors = [];
  const pageErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.text()}${message.location()?.url ? ` (${message.location().url})` : ''}`);
  });
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  if (record) await page.evaluateOnNewDocument(RECORDER);
  const response = await page.goto(url, { waitUntil: 'load' });
  return { page, response, consoleErrors, pageErrors };
}

/** Waits in the page for the first recorded `type` event (of element `id`), or fails with the page's log. */
export function recorded(page, type, id, timeout = 8000) {
  return page.evaluate(
    (type, id, timeout) =>
      Promise.race([
        window.__embed.when(type, id),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`no ${type} ${id ?? ''} within ${timeout} ms: ${JSON.stringify(window.__embed)}`)), timeout)),
      ]),
    type,
    id,
    timeout,
  );
}

/** The page's recorded CSP violations, errors and console errors. */
export function pageLog(page) {
  return page.evaluate(() => ({
    violations: window.__embed.violations,
    errors: window.__embed.errors,
    consoleErrors: window.__embed.consoleErrors,
    events: window.__embed.events.map((e) => `${e.type}#${e.id}`),
  }));
}

/** Text of the first element matching `selector` inside the shadow root of `#id` (or of the first `tag`). */
export function shadowText(page, host, selector) {
  return page.evaluate(
    (host, selector) => {
      const el = document.querySelector(host)?.shadowRoot?.querySelector(selector);
      return el ? el.textContent.replace(/\s+/g, ' ').trim() : null;
    },
    host,
    selector,
  );
}

/** How many elements match `selector` inside the shadow root of the first `host`. */
export function shadowCount(page, host, selector) {
  return page.evaluate((host, selector) => document.querySelector(host)?.shadowRoot?.querySelectorAll(selector).length ?? -1, host, selector);
}

/** Types into the comment form of the first `host` comment box, as a reader would. */
export async function fillComment(page, host, { name, email, text }) {
  const field = (selector) => page.$(`${host} >>> ${selector}`);
  await (await field('input[name="name"]')).type(name);
  await (await field('input[name="email"]')).type(email);
  await (await field('textarea[name="text"]')).type(text);
}

/** Clicks the comment form's submit button of the first `host` comment box. */
export async function submitComment(page, host) {
  await (await page.$(`${host} >>> [part~="submit"]`)).click();
}
