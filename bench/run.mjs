// `npm run bench`: measures the built script-tag bundle (dist/lapa-widgets.min.js) in headless
// Chromium against hand-written baselines measured in the same run, and writes the results
// to BENCHMARKS.md (between its "bench:results" markers) and bench-results/latest.json.
//
//   npm run bench                  build, then every scenario (a few minutes)
//   npm run bench -- --quick       fewer samples; prints and writes bench-results/quick.json only
//   npm run bench -- --no-build    measure dist/ as it is
//   npm run bench -- --only=1,5    some scenarios (1-7, as in issue 7; 8: <news-feed>, issue 16); implies no BENCHMARKS.md
//   npm run bench -- --bundle=FILE measure another build of the bundle (before/after a change)
//   npm run bench -- --report      rewrite BENCHMARKS.md from bench-results/latest.json, measuring nothing
//
// Each sample runs in a fresh browser context (empty cache and storage); an element's
// samples and its baseline's alternate (ABBA), so drift on a busy machine hits both alike.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, release } from 'node:os';
import puppeteer from 'puppeteer-core';
import { findChrome, CHROME_ARGS } from '../scripts/find-chrome.mjs';
import { startBenchServer } from './lib/server.mjs';
import { buildFloors, bundleBreakdown, transferSizes } from './lib/floor.mjs';
import { summary, compare } from './lib/stats.mjs';
import { paired as alternating } from './lib/paired.mjs';
import { FEED_FIRST_ID, LONG_ID, RECORDED_ID, COMMENT_THREADS, COMMENTS_PER_THREAD, postPath } from './lib/data.mjs';
import { renderMarkdown, writeBenchmarksMd } from './lib/report.mjs';
import { benchBundle } from './lib/bundle.mjs';

const root = new URL('..', import.meta.url);
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const QUICK = flag('quick');
const only = argv.find((a) => a.startsWith('--only='))?.slice(7).split(',').map(Number);
const runs = (n) => !only || only.includes(n);

/** Samples per implementation (after WARMUP discarded pairs). */
const N = QUICK
  ? { article: 5, longArticle: 4, feed: 3, feedSlowServer: 2, lazy: 2, comments: 2, scroll: 2, startup: 8, cls: 2, list: 5 }
  : { article: 14, longArticle: 10, feed: 6, feedSlowServer: 3, lazy: 4, comments: 3, scroll: 3, startup: 16, cls: 3, list: 14 };
const WARMUP = 1;
const VIEWPORT = { width: 1280, height: 800 };
const TYPED = 'Thanks for the article, very interesting.';

const started = Date.now();
const log = (...args) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)}s]`, ...args);

if (flag('report')) {
  const saved = JSON.parse(readFileSync(new URL('bench-results/latest.json', root), 'utf8'));
  saved.table = analyse(saved);
  writeFileSync(new URL('bench-results/latest.json', root), `${JSON.stringify(saved, null, 2)}\n`);
  writeBenchmarksMd(new URL('BENCHMARKS.md', root), renderMarkdown(saved));
  console.log('BENCHMARKS.md rewritten from bench-results/latest.json');
  process.exit(0);
}

// ---- build ---------------------------------------------------------------------------

const bundleArg = argv.find((a) => a.startsWith('--bundle='))?.slice(9);
const bundle = benchBundle(argv, root, log);
const floors = await buildFloors();

const server = await startBenchServer({ assets: { 'lapa-widgets.min.js': bundle, ...floors } });
const { origin } = server;
const browser = await puppeteer.launch({
  executablePath: findChrome(),
  headless: true,
  defaultViewport: VIEWPORT,
  args: [
    ...CHROME_ARGS,
    `--window-size=${VIEWPORT.width},${VIEWPORT.height}`,
    // Nothing may be throttled as "in the background" while it is measured.
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
    '--disable-renderer-backgrounding',
  ],
});
const chromium = await browser.version();
const pageErrors = [];

async function withPage(fn) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(msg.text());
  });
  try {
    return await fn(page);
  } finally {
    await context.close();
  }
}

async function open(page, path) {
  await page.goto(`${origin}${path}`, { waitUntil: 'load' });
  await page.waitForFunction('window.bench !== undefined');
}

/** Runs `sample(impl, i)` for each implementation, WARMUP + n rounds, alternating the order. */
const paired = (impls, n, sample) => alternating(impls, n, sample, WARMUP);

const url = (id) => `${origin}${postPath(id)}`;
const results = { scenarios: {} };

/**
 * Main-thread CPU time of the page so far, ms, by kind. Thread time, not wall time: on a
 * shared machine a descheduled renderer waits, but its CPU time does not grow.
 */
async function cpu(client) {
  const { metrics } = await client.send('Performance.getMetrics');
  const get = (name) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { task: get('TaskDuration'), script: get('ScriptDuration'), style: get('RecalcStyleDuration'), layout: get('LayoutDuration') };
}

async function cdp(page) {
  const client = await page.createCDPSession();
  await client.send('Performance.enable', { timeDomain: 'threadTicks' });
  return client;
}

/** Runs `work()` and returns its result with `cpu`: main-thread CPU ms it took, by kind. */
async function measured(client, work) {
  const before = await cpu(client);
  const result = await work();
  const after = await cpu(client);
  return { ...result, cpu: Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - before[k]])) };
}

/** The `performance.measure()` names bench/client/harness.js records. */
const MEASURES = ['response-to-painted', 'all-cards-painted', 'scrolling', 'relang', 'evaluate', 'first-lazy-card', 'list-painted', 'list-insert-painted'];

/**
 * Runs `work()` under a light trace (top-level tasks and user timing) and returns its result
 * with `cpuIn`: for each of the page's `performance.measure()` names, the main-thread CPU ms
 * (thread time) of the tasks inside that measure's window, partly overlapping ones pro rata.
 */
async function traced(page, work) {
  await page.tracing.start({ categories: ['toplevel', 'blink.user_timing'] });
  const result = await work();
  const events = JSON.parse(Buffer.from(await page.tracing.stop()).toString('utf8')).traceEvents;
  const cpuIn = {};
  const ours = events.filter((e) => e.cat === 'blink.user_timing' && e.ph === 'b' && MEASURES.includes(e.name));
  for (const begin of ours) {
    const end = events.find((e) => e.ph === 'e' && e.name === begin.name && e.id2?.local === begin.id2?.local && e.pid === begin.pid);
    if (!end) continue;
    let total = 0;
    let covered = -Infinity;
    const tasks = events
      .filter((e) => e.cat === 'toplevel' && e.ph === 'X' && e.pid === begin.pid && e.tid === begin.tid && e.tdur !== undefined)
      .sort((a, b) => a.ts - b.ts);
    for (const task of tasks) {
      const from = Math.max(task.ts, begin.ts, covered);
      const to = Math.min(task.ts + task.dur, end.ts);
      covered = Math.max(covered, task.ts + task.dur);
      if (to > from && task.dur > 0) total += (task.tdur * (to - from)) / task.dur;
    }
    cpuIn[begin.name] = total / 1000;
  }
  // Long tasks by CPU time (>= 50 ms of thread time in one task), inside the page's measures
  // and on the thread that recorded them: on a shared machine a task's wall time says more
  // about the machine than about the task, and the trace also holds Chromium's own WebUI
  // renderers, which use user timing too.
  let cpuLongTasks = 0;
  for (const begin of ours) {
    const end = events.find((e) => e.ph === 'e' && e.name === begin.name && e.id2?.local === begin.id2?.local && e.pid === begin.pid);
    if (!end) continue;
    cpuLongTasks += events.filter(
      (e) => e.cat === 'toplevel' && e.ph === 'X' && e.pid === begin.pid && e.tid === begin.tid && e.tdur >= 50_000 && e.ts < end.ts && e.ts + e.dur > begin.ts,
    ).length;
  }
  return { ...result, cpuIn, cpuLongTasks };
}

async function heapUsed(client) {
  await client.send('HeapProfiler.collectGarbage');
  return (await client.send('Runtime.getHeapUsage')).usedSize;
}

// ---- 1. one article, full variant -------------------------------------------------------

if (runs(1)) {
  for (const [key, id, n] of [
    ['recorded', RECORDED_ID, N.article],
    ['long', LONG_ID, N.longArticle],
  ]) {
    log(`1. one article (${key}), full`);
    const samples = await paired(['element', 'baseline'], n, (impl) =>
      withPage(async (page) => {
        await open(page, `/page/article?impl=${impl}`);
        const client = await cdp(page);
        await page.evaluate(() => window.bench.quiet());
        return measured(client, () => traced(page, () => page.evaluate((p) => window.bench.article(p), { impl, url: url(id), variant: 'full' })));
      }),
    );
    const bytes = Buffer.byteLength(JSON.parse(await (await fetch(url(id))).text()).content.rendered);
    results.scenarios[`article-${key}`] = { samples, bodyBytes: bytes };
  }
}

// ---- 2. 200 cards from 20 URLs ------------------------------------------------------------

if (runs(2)) {
  const urls = Array.from({ length: 20 }, (_, i) => url(FEED_FIRST_ID + i));
  for (const delay of QUICK ? [0] : [0, 20]) {
    log(`2. 200 cards from 20 URLs, server time ${delay} ms`);
    server.setDelays({ data: delay });
    // Memory and re-rendering do not depend on the server's speed: measured once.
    const full = delay === 0;
    const samples = await paired(['element', 'baseline'], full ? N.feed : N.feedSlowServer, (impl) =>
      withPage(async (page) => {
        await open(page, `/page/feed?impl=${impl}`);
        const client = await cdp(page);
        const heapBefore = full ? await heapUsed(client) : 0;
        await page.evaluate(() => window.bench.quiet());
        server.resetHits();
        const result = await measured(client, () => page.evaluate((p) => window.bench.feed(p), { impl, urls }));
        const requests = server.hits.data;
        if (!full) return { ...result, requests };
        const heapAfter = await heapUsed(client);
        const { metrics } = await client.send('Performance.getMetrics');
        const relang = await traced(page, () => page.evaluate((p) => window.bench.relang(p), { impl, lang: 'sv', urls }));
        if (!/[a-zåäö]/.test(relang.sample ?? '') || /gada/.test(relang.sample)) throw new Error(`${impl}: lang change did not re-render the date (${relang.sample})`);
        return { ...result, requests, heapAfter, heapAdded: heapAfter - heapBefore, nodes: metrics.find((m) => m.name === 'Nodes')?.value, relang };
      }),
    );
    results.scenarios[`feed-${delay}`] = { samples, serverDelayMs: delay };
  }
  server.setDelays({});
}

// ---- 3. 200 lazy cards on a long page -------------------------------------------------------

if (runs(3)) {
  log('3. 200 lazy cards (200 URLs), before any scroll');
  const urls = Array.from({ length: 200 }, (_, i) => url(FEED_FIRST_ID + i));
  const samples = await paired(['element', 'baseline'], N.lazy, (impl) =>
    withPage(async (page) => {
      await open(page, `/page/feed?impl=${impl}`);
      server.resetHits();
      const result = await traced(page, () => page.evaluate((p) => window.bench.lazyFeed(p), { impl, urls }));
      return { ...result, requests: server.hits.data };
    }),
  );
  results.scenarios.lazy = { samples };
}

// ---- 4. a 1,000-comment thread -----------------------------------------------------------------

if (runs(4)) {
  log(`4. comment thread: ${COMMENT_THREADS * COMMENTS_PER_THREAD} comments, ${COMMENT_THREADS} threads`);
  const samples = await paired(['element', 'baseline'], N.comments, (impl) =>
    withPage(async (page) => {
      await open(page, `/page/comments?impl=${impl}`);
      const client = await cdp(page);
      await page.evaluate(() => window.bench.quiet());
      server.resetHits();
      const result = await measured(client, () => page.evaluate((p) => window.bench.comments(p), { impl, url: server.commentsUrl }));
      const requests = server.hits.comments;
      const focused = await page.evaluate(() => window.bench.startTyping());
      if (!focused) throw new Error(`${impl}: the comment field did not take focus`);
      const typing = await measured(client, async () => {
        await page.keyboard.type(TYPED, { delay: 35 });
        return page.evaluate(() => window.bench.stopTyping());
      });
      if (typing.value !== TYPED.length) throw new Error(`${impl}: typed ${TYPED.length} characters, the field holds ${typing.value}`);
      return { ...result, requests, typing };
    }),
  );
  results.scenarios.comments = { samples, typed: TYPED.length };
}

// ---- 5. scroll cost --------------------------------------------------------------------------

if (runs(5)) {
  log('5. scrolling a 20-screen article, with and without <scroll-to-top>');
  const metric = (metrics, name) => metrics.find((m) => m.name === name)?.value ?? 0;
  const samples = await paired(['none', 'progress', 'plain', 'fallback'], N.scroll, (impl) =>
    withPage(async (page) => {
      await open(page, '/page/scroll');
      const client = await cdp(page);
      const screens = await page.evaluate((p) => window.bench.startScroll(p), { impl });
      let before, after, elapsed;
      const end = await traced(page, async () => {
        // Performance.getMetrics itself is a long task (it counts nodes and listeners): keep it
        // outside the measured window, which starts here and ends in stopScroll().
        before = (await client.send('Performance.getMetrics')).metrics;
        await page.evaluate(() => window.bench.markScroll());
        const t0 = Date.now();
        await client.send('Input.synthesizeScrollGesture', {
          x: VIEWPORT.width / 2,
          y: VIEWPORT.height / 2,
          yDistance: -Math.round((screens - 1) * VIEWPORT.height),
          speed: 8000,
          gestureSourceType: 'mouse',
          preventFling: true,
        });
        elapsed = Date.now() - t0;
        const stopped = await page.evaluate(() => window.bench.stopScroll());
        after = (await client.send('Performance.getMetrics')).metrics;
        return stopped;
      });
      const per = (name) => ((metric(after, name) - metric(before, name)) * 1000) / end.frames;
      return {
        screens,
        elapsed,
        frames: end.frames,
        scrollY: end.scrollY,
        shown: end.shown,
        longTasks: end.longTasks.length,
        cpuLongTasks: end.cpuLongTasks,
        scriptPerFrame: per('ScriptDuration'),
        stylePerFrame: per('RecalcStyleDuration'),
        layoutPerFrame: per('LayoutDuration'),
        taskPerFrame: per('TaskDuration'),
      };
    }),
  );
  results.scenarios.scroll = { samples };
}

// ---- 6. startup -------------------------------------------------------------------------------

if (runs(6)) {
  log('6. startup: parse + evaluate, transfer size');
  const codes = {
    bundle: bundle.toString('utf8'),
    floor: floors['floor-lit-dompurify.min.js'].toString('utf8'),
  };
  // A page per implementation, navigated afresh for each sample: nothing of a previous
  // sample survives a navigation that this measurement could see, and it saves the cost of
  // a new browser context per sample.
  const pages = {};
  for (const impl of Object.keys(codes)) {
    const page = await (await browser.createBrowserContext()).newPage();
    pages[impl] = { page };
  }
  const samples = await paired(Object.keys(codes), N.startup, async (impl, i) => {
    const { page } = pages[impl];
    await page.goto(`${origin}/page/blank?${i}`);
    // A unique tail defeats V8's in-process compilation cache: every sample compiles cold.
    const code = `${codes[impl]}\n//# bench-sample ${impl}-${i}-${Math.random()}`;
    const result = await traced(page, () =>
      page.evaluate((source) => {
        const script = document.createElement('script');
        script.textContent = source;
        const t0 = performance.now();
        document.head.append(script);
        const t1 = performance.now();
        performance.measure('evaluate', { start: t0, end: t1 });
        return { evaluate: t1 - t0, defined: Boolean(customElements.get('news-card') || window.__floor) };
      }, code),
    );
    if (!result.defined) throw new Error(`${impl}: the script defined nothing`);
    return result;
  });
  for (const { page } of Object.values(pages)) await page.browserContext().close();
  results.scenarios.startup = {
    samples,
    // From the sources: meaningful only for the bundle built from them.
    breakdown: bundleArg ? undefined : await bundleBreakdown(root),
    sizes: {
      bundle: transferSizes(bundle),
      floor: transferSizes(floors['floor-lit-dompurify.min.js']),
    },
  };
}

// ---- 7. layout stability ------------------------------------------------------------------------

if (runs(7)) {
  // Slow enough that the skeletons are surely painted before the articles arrive.
  log('7. layout stability while cards load (JSON after 400 ms, images after 800 ms)');
  server.setDelays({ data: 400, image: 800 });
  for (const variant of ['card', 'full']) {
    const ids = variant === 'card' ? [0, 1, 2, 3].map((i) => FEED_FIRST_ID + i) : [RECORDED_ID];
    const query = ids.map((id) => `url=${encodeURIComponent(url(id))}`).join('&');
    const samples = await paired(['element', 'baseline'], N.cls, (impl) =>
      withPage(async (page) => {
        await open(page, `/page/cls?impl=${impl}&variant=${variant}&${query}`);
        return page.evaluate((p) => window.bench.layoutStability(p), { impl });
      }),
    );
    results.scenarios[`cls-${variant}`] = { samples, cards: ids.length };
  }
  server.setDelays({});
}

// ---- 8. <news-feed>: 50 items from one answer ---------------------------------------------------

if (runs(8)) {
  log('8. <news-feed> of 50 posts from one answer vs a hand-written list');
  const LIST = 50;
  const listUrl = `${origin}/wp-json/wp/v2/posts?per_page=${LIST}&_embed`;
  const samples = await paired(['element', 'baseline'], N.list, (impl) =>
    withPage(async (page) => {
      await open(page, `/page/list?impl=${impl}`);
      const client = await cdp(page);
      await page.evaluate(() => window.bench.quiet());
      return measured(client, () => traced(page, () => page.evaluate((p) => window.bench.newsList(p), { impl, url: listUrl, limit: LIST })));
    }),
  );
  results.scenarios.list = { samples, items: LIST };
}

await browser.close();
await server.close();

// ---- report --------------------------------------------------------------------------------------

results.machine = {
  cpu: cpus()[0]?.model?.trim(),
  cores: cpus().length,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  os: `${process.platform} ${release()}`,
  chromium,
  node: process.version,
  loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
};
results.run = {
  date: new Date().toISOString(),
  quick: QUICK,
  only: only ?? null,
  seconds: Math.round((Date.now() - started) / 1000),
  samples: N,
  warmup: WARMUP,
  bundle: bundleArg ?? 'dist/lapa-widgets.all.min.js', // one file, served as /lib/lapa-widgets.min.js (the loader would need its chunks beside it)
  bundleBytes: bundle.length,
  viewport: VIEWPORT,
  pageErrors: [...new Set(pageErrors)].slice(0, 20),
};
const table = analyse(results);
results.table = table;

const outDir = new URL('bench-results/', root);
mkdirSync(outDir, { recursive: true });
const jsonName = QUICK ? 'quick.json' : only || bundleArg ? 'partial.json' : 'latest.json';
writeFileSync(new URL(jsonName, outDir), `${JSON.stringify(results, null, 2)}\n`);
const markdown = renderMarkdown(results);
console.log(`\n${markdown}`);
if (!QUICK && !only && !bundleArg) {
  writeBenchmarksMd(new URL('BENCHMARKS.md', root), markdown);
  log('wrote BENCHMARKS.md and bench-results/latest.json');
} else {
  log(`wrote bench-results/${jsonName} (BENCHMARKS.md and latest.json are written by a full run of dist/ only)`);
}
if (pageErrors.length) console.warn(`\n${pageErrors.length} page error(s), first: ${pageErrors[0]}`);

// ---- analysis: one row per claim -----------------------------------------------------------------

/**
 * Turns samples into table rows: `{ id, scenario, metric, lapa, baseline, ratio, target, verdict, note }`,
 * where lapa/baseline are summaries and verdict is 'pass', 'miss' or '' (no target).
 */
function analyse({ scenarios: s }) {
  const rows = [];
  const row = (r) => rows.push({ target: '', verdict: '', note: '', ...r });
  const versus = (a, b) => ({ lapa: summary(a), baseline: summary(b), ...compare(a, b) });

  if (s.list) {
    const { element, baseline } = s.list.samples;
    const cpuIn = (samples, name) => samples.map((x) => x.cpuIn[name]);
    const c = versus(cpuIn(element, 'list-painted'), cpuIn(baseline, 'list-painted'));
    row({ id: '8', scenario: `<news-feed> of ${s.list.items} posts from one answer`, metric: 'response → painted, main-thread CPU ms', unit: 'ms', ...c, target: 'ratio ≤ 1.15', verdict: c.ratio <= 1.15 ? 'pass' : 'miss' });
    row({ id: '8', scenario: '', metric: 'insert → painted, main-thread CPU ms', unit: 'ms', ...versus(cpuIn(element, 'list-insert-painted'), cpuIn(baseline, 'list-insert-painted')) });
    row({ id: '8', scenario: '', metric: 'response → painted, ms (wall, without the wait for vsync)', unit: 'ms', ...versus(pick(element, 'busy'), pick(baseline, 'busy')) });
  }

  for (const key of ['recorded', 'long']) {
    const sc = s[`article-${key}`];
    if (!sc) continue;
    const { element, baseline } = sc.samples;
    const label = key === 'recorded' ? `recorded WordPress post (${(sc.bodyBytes / 1024).toFixed(1)} KB body)` : `long article (${(sc.bodyBytes / 1024).toFixed(1)} KB body)`;
    const responseCpu = (samples) => samples.map((x) => x.cpuIn['response-to-painted']);
    const c = versus(responseCpu(element), responseCpu(baseline));
    row({ id: '1', scenario: `One article, full: ${label}`, metric: 'response → painted, main-thread CPU ms', unit: 'ms', ...c, target: 'ratio ≤ 1.15', verdict: c.ratio <= 1.15 ? 'pass' : 'miss' });
    row({ id: '1', scenario: '', metric: 'response → painted, ms (wall, without the wait for vsync)', unit: 'ms', ...versus(pick(element, 'busy'), pick(baseline, 'busy')) });
    row({ id: '1', scenario: '', metric: 'response → painted, ms (wall, incl. wait for vsync)', unit: 'ms', ...versus(pick(element, 'wall'), pick(baseline, 'wall')) });
    row({ id: '1', scenario: '', metric: 'insert → painted, ms', unit: 'ms', ...versus(pick(element, 'goToPainted'), pick(baseline, 'goToPainted')) });
    row({ id: '1', scenario: '', metric: 'insert → painted, main-thread CPU ms', unit: 'ms', ...versus(cpuOf(element), cpuOf(baseline)) });
  }

  for (const delay of [0, 20]) {
    const sc = s[`feed-${delay}`];
    if (!sc) continue;
    const { element, baseline } = sc.samples;
    const t = versus(pick(element, 'allPainted'), pick(baseline, 'allPainted'));
    const requests = pick(element, 'requests');
    const ok = t.ratio <= 1.1 && requests.every((r) => r === 20);
    row({
      id: '2',
      scenario: `200 cards from 20 URLs, server time ${delay} ms`,
      metric: 'insert → all painted, ms',
      unit: 'ms',
      ...t,
      target: 'ratio ≤ 1.1, 20 requests',
      verdict: ok ? 'pass' : 'miss',
    });
    // The issue's target is on time; the main-thread work behind it is held to the same bar.
    const cpu = versus(cpuOf(element), cpuOf(baseline));
    row({ id: '2', scenario: '', metric: 'insert → all painted, main-thread CPU ms', unit: 'ms', ...cpu, target: 'ratio ≤ 1.1', verdict: cpu.ratio <= 1.1 ? 'pass' : 'miss' });
    row({ id: '2', scenario: '', metric: 'JSON requests reaching the server', unit: 'n', ...versus(requests, pick(baseline, 'requests')), ratioHidden: true });
    if (delay !== 0) continue;
    row({ id: '2', scenario: '', metric: 'JS heap after, MB (after GC)', unit: 'MB', ...versus(pick(element, 'heapAfter').map(mb), pick(baseline, 'heapAfter').map(mb)) });
    const heap = versus(pick(element, 'heapAdded').map(mb), pick(baseline, 'heapAdded').map(mb));
    row({ id: '2', scenario: '', metric: 'JS heap added by the cards, MB', unit: 'MB', ...heap, target: 'ratio ≤ 3', verdict: heap.ratio <= 3 ? 'pass' : 'miss' });
    const nodes = versus(pick(element, 'nodes'), pick(baseline, 'nodes'));
    row({ id: '2', scenario: '', metric: 'DOM nodes (renderer, incl. shadow)', unit: 'n', ...nodes, target: 'ratio ≤ 2.5', verdict: nodes.ratio <= 2.5 ? 'pass' : 'miss' });
    const relang = (samples) => samples.map((x) => x.relang.cpuIn.relang);
    row({ id: '2', scenario: '', metric: 're-render on attribute change (`lang` on all 200), main-thread CPU ms', unit: 'ms', ...versus(relang(element), relang(baseline)) });
  }

  if (s.lazy) {
    const { element, baseline } = s.lazy.samples;
    const requests = pick(element, 'requests');
    const near = pick(element, 'near');
    // Only cards near the viewport load: as many requests as loaded cards, no more than were
    // near it while they waited (skeleton heights) or are near it now (real heights).
    const ok = element.every((x) => x.requests === x.loaded && x.loaded <= Math.max(x.nearAtStart, x.near) && x.requests < 200);
    row({
      id: '3',
      scenario: '200 lazy cards (200 URLs) on a long page',
      metric: 'JSON requests before any scroll',
      unit: 'n',
      ...versus(requests, pick(baseline, 'requests')),
      ratioHidden: true,
      target: `≤ cards within 300 px of the viewport (${summary(pick(element, 'nearAtStart')).median} as first laid out, ${summary(near).median} once loaded)`,
      verdict: ok ? 'pass' : 'miss',
    });
    row({ id: '3', scenario: '', metric: 'insert → first card painted, ms', unit: 'ms', ...versus(pick(element, 'firstPainted'), pick(baseline, 'firstPainted')) });
    const firstCpu = (samples) => samples.map((x) => x.cpuIn['first-lazy-card']);
    const first = versus(firstCpu(element), firstCpu(baseline));
    row({ id: '3', scenario: '', metric: 'insert → first card painted, main-thread CPU ms', unit: 'ms', ...first, target: 'ratio ≤ 1.5', verdict: first.ratio <= 1.5 ? 'pass' : 'miss' });
    if (element.every((x) => x.offscreenAnimations !== undefined)) {
      const anims = pick(element, 'offscreenAnimations');
      row({ id: '3', scenario: '', metric: 'animations running in cards outside the viewport, once settled', unit: 'n', lapa: summary(anims), baseline: summary(pick(baseline, 'offscreenAnimations')), ratioHidden: true, target: '0', verdict: anims.every((n) => n === 0) ? 'pass' : 'miss' });
    }
  }

  if (s.comments) {
    const { element, baseline } = s.comments.samples;
    const shown = pick(element, 'comments');
    const note = shown.every((n) => n === COMMENT_THREADS * COMMENTS_PER_THREAD) ? '' : `element showed ${summary(shown).median} comments`;
    row({ id: '4', scenario: `Comment thread: 1,000 comments in 100 threads (${summary(pick(element, 'pages')).median} pages)`, metric: 'insert → first page painted, ms', unit: 'ms', ...versus(pick(element, 'firstPage'), pick(baseline, 'firstPage')), note });
    row({ id: '4', scenario: '', metric: 'insert → all pages painted, ms', unit: 'ms', ...versus(pick(element, 'allPages'), pick(baseline, 'allPages')) });
    row({ id: '4', scenario: '', metric: 'insert → all pages painted, main-thread CPU ms', unit: 'ms', ...versus(cpuOf(element), cpuOf(baseline)) });
    const flat = (samples, key) => samples.flatMap((x) => x.typing[key]);
    row({ id: '4', scenario: '', metric: 'typing: key → next frame painted, ms (all keys)', unit: 'ms', ...versus(flat(element, 'latency'), flat(baseline, 'latency')) });
    row({ id: '4', scenario: '', metric: 'typing: key → element updated, ms (script per key)', unit: 'ms', ...versus(flat(element, 'work'), flat(baseline, 'work')) });
    const perKey = (samples) => samples.map((x) => x.typing.cpu.task / TYPED.length);
    row({ id: '4', scenario: '', metric: 'typing: main-thread CPU per key, ms', unit: 'ms', ...versus(perKey(element), perKey(baseline)) });
  }

  if (s.scroll) {
    const { none, progress, plain, fallback } = s.scroll.samples;
    const noise = compare(pick(progress, 'scriptPerFrame'), pick(none, 'scriptPerFrame'));
    const longTasks = (samples) => samples.reduce((n, x) => n + x.longTasks, 0);
    const cpuLongTasks = (samples) => samples.reduce((n, x) => n + x.cpuLongTasks, 0);
    // "Within noise": the 95% interval of the difference holds 0, or the difference is
    // under 0.05 ms a frame (0.3% of a 16.7 ms frame).
    const within = (noise.diffCi[0] <= 0 && noise.diffCi[1] >= 0) || Math.abs(noise.diff) < 0.05;
    const frames = summary(pick(none, 'frames')).median;
    row({
      id: '5',
      scenario: `Scrolling a ${summary(pick(none, 'screens')).median.toFixed(0)}-screen article (${frames} frames)`,
      metric: '`<scroll-to-top progress>`: script ms per frame',
      unit: 'ms',
      lapa: summary(pick(progress, 'scriptPerFrame')),
      baseline: summary(pick(none, 'scriptPerFrame')),
      ...noise,
      target: 'no measurable difference, no long task',
      // Long tasks by CPU time (≥ 50 ms of main-thread CPU in one task): the Long Tasks API
      // counts wall time, which on a shared machine measures the machine (reported too).
      verdict: within && cpuLongTasks(progress) === 0 ? 'pass' : 'miss',
      note: `long tasks by CPU: ${cpuLongTasks(progress)} (without: ${cpuLongTasks(none)}); by wall (Long Tasks API): ${longTasks(progress)} (without: ${longTasks(none)})`,
    });
    row({ id: '5', scenario: '', metric: '`<scroll-to-top progress>`: style recalc ms per frame', unit: 'ms', ...versus(pick(progress, 'stylePerFrame'), pick(none, 'stylePerFrame')) });
    row({ id: '5', scenario: '', metric: '`<scroll-to-top>` (no ring): script ms per frame', unit: 'ms', ...versus(pick(plain, 'scriptPerFrame'), pick(none, 'scriptPerFrame')) });
    row({
      id: '5',
      scenario: '',
      metric: 'ring by script (browsers without scroll timelines): script ms per frame',
      unit: 'ms',
      ...versus(pick(fallback, 'scriptPerFrame'), pick(none, 'scriptPerFrame')),
      note: `long tasks by CPU: ${cpuLongTasks(fallback)}; by wall: ${longTasks(fallback)}`,
    });
  }

  if (s.startup) {
    const { bundle: b, floor } = s.startup.samples;
    const sizes = s.startup.sizes;
    const evaluateCpu = (samples) => samples.map((x) => x.cpuIn.evaluate);
    const evaluate = versus(evaluateCpu(b), evaluateCpu(floor));
    row({ id: '6', scenario: 'Startup: lapa-widgets.min.js vs Lit + DOMPurify', metric: 'parse + compile + evaluate, main-thread CPU ms', unit: 'ms', ...evaluate, target: 'ratio ≤ 1.3', verdict: evaluate.ratio <= 1.3 ? 'pass' : 'miss' });
    row({ id: '6', scenario: '', metric: 'parse + compile + evaluate, ms (wall)', unit: 'ms', ...versus(pick(b, 'evaluate'), pick(floor, 'evaluate')) });
    for (const kind of ['gzip', 'brotli', 'min']) {
      const a = sizes.bundle[kind];
      const f = sizes.floor[kind];
      row({ id: '6', scenario: '', metric: `transfer size, ${kind === 'min' ? 'minified' : `min+${kind}`}, KB`, unit: 'KB', lapa: fixed(a / 1024), baseline: fixed(f / 1024), ratio: a / f });
    }
  }

  for (const variant of ['card', 'full']) {
    const sc = s[`cls-${variant}`];
    if (!sc) continue;
    const { element, baseline } = sc.samples;
    const cls = pick(element, 'cls');
    row({
      id: '7',
      scenario: variant === 'card' ? `Layout stability: a row of ${sc.cards} \`card\`s` : 'Layout stability: one `full` article',
      metric: 'cumulative layout shift while loading',
      unit: 'cls',
      ...versus(cls, pick(baseline, 'cls')),
      ratioHidden: true,
      target: variant === 'card' ? '0' : 'reported',
      verdict: variant === 'card' ? (cls.every((v) => v === 0) ? 'pass' : 'miss') : '',
    });
  }
  return rows;
}

function pick(samples, key) {
  return samples.map((s) => s[key]);
}

function cpuOf(samples) {
  return samples.map((x) => x.cpu.task);
}

function mb(bytes) {
  return bytes / 2 ** 20;
}

function fixed(value) {
  return { n: 1, median: value, p25: value, p75: value, p95: value, min: value, max: value };
}
