// `node bench/comment-count.mjs` (after `npm run build`): 50 <comment-count> on one listing
// page, from the built script-tag bundle in headless Chromium, against a local count server
// that answers `{ "total", "open" }` after a fixed latency and records every request and how
// many were open at once. Prints, per scenario, the requests made, the most at once, and the
// time from navigation to every count on screen being shown (median of the samples).
//   --latency=ms   the server's answer time (default 40)   --samples=n (default 5)
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { findChrome, CHROME_ARGS } from '../scripts/find-chrome.mjs';

const arg = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const LATENCY = arg('latency', 40);
const SAMPLES = arg('samples', 5);
const COUNT = 50;
const bundle = readFileSync(new URL('../dist/lapa-widgets.min.js', import.meta.url));

let requests = 0;
let open = 0;
let peak = 0;
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/bundle.js') {
    res.writeHead(200, { 'Content-Type': 'text/javascript' });
    return res.end(bundle);
  }
  if (url.pathname.startsWith('/api/')) {
    requests++;
    peak = Math.max(peak, ++open);
    return setTimeout(() => {
      open--;
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify({ total: Number(url.pathname.split('/')[2]) % 40, open: true }));
    }, LATENCY);
  }
  const loading = url.searchParams.get('loading') ?? 'lazy';
  const same = url.searchParams.has('same');
  const teasers = Array.from(
    { length: COUNT },
    (_, i) => `<li style="height:${url.searchParams.get('height') ?? 120}px"><h3><a href="/a/${i}">Headline number ${i + 1}</a></h3>
      <p>20 November · <comment-count loading="${loading}" src="/api/${same ? 7 : i}/comments" href="/a/${i}#comments"></comment-count></p></li>`,
  );
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html lang="en"><meta charset="utf-8"><title>Listing</title><body><ul>${teasers.join('')}</ul><script src="/bundle.js"></script></body></html>`);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await puppeteer.launch({ executablePath: findChrome(), args: CHROME_ARGS, headless: true });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One page load: requests, peak, and ms until every count in the viewport (or all, with `all`) is shown. */
async function sample(query, { all = false } = {}) {
  requests = open = peak = 0;
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  await page.goto(`${origin}/?${query}`);
  await page.waitForFunction(
    (all) => {
      const els = [...document.querySelectorAll('comment-count')];
      const wanted = all ? els : els.filter((el) => el.getBoundingClientRect().top < innerHeight);
      return wanted.length > 0 && wanted.every((el) => el.state === 'loaded');
    },
    { polling: 5, timeout: 60_000 },
    all,
  );
  const ms = await page.evaluate(() => performance.now());
  const shown = await page.evaluate(() => [...document.querySelectorAll('comment-count')].filter((el) => el.state === 'loaded').length);
  const result = { ms, requests, peak, shown };
  await context.close();
  return result;
}

const SCENARIOS = [
  ['50 lazy counts, 50 articles, first screen', 'loading=lazy', {}],
  ['50 eager counts, 50 articles, all shown', 'loading=eager', { all: true }],
  ['50 counts of one article, all shown', 'loading=eager&same', { all: true }],
];
console.log(`latency ${LATENCY} ms, ${SAMPLES} samples each, medians`);
console.log('| scenario | requests | at most at once | counts shown | time to shown |');
console.log('| --- | --- | --- | --- | --- |');
for (const [name, query, options] of SCENARIOS) {
  const runs = [];
  for (let i = 0; i < SAMPLES; i++) runs.push(await sample(query, options));
  console.log(`| ${name} | ${median(runs.map((r) => r.requests))} | ${median(runs.map((r) => r.peak))} | ${median(runs.map((r) => r.shown))} | ${Math.round(median(runs.map((r) => r.ms)))} ms |`);
}
await browser.close();
server.close();
