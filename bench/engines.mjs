// `npm run bench:engines`: the headline scenarios of `npm run bench` in each of the three
// engines (Chromium, Firefox, WebKit), each against the same hand-written baseline measured in
// the same run and the same engine, and writes the ratios to BENCHMARKS.md (between its
// "bench:engines" markers) and bench-results/engines.json: every run of all three engines
// that is not --quick does.
//
//   npm run bench:engines                         build, then all three engines (3–5 minutes on 2 cores)
//   npm run bench:engines -- --quick              fewer samples (about a minute); bench-results/engines-quick.json only
//   npm run bench:engines -- --no-build           measure dist/ as it is
//   npm run bench:engines -- --bundle=FILE        measure another build of the bundle
//   npm run bench:engines -- --browsers=firefox   some engines (a comma list); implies no BENCHMARKS.md
//   npm run bench:engines -- --report             rewrite BENCHMARKS.md from bench-results/engines.json
//
// Scenarios: (1) one `full` article, response → painted; (2) 200 cards from 20 URLs, insert →
// all painted; (3) startup, parse + compile + evaluate of the bundle vs Lit + DOMPurify.
// CDP exists only in Chromium, so everything is wall time taken in the page (performance.now(),
// painted = after the next frame, see bench/client/harness.js), the same way in all three,
// Chromium included: these ratios are comparable across engines, not with the CPU ratios of
// the main table. The pages are served cross-origin isolated, so performance.now() has
// 5–20 µs resolution everywhere (Firefox and WebKit round it to 1 ms otherwise).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { findEngine, installCommand, parseBrowsers, ENGINES } from '../scripts/browsers.mjs';
import { launchEngine, ENGINE_LABELS } from './lib/drivers.mjs';
import { startBenchServer } from './lib/server.mjs';
import { buildFloors } from './lib/floor.mjs';
import { paired } from './lib/paired.mjs';
import { summary, compare } from './lib/stats.mjs';
import { FEED_FIRST_ID, RECORDED_ID, postPath } from './lib/data.mjs';
import { writeBenchmarksMd } from './lib/report.mjs';
import { benchBundle } from './lib/bundle.mjs';

const root = new URL('..', import.meta.url);
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const QUICK = flag('quick');
const JSON_FILE = new URL('bench-results/engines.json', root);
const MARKERS = {
  start: '<!-- bench:engines:start (written by `npm run bench:engines`; edit outside these markers) -->',
  end: '<!-- bench:engines:end -->',
  heading: '## Per engine (issue 12)',
};

/** Samples per implementation and engine (after WARMUP discarded pairs). */
const N = QUICK ? { article: 4, feed: 2, startup: 6 } : { article: 14, feed: 8, startup: 20 };
const WARMUP = 1;
const VIEWPORT = { width: 1280, height: 800 };

const started = Date.now();
const log = (...args) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)}s]`, ...args);

if (flag('report')) {
  const saved = JSON.parse(readFileSync(JSON_FILE, 'utf8'));
  writeBenchmarksMd(new URL('BENCHMARKS.md', root), renderMarkdown(saved), MARKERS);
  console.log('BENCHMARKS.md (per engine) rewritten from bench-results/engines.json');
  process.exit(0);
}

let engines;
try {
  engines = parseBrowsers(argv, {});
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
const missing = engines.filter((e) => !findEngine(e));
if (missing.length) {
  console.error(`Missing browser engine(s): ${missing.join(', ')}. Install them with:\n  ${installCommand(missing)}\nor measure a subset, e.g. --browsers=chromium`);
  process.exit(1);
}
const subset = engines.length < ENGINES.length;

// ---- build ---------------------------------------------------------------------------

const bundleArg = argv.find((a) => a.startsWith('--bundle='))?.slice(9);
const bundle = benchBundle(argv, root, log);
const floors = await buildFloors();
const FLOOR = 'floor-lit-dompurify.min.js';

const server = await startBenchServer({ assets: { 'lapa-widgets.min.js': bundle, ...floors }, isolated: true });
const { origin } = server;
const url = (id) => `${origin}${postPath(id)}`;
const feedUrls = Array.from({ length: 20 }, (_, i) => url(FEED_FIRST_ID + i));
const pageErrors = [];

async function open(page, path) {
  await page.goto(`${origin}${path}`);
  for (let i = 0; !(await page.evaluate(() => window.bench !== undefined)); i++) {
    if (i === 200) throw new Error(`${path}: the harness did not load`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const results = { engines: {} };
for (const engine of engines) {
  const engineStarted = Date.now();
  const label = ENGINE_LABELS[engine];
  log(`${label}: starting`);
  const browser = await launchEngine(engine, { viewport: VIEWPORT, onPageError: (message) => pageErrors.push(`${label}: ${message}`) });
  const out = { scenarios: {} };
  try {
    log(`${label}: 1. one article (recorded post), full`);
    out.scenarios.article = await paired(
      ['element', 'baseline'],
      N.article,
      (impl) =>
        browser.withPage(async (page) => {
          await open(page, `/page/article?impl=${impl}`);
          return page.evaluate((p) => window.bench.article(p), { impl, url: url(RECORDED_ID), variant: 'full' });
        }),
      WARMUP,
    );

    log(`${label}: 2. 200 cards from 20 URLs`);
    out.scenarios.feed = await paired(
      ['element', 'baseline'],
      N.feed,
      (impl) =>
        browser.withPage(async (page) => {
          await open(page, `/page/feed?impl=${impl}`);
          server.resetHits();
          const result = await page.evaluate((p) => window.bench.feed(p), { impl, urls: feedUrls });
          return { ...result, requests: server.hits.data };
        }),
      WARMUP,
    );

    log(`${label}: 3. startup, parse + evaluate`);
    // One page, navigated afresh for each sample (as bench/run.mjs does): nothing of a
    // previous sample survives a navigation that this measurement could see.
    const sources = { bundle: '/lib/lapa-widgets.min.js', floor: `/lib/${FLOOR}` };
    await browser.withPage(async (page) => {
      await open(page, '/page/harness?probe');
      out.page = await page.evaluate(() => {
        const seen = new Set();
        const t0 = performance.now();
        while (performance.now() - t0 < 5) seen.add(performance.now());
        const times = [...seen].sort((a, b) => a - b);
        const resolution = Math.min(...times.slice(1).map((t, i) => t - times[i]));
        return { resolutionMs: resolution, crossOriginIsolated: self.crossOriginIsolated, viewport: [innerWidth, innerHeight], userAgent: navigator.userAgent };
      });
      if (!out.page.crossOriginIsolated) throw new Error(`${label}: the pages are not cross-origin isolated, performance.now() is coarse`);
      out.scenarios.startup = await paired(
        Object.keys(sources),
        N.startup,
        async (impl, i) => {
          await open(page, `/page/harness?${impl}-${i}`);
          const result = await page.evaluate((p) => window.bench.startup(p), { src: sources[impl] });
          if (!result.defined) throw new Error(`${label}: ${impl} defined nothing`);
          return result;
        },
        WARMUP,
      );
    });
  } finally {
    out.version = browser.version;
    await browser.close();
  }
  out.seconds = Math.round((Date.now() - engineStarted) / 1000);
  results.engines[engine] = out;
  log(`${label}: done in ${out.seconds} s`);
}
await server.close();

// ---- report --------------------------------------------------------------------------------------

results.machine = {
  cpu: cpus()[0]?.model?.trim(),
  cores: cpus().length,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  os: `${process.platform} ${release()}`,
  node: process.version,
  loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
};
results.run = {
  date: new Date().toISOString(),
  quick: QUICK,
  seconds: Math.round((Date.now() - started) / 1000),
  samples: N,
  warmup: WARMUP,
  bundle: bundleArg ?? 'dist/lapa-widgets.all.min.js', // one file, served as /lib/lapa-widgets.min.js (the loader would need its chunks beside it)
  bundleBytes: bundle.length,
  viewport: VIEWPORT,
  pageErrors: [...new Set(pageErrors)].slice(0, 20),
};

mkdirSync(new URL('bench-results/', root), { recursive: true });
const jsonFile = QUICK ? new URL('bench-results/engines-quick.json', root) : subset ? new URL('bench-results/engines-partial.json', root) : JSON_FILE;
writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
const markdown = renderMarkdown(results);
console.log(`\n${markdown}`);
if (!QUICK && !subset) {
  writeBenchmarksMd(new URL('BENCHMARKS.md', root), markdown, MARKERS);
  log('wrote BENCHMARKS.md (per engine) and bench-results/engines.json');
} else {
  log(`wrote ${jsonFile.pathname.replace(root.pathname, '')} (BENCHMARKS.md is written by a full run of all three engines only)`);
}
if (pageErrors.length) console.warn(`\n${pageErrors.length} page error(s), first: ${pageErrors[0]}`);

// ---- the table: one row per scenario, one column per engine ---------------------------------

/** `{ scenario, cell(engineResults) }` rows, each cell "ratio (95% interval), element vs baseline ms". */
function renderMarkdown({ engines: measured, machine, run }) {
  const names = Object.keys(measured);
  const ms = (v) => (v < 10 ? v.toFixed(1) : v.toFixed(0));
  const versus = (a, b) => {
    const c = compare(a, b);
    return `**${c.ratio.toFixed(2)}×** (${c.ratioCi[0].toFixed(2)}–${c.ratioCi[1].toFixed(2)})<br>${ms(summary(a).median)} vs ${ms(summary(b).median)} ms`;
  };
  const pick = (samples, key) => samples.map((s) => s[key]);
  const rows = [
    [
      'One article, `full` (the recorded WordPress post): response → painted',
      ({ article: { element, baseline } }) => versus(pick(element, 'wall'), pick(baseline, 'wall')),
    ],
    [
      '200 cards from 20 URLs (server time 0 ms): insert → all painted',
      ({ feed: { element, baseline } }) => {
        const requests = [...new Set(pick(element, 'requests'))].join(', ');
        return `${versus(pick(element, 'allPainted'), pick(baseline, 'allPainted'))}<br>${requests} requests (baseline ${[...new Set(pick(baseline, 'requests'))].join(', ')})`;
      },
    ],
    [
      'Startup: parse + compile + evaluate, lapa-widgets.min.js vs Lit + DOMPurify',
      ({ startup: { bundle: b, floor } }) => versus(pick(b, 'evaluate'), pick(floor, 'evaluate')),
    ],
  ];
  const lines = [
    `Run ${run.date.slice(0, 16).replace('T', ' ')} UTC${run.quick ? ' (**--quick**: few samples, indicative only)' : ''}, ${run.seconds} s ` +
      `(${names.map((e) => `${ENGINE_LABELS[e]} ${measured[e].seconds} s`).join(', ')}). Bundle: ${run.bundle}, ${run.bundleBytes} bytes. ` +
      `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.os}; Node ${machine.node}; load average at the end ${machine.loadAverage.join(' / ')}.`,
    '',
    `Engines: ${names.map((e) => `${ENGINE_LABELS[e]} ${measured[e].version} (page ${measured[e].page.viewport.join('×')}, timer ${(measured[e].page.resolutionMs * 1000).toFixed(0)} µs)`).join('; ')}; all headless (WebKit under Xvfb).`,
    '',
    `**Wall-time ratios** (Lapa ÷ baseline medians, 95% bootstrap interval; below them the medians), measured in the page the same way in every engine: ` +
      `not the main-thread CPU ratios of the main table. Samples per implementation and engine: ${Object.entries(run.samples)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}, alternating A B B A after ${run.warmup} discarded warm-up round${run.warmup === 1 ? '' : 's'}.`,
    '',
    `| Scenario | ${names.map((e) => ENGINE_LABELS[e]).join(' | ')} |`,
    `| --- | ${names.map(() => '---').join(' | ')} |`,
    ...rows.map(([scenario, cell]) => `| ${scenario} | ${names.map((e) => cell(measured[e].scenarios)).join(' | ')} |`),
  ];
  if (run.pageErrors?.length) {
    lines.push('', 'Errors the pages reported during the run:', '', ...run.pageErrors.map((e) => `- \`${e.replace(/`/g, "'").slice(0, 200)}\``));
  }
  return lines.join('\n');
}
