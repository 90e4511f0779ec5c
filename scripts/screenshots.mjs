// Screenshots of every element for its docs page: the live example of /docs/<tag>.html,
// taken from the demo server in Debian's Chromium (puppeteer-core, never a downloaded
// browser), light, dark (prefers-color-scheme) and with lang="ka" on the example, into
// docs/screenshots/<tag>-<shot>.png (scripts/docs.mjs shows them on the page).
//   npm run screenshots   builds, starts the demo on a free loopback port, shoots, stops it
// Each image is clipped to the element (plus a margin), at one device pixel per CSS pixel,
// so the PNGs stay small. The demo's database is in memory: only the seeded comments show.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { startDemoServer } from '../demo/server.mjs';
import { DOCS_DIR, screenshotPath, SHOTS } from './docs.mjs';
import { CHROME_ARGS, findChrome } from './find-chrome.mjs';
import { manifestElements } from '../test/embed/manifest.mjs';

const VIEWPORT = { width: 720, height: 900, deviceScaleFactor: 1 };
const MARGIN = 12;

/**
 * Resolves in the page once the example of `tag` shows its final look: loaded (images
 * decoded), re-worded when `georgian`, scrolled and shown for scroll-to-top, no transition
 * left running, fonts in. Runs in the page, so it may use only its arguments (the docs
 * server test waits for it too, in every engine).
 */
export function settled(tag, georgian) {
  const stage = document.querySelector(`.live-example[data-tag="${tag}"] .live-example__stage`);
  const el = stage?.querySelector(tag);
  if (!el?.shadowRoot || !customElements.get(tag)) return false;
  const roots = [el.shadowRoot, ...[...el.shadowRoot.querySelectorAll('*')].flatMap((n) => (n.shadowRoot ? [n.shadowRoot] : []))];
  const text = roots.map((r) => r.textContent).join(' ') + el.shadowRoot.querySelector('[aria-label]')?.getAttribute('aria-label');
  if (georgian && !/[\u10D0-\u10FF]/.test(text)) return false;
  if ('state' in el && el.state !== 'loaded') return false;
  if (tag === 'comment-box' && !el.shadowRoot.querySelector('[part~="comment"]')) return false;
  if (tag === 'scroll-to-top') {
    const panel = document.querySelector(el.getAttribute('scroll-container'));
    panel.scrollTop = panel.scrollHeight;
    if (!el.matches(':state(visible)')) return false;
  }
  const images = roots.flatMap((r) => [...r.querySelectorAll('img')]);
  if (!images.every((img) => img.complete && img.naturalWidth > 0)) return false;
  // Transitions and time-based animations have finished (a scroll-driven ring keeps "running").
  const moving = roots.flatMap((r) => r.getAnimations()).filter((a) => a.playState === 'running' && a.timeline instanceof DocumentTimeline);
  return moving.length === 0 && document.fonts.status === 'loaded';
}

async function shoot(browser, origin, tag, shot) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setViewport(VIEWPORT);
    await page.emulateMediaFeatures([
      { name: 'prefers-color-scheme', value: shot === 'dark' ? 'dark' : 'light' },
      { name: 'prefers-reduced-motion', value: 'reduce' },
    ]);
    const response = await page.goto(`${origin}/docs/${tag}.html`, { waitUntil: 'load' });
    if (!response?.ok()) throw new Error(`/docs/${tag}.html answered ${response?.status()}`);
    if (shot === 'ka') await page.$eval(`.live-example[data-tag="${tag}"] .live-example__stage`, (stage) => stage.setAttribute('lang', 'ka'));
    await page.waitForFunction(settled, { timeout: 15_000, polling: 'raf' }, tag, shot === 'ka');
    // The element itself, or the scrolling panel it lives in.
    const target = await page.$(`.live-example[data-tag="${tag}"] .live-example__stage > *`);
    const box = await target.boundingBox();
    const x = Math.max(0, box.x - MARGIN);
    const y = Math.max(0, box.y - MARGIN);
    const png = await page.screenshot({
      clip: { x, y, width: Math.ceil(box.width + 2 * MARGIN), height: Math.ceil(box.height + 2 * MARGIN) },
      captureBeyondViewport: true,
    });
    const path = screenshotPath(tag, shot);
    writeFileSync(new URL(path, DOCS_DIR), png);
    console.log(`docs/${path}: ${Math.round(png.length / 1024)} KB`);
  } finally {
    await context.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const demo = await startDemoServer({ port: 0, dbPath: ':memory:' });
  const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS });
  try {
    const origin = new URL(demo.url).origin;
    for (const { tag } of manifestElements()) {
      for (const { id } of SHOTS) await shoot(browser, origin, tag, id);
    }
  } finally {
    await browser.close();
    await demo.close();
  }
}
