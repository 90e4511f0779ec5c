// Browser tests: every test/**/*.test.ts runs in real headless Chromium. Test servers
// live in test/servers/*.mjs, each exporting a default Koa middleware (or an array of
// them) mounted on the runner's own origin, so tests fetch over real HTTP.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromeLauncher } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { findChrome, CHROME_ARGS } from './scripts/find-chrome.mjs';

const serversDir = new URL('./test/servers/', import.meta.url);
const middleware = [];
for (const file of readdirSync(serversDir).filter((f) => f.endsWith('.mjs')).sort()) {
  const mod = await import(new URL(file, serversDir).href);
  middleware.push(...[mod.default].flat().filter(Boolean));
}

export default {
  files: ['test/**/*.test.ts', '!test/node/**', '!test/e2e/**'],
  hostname: '127.0.0.1',
  nodeResolve: { exportConditions: ['development'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) })],
  middleware,
  // One page at a time: headless Chromium gives a page that is not in front no animation
  // frames, so fixture(), IntersectionObserver and rAF-based code would stall in parallel.
  concurrency: 1,
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  browserStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 10_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: findChrome(), headless: true, args: CHROME_ARGS },
      // Headless pages have no window focus, so focus/blur events and :focus-visible
      // would depend on luck; emulate a focused page as a reader's would be.
      createPage: async ({ context }) => {
        const page = await context.newPage();
        const session = await page.createCDPSession();
        await session.send('Emulation.setFocusEmulationEnabled', { enabled: true });
        return page;
      },
    }),
  ],
};
