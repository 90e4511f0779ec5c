// Browser tests: every test/**/*.test.ts runs in a real browser engine, one engine and one
// media profile per run (scripts/test.mjs runs them all: `npm test`). Test servers live in
// test/servers/*.mjs, each exporting a default Koa middleware (or an array of them) mounted on
// the runner's own origin, so tests fetch over real HTTP.
//   LAPA_BROWSER  chromium (default) | firefox | webkit
//   LAPA_PROFILE  default | reduced-motion | dark | forced-colors: files named
//                 *.<profile>.test.ts run only in a browser started with that preference
//   LAPA_SANITIZER native (default: the engine's own HTML Sanitizer where it works, DOMPurify
//                 elsewhere) | dompurify: the test page takes the DOMPurify path even where
//                 the native Sanitizer works, so Chromium and Firefox run every suite on
//                 both paths. A test-only hook (src/internal/native-sanitizer.ts
//                 forceDompurifyForTests, called by the runner's page before any test file
//                 loads), not a knob of the shipped code.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { ENGINES } from './scripts/browsers.mjs';
import { PROFILES, launcherFor } from './scripts/launchers.mjs';

const engine = process.env.LAPA_BROWSER || 'chromium';
const profile = process.env.LAPA_PROFILE || 'default';
if (!ENGINES.includes(engine)) throw new Error(`LAPA_BROWSER must be one of ${ENGINES.join(', ')}, not ${engine}`);
const sanitizer = process.env.LAPA_SANITIZER || 'native';
if (!['native', 'dompurify'].includes(sanitizer)) throw new Error(`LAPA_SANITIZER must be native or dompurify, not ${sanitizer}`);
if (profile !== 'default' && !PROFILES.includes(profile)) throw new Error(`LAPA_PROFILE must be default or one of ${PROFILES.join(', ')}`);

const serversDir = new URL('./test/servers/', import.meta.url);
const middleware = [];
for (const file of readdirSync(serversDir).filter((f) => f.endsWith('.mjs')).sort()) {
  const mod = await import(new URL(file, serversDir).href);
  middleware.push(...[mod.default].flat().filter(Boolean));
}

const files =
  profile === 'default'
    ? ['test/**/*.test.ts', ...PROFILES.map((p) => `!test/**/*.${p}.test.ts`)]
    : [`test/**/*.${profile}.test.ts`];

export default {
  files: [...files, '!test/node/**', '!test/e2e/**'],
  hostname: '127.0.0.1',
  nodeResolve: { exportConditions: ['development'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) })],
  middleware,
  // One page at a time: a headless page that is not in front gets no animation frames, so
  // fixture(), IntersectionObserver and rAF-based code would stall in parallel.
  concurrency: 1,
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 10_000 } },
  browsers: [launcherFor(engine, profile)],
  // The page says which path it asked for (globalThis.lapaTestSanitizer), so tests can check
  // the one taken; with dompurify, it forces that path before the test framework loads.
  testRunnerHtml: (framework) =>
    `<!DOCTYPE html><html><head></head><body><script type="module">${
      sanitizer === 'dompurify' ? "import { forceDompurifyForTests } from '/src/internal/native-sanitizer.ts'; forceDompurifyForTests();" : ''
    } globalThis.lapaTestSanitizer = '${sanitizer}';</script><script type="module" src="${framework}"></script></body></html>`,
};
