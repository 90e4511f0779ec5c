// `npm test` (after the build): the browser suite in every engine (Chromium, Firefox, WebKit),
// each engine once per media profile, then the Node suites. Fails when any of them fails.
//   npm test                              all three engines
//   npm test -- --browsers=firefox        one engine (or a comma list: chromium,webkit)
//   npm test -- --browsers=webkit --files test/news-card/states.test.ts
//   npm test -- --browsers=chromium --files test/node/docs.test.mjs   Node test files alone
// A missing browser is installed from Debian's packages when run as root on Debian/Ubuntu;
// otherwise the run stops with the exact install command.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINES, ensureEngines, parseBrowsers } from './browsers.mjs';
import { PROFILES, UNSUPPORTED_PROFILES } from './launchers.mjs';

const argv = process.argv.slice(2);
let engines;
try {
  engines = parseBrowsers(argv);
  ensureEngines(engines);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
// Everything after our own flags goes to web-test-runner as it is (e.g. --files a.test.ts),
// except Node test files named after --files (*.test.mjs), which run under node --test alone.
const isNodeTest = (f) => f.endsWith('.test.mjs');
let passThrough = argv.filter((a) => !a.startsWith('--browsers='));
const onlyFiles = passThrough.includes('--files');
const namedNodeTests = [];
if (onlyFiles) {
  const start = passThrough.indexOf('--files') + 1;
  let end = start;
  while (end < passThrough.length && !passThrough[end].startsWith('--')) end += 1;
  const files = passThrough.slice(start, end);
  namedNodeTests.push(...files.filter(isNodeTest));
  const browserFiles = files.filter((f) => !isNodeTest(f));
  passThrough = [...passThrough.slice(0, start - 1), ...(browserFiles.length ? ['--files', ...browserFiles] : []), ...passThrough.slice(end)];
}
const browserRun = !onlyFiles || passThrough.includes('--files');

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)],
  );
}
const browserTestFiles = walk('test').filter((f) => f.endsWith('.test.ts') && !f.startsWith('test/e2e/') && !f.startsWith('test/node/'));
const profileFiles = (profile) => browserTestFiles.filter((f) => f.endsWith(`.${profile}.test.ts`));

const LABEL = { chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit' };
const seconds = (ms) => `${(ms / 1000).toFixed(0)} s`;
const timings = [];
let failed = 0;

function run(label, cmd, args, env = {}) {
  const start = Date.now();
  const status = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
  const ms = Date.now() - start;
  timings.push({ label, ms, ok: status === 0 });
  console.log(`\n== ${label}: ${status === 0 ? 'passed' : 'FAILED'} in ${seconds(ms)}\n`);
  if (status !== 0) failed += 1;
}

for (const engine of browserRun ? engines : []) {
  const start = Date.now();
  const profiles = ['default', ...PROFILES].filter(
    (p) => !(UNSUPPORTED_PROFILES[engine] ?? []).includes(p) && (p === 'default' || (!onlyFiles && profileFiles(p).length)),
  );
  for (const profile of profiles) {
    const label = `${LABEL[engine]} browser suite${profile === 'default' ? '' : ` (${profile})`}`;
    run(label, 'npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs', ...passThrough], {
      LAPA_BROWSER: engine,
      LAPA_PROFILE: profile,
    });
  }
  if (profiles.length > 1) timings.push({ label: `${LABEL[engine]} in all`, ms: Date.now() - start, ok: true, total: true });
}

const nodeTests = [
  ...(existsSync('test/node') ? readdirSync('test/node').filter((f) => f.endsWith('.test.mjs')).map((f) => `test/node/${f}`) : []),
  ...(existsSync('server/test') ? readdirSync('server/test').filter((f) => f.endsWith('.test.mjs')).map((f) => `server/test/${f}`) : []),
];
const nodeRun = onlyFiles ? namedNodeTests : nodeTests;
if (nodeRun.length) run('Node suites', process.execPath, ['--test', ...nodeRun], { LAPA_BROWSERS: engines.join(',') });

// Engine-specific tests: itIn(['chromium'], 'reason', ...) in the sources, and whole profile
// files an engine cannot run (WebKit has no forced colours).
const specific = [];
for (const file of browserTestFiles) {
  const source = readFileSync(file, 'utf8');
  for (const m of source.matchAll(/\bitIn\(\s*\[([^\]]*)\]\s*,\s*(['"`])(.*?)\2/g)) {
    specific.push({ file, engines: m[1].replace(/['"\s]/g, ''), reason: m[3] });
  }
}
for (const [engine, profiles] of Object.entries(UNSUPPORTED_PROFILES)) {
  for (const profile of profiles) {
    for (const file of profileFiles(profile)) {
      const tests = (readFileSync(file, 'utf8').match(/\bit\(/g) ?? []).length;
      specific.push({ file, engines: ENGINES.filter((e) => e !== engine).join(','), reason: `${profile}: ${LABEL[engine]} has no such preference (${tests} tests)`, tests });
    }
  }
}

console.log('\nTimes:');
for (const t of timings) console.log(`  ${t.total ? '  ' : ''}${t.label.padEnd(44)} ${seconds(t.ms).padStart(6)}${t.ok ? '' : '  FAILED'}`);
const count = specific.reduce((n, s) => n + (s.tests ?? 1), 0);
console.log(`\nEngine-specific tests: ${count} (each tested in the other engines by the path they take)`);
for (const s of specific) console.log(`  [${s.engines}] ${s.file}: ${s.reason}`);

if (failed) {
  console.error(`\n${failed} test suite(s) failed.`);
  process.exit(1);
}
