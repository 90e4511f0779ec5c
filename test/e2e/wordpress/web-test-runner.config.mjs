// Browser tests against the real WordPress that run.mjs brings up and seeds. Each test file
// runs in a partner-like page on this runner's origin (127.0.0.1:WP_E2E_PORT) that loads the
// BUILT script-tag bundle, so every request to WordPress (127.0.0.1:WP_PORT) is cross-origin:
// CORS for real. Run through run.mjs (`npm run test:wordpress`), which sets:
//   WP_E2E_SEED   the JSON file seed.mjs wrote (IDs, URLs, image sizes)
//   WP_E2E_GROUP  main (every *.test.ts but the flood one, flood window off) | flood (that one alone)
//   WP_E2E_PORT   this runner's port; WP_PORT, WP_DIR as for wordpress-up.sh
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { launcherFor } from '../../../scripts/launchers.mjs';
import { peerSettings, readPeerCredentials, wpClient, WpError } from './wp-rest.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const here = 'test/e2e/wordpress';
const FLOOD_TEST = `${here}/flood.test.ts`;

const seedFile = process.env.WP_E2E_SEED;
if (!seedFile) throw new Error('WP_E2E_SEED is not set: run the suite with `npm run test:wordpress` (test/e2e/wordpress/run.mjs)');
const group = process.env.WP_E2E_GROUP || 'main';
if (group !== 'main' && group !== 'flood') throw new Error(`WP_E2E_GROUP must be main or flood, not ${group}`);

const peer = peerSettings();
const wp = wpClient({ site: peer.site, ...readPeerCredentials(peer.dir) });
const floodWindow = () => {
  try {
    return Number(readFileSync(`${peer.dir}/run/flood-seconds`, 'utf8').trim());
  } catch {
    return 15; // the mu-plugin's own default when the file is missing
  }
};

async function readJson(req) {
  // Decoded once from all the bytes: chunk by chunk splits a character across two chunks.
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

const json = (ctx, status, body) => {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(body);
};

/**
 * The tests' side door, on the runner's own origin: the seed data, and the few things only a
 * site administrator can do (approve a comment, open or close a post's comments, look at a
 * held comment, comment without being throttled). The administrator's application password
 * stays in Node.
 */
async function wordpressRoutes(ctx, next) {
  if (!ctx.path.startsWith('/__wp/')) return next();
  try {
    if (ctx.path === '/__wp/seed' && ctx.method === 'GET') {
      return json(ctx, 200, { ...JSON.parse(readFileSync(seedFile, 'utf8')), group, floodSeconds: floodWindow() });
    }
    let m = /^\/__wp\/admin\/comments\/(\d+)$/.exec(ctx.path);
    if (m && ctx.method === 'GET') return json(ctx, 200, await wp.admin.get(`/wp/v2/comments/${m[1]}?context=edit`));
    m = /^\/__wp\/admin\/comments\/(\d+)\/approve$/.exec(ctx.path);
    if (m && ctx.method === 'POST') return json(ctx, 200, await wp.admin.post(`/wp/v2/comments/${m[1]}`, { status: 'approved' }));
    m = /^\/__wp\/admin\/posts\/(\d+)\/comments$/.exec(ctx.path);
    if (m && ctx.method === 'POST') {
      const { author_name, author_email, content } = await readJson(ctx.req);
      return json(ctx, 201, await wp.admin.post('/wp/v2/comments', { post: Number(m[1]), author_name, author_email, content }));
    }
    m = /^\/__wp\/admin\/posts\/(\d+)\/comments\/(open|closed)$/.exec(ctx.path);
    if (m && ctx.method === 'POST') {
      const post = await wp.admin.post(`/wp/v2/posts/${m[1]}`, { comment_status: m[2] });
      return json(ctx, 200, { id: post.id, comment_status: post.comment_status });
    }
    return json(ctx, 404, { error: `no route ${ctx.method} ${ctx.path}` });
  } catch (error) {
    return json(ctx, error instanceof WpError ? error.status : 500, { error: String(error.message ?? error) });
  }
}

// Before anything else on the page: record dialogs and the seeded XSS vectors' markers, so a
// test can assert that nothing ran. Then the bundle, as a partner pastes it.
const testRunnerHtml = (testFramework) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Partner site with lapa-widgets</title>
    <script>
      window.__lapaE2E = {
        executed: [],
        dialogs: [],
        record(name) {
          this.executed.push(String(name));
          window.dispatchEvent(new CustomEvent('lapa-e2e-record', { detail: String(name) }));
        },
      };
      for (const name of ['alert', 'confirm', 'prompt', 'print']) {
        window[name] = (...args) => {
          window.__lapaE2E.dialogs.push(name + '(' + args.map(String).join(', ') + ')');
          return name === 'confirm' ? false : null;
        };
      }
    </script>
    <script src="/dist/lapa-widgets.min.js"></script>
  </head>
  <body>
    <header><p>Biedrība “Radošā sadarbība”</p></header>
    <main></main>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`;

export default {
  rootDir: root,
  files: group === 'flood' ? [FLOOD_TEST] : [`${here}/*.test.ts`, `!${FLOOD_TEST}`],
  hostname: '127.0.0.1',
  ...(process.env.WP_E2E_PORT ? { port: Number(process.env.WP_E2E_PORT) } : {}),
  nodeResolve: true,
  // TypeScript only: with a `target`, esbuild would rewrite every .js it serves, the bundle
  // under test included.
  plugins: [esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('../../../tsconfig.json', import.meta.url)) })],
  middleware: [wordpressRoutes],
  // The test helpers bring their own Lit (a partner page may too): expected, not news.
  filterBrowserLogs: ({ args }) => !/Lit is in dev mode|Multiple versions of Lit loaded/.test(String(args[0])),
  testRunnerHtml,
  // One page at a time: the tests share one WordPress, whose flood window and comment
  // threads are site-wide state.
  concurrency: 1,
  browserStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 20_000 } },
  // LAPA_BROWSER: chromium (default), firefox or webkit; run.mjs runs each engine in turn.
  browsers: [launcherFor(process.env.LAPA_BROWSER || 'chromium')],
};
