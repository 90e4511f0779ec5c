// `node bench/sanitizer.mjs [chromium|firefox]`: how long sanitising one article body takes
// on each of sanitize.ts's two paths, in the same engine and the same page: the engine's
// HTML Sanitizer and DOMPurify (with its per-element attribute hook), each followed by the
// same URL checks. The bodies are the benchmark's recorded WordPress post (~2 KB of HTML)
// and its long article (the recorded body as 14 sections, ~37 KB). Each path is warmed up,
// then timed in batches; the median per call and the interquartile range are printed.
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findChrome } from '../scripts/find-chrome.mjs';
import { LONG_ID, RECORDED_ID, postJson } from './lib/data.mjs';

const engine = process.argv[2] ?? 'chromium';
// Timed in batches: Firefox's clock is coarse (1 ms), Chromium's 0.1 ms.
const RUNS = 30;
const BATCH = 10;
const WARM_UP = 10;

const bundle = await rollup({
  input: 'src/internal/sanitize.ts',
  plugins: [nodeResolve({ browser: true, exportConditions: ['production'] }), esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', minify: true })],
  logLevel: 'silent',
});
const { output } = await bundle.generate({ format: 'iife', name: 'lapaSanitize', inlineDynamicImports: true });
await bundle.close();

const origin = 'http://127.0.0.1:8089';
const bodies = Object.fromEntries(
  [
    ['recorded post', RECORDED_ID],
    ['long article', LONG_ID],
  ].map(([name, id]) => [name, JSON.parse(postJson(id, origin)).content.rendered]),
);

const browser =
  engine === 'firefox'
    ? await puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true })
    : await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS });
const page = await browser.newPage();
await page.goto('about:blank');
await page.addScriptTag({ content: output[0].code });
const version = await browser.version();
const results = await page.evaluate(
  async (bodies, runs, batch, warmUp) => {
    const { sanitizeHtmlWith, loadPurifier, nativeSanitizer } = window.lapaSanitize;
    await loadPurifier();
    const out = { native: nativeSanitizer(), rows: [] };
    const paths = out.native ? ['native', 'dompurify'] : ['dompurify'];
    const call = (path, html) => sanitizeHtmlWith(path, html, 'article', 'https://news.example/a/');
    for (const [name, html] of Object.entries(bodies)) {
      for (const path of paths) for (let i = 0; i < warmUp; i++) call(path, html);
      // The paths take turns, batch by batch, so a busy machine slows both alike.
      const times = Object.fromEntries(paths.map((path) => [path, []]));
      for (let i = 0; i < runs; i++) {
        for (const path of i % 2 ? [...paths].reverse() : paths) {
          const start = performance.now();
          for (let j = 0; j < batch; j++) if (!call(path, html).firstChild) throw new Error(`${path} gave nothing`);
          times[path].push((performance.now() - start) / batch);
        }
      }
      for (const path of paths) {
        const sorted = [...times[path]].sort((x, y) => x - y);
        const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
        out.rows.push({ body: name, bytes: new TextEncoder().encode(html).length, path, median: at(0.5), q1: at(0.25), q3: at(0.75) });
      }
    }
    return out;
  },
  bodies,
  RUNS,
  BATCH,
  WARM_UP,
);
await browser.close();

console.log(`${engine} (${version}), native Sanitizer works: ${results.native}; ${RUNS} batches of ${BATCH} after ${WARM_UP} to warm up`);
for (const r of results.rows) {
  console.log(`${r.body.padEnd(14)} ${String(r.bytes).padStart(6)} B  ${r.path.padEnd(9)}  median ${r.median.toFixed(2)} ms  (IQR ${r.q1.toFixed(2)}-${r.q3.toFixed(2)})`);
}
