// `node bench/profile.mjs <scenario>`: where the time of one benchmark scenario goes. Builds
// the script-tag bundle unminified (same rollup config, without terser) so function names
// survive, runs the scenario once in headless Chromium under the V8 sampling profiler,
// and prints the functions with the most self time, with their source location.
//
//   scenarios: article, article-long, feed, lazy, comments, typing
import { rollup } from 'rollup';
import puppeteer from 'puppeteer-core';
import { findChrome, CHROME_ARGS } from '../scripts/find-chrome.mjs';
import { startBenchServer } from './lib/server.mjs';
import { FEED_FIRST_ID, LONG_ID, RECORDED_ID, postPath } from './lib/data.mjs';

const scenario = process.argv[2] ?? 'article';
const TOP = Number(process.argv.find((a) => a.startsWith('--top='))?.slice(6) ?? 25);

async function unminifiedBundle() {
  const configs = (await import('../rollup.config.mjs')).default;
  const config = configs.find((c) => c.input === 'src/bundle.ts');
  const bundle = await rollup({ ...config, plugins: config.plugins.filter((p) => !['terser', 'sri'].includes(p.name)), logLevel: 'silent' });
  const { output } = await bundle.generate({ ...config.output, entryFileNames: undefined });
  await bundle.close();
  return Buffer.from(output[0].code);
}

const server = await startBenchServer({ assets: { 'lapa-widgets.min.js': await unminifiedBundle() } });
const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, defaultViewport: { width: 1280, height: 800 }, args: CHROME_ARGS });
const page = await browser.newPage();
const url = (id) => `${server.origin}${postPath(id)}`;

const SCENARIOS = {
  article: ['article', (p) => p.evaluate((u) => window.bench.article({ impl: 'element', url: u, variant: 'full' }), url(RECORDED_ID))],
  'article-long': ['article', (p) => p.evaluate((u) => window.bench.article({ impl: 'element', url: u, variant: 'full' }), url(LONG_ID))],
  feed: ['feed', (p) => p.evaluate((urls) => window.bench.feed({ impl: 'element', urls }), Array.from({ length: 20 }, (_, i) => url(FEED_FIRST_ID + i)))],
  lazy: ['feed', (p) => p.evaluate((urls) => window.bench.lazyFeed({ impl: 'element', urls }), Array.from({ length: 200 }, (_, i) => url(FEED_FIRST_ID + i)))],
  comments: ['comments', (p) => p.evaluate((u) => window.bench.comments({ impl: 'element', url: u }), server.commentsUrl)],
  typing: [
    'comments',
    async (p) => {
      await p.keyboard.type('Thanks for the article.', { delay: 30 });
      return p.evaluate(() => window.bench.stopTyping());
    },
    async (p) => {
      await p.evaluate((u) => window.bench.comments({ impl: 'element', url: u }), server.commentsUrl);
      await p.evaluate(() => window.bench.startTyping());
    },
  ],
};
const [pageName, run, prepare] = SCENARIOS[scenario] ?? SCENARIOS.article;

await page.goto(`${server.origin}/page/${pageName}?impl=element`);
await page.waitForFunction('window.bench !== undefined');
await page.evaluate(() => window.bench.quiet());
if (prepare) await prepare(page);
const client = await page.createCDPSession();
await client.send('Profiler.enable');
await client.send('Profiler.setSamplingInterval', { interval: 100 });
await client.send('Profiler.start');
const result = await run(page);
const { profile } = await client.send('Profiler.stop');
await browser.close();
await server.close();

// Self time per node = samples hitting it x the sampling interval; summed per function.
const interval = (profile.endTime - profile.startTime) / profile.samples.length / 1000;
const hits = new Map();
for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
const byFunction = new Map();
let total = 0;
for (const node of profile.nodes) {
  const ms = (hits.get(node.id) ?? 0) * interval;
  if (!ms) continue;
  const { functionName, url: file, lineNumber } = node.callFrame;
  if (functionName === '(idle)' || functionName === '(program)') continue;
  total += ms;
  const where = file ? `${file.replace(server.origin, '')}:${lineNumber + 1}` : '';
  const key = `${functionName || '(anonymous)'} ${where}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
}
console.log(`${scenario}: ${JSON.stringify(result).slice(0, 200)}`);
console.log(`self time of script and native work under the profiler: ${total.toFixed(1)} ms\n`);
for (const [key, ms] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
  console.log(`${ms.toFixed(1).padStart(8)} ms  ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${key}`);
}
