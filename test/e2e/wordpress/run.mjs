// `npm run test:wordpress`: the end-to-end suite against a real WordPress (issue 8).
//   1. brings WordPress up on 127.0.0.1 with wordpress-up.sh (root and Debian's apt: it fails
//      loudly without them, it never skips), with the comment-flood window off;
//   2. seeds it through the REST API (seed.mjs);
//   3. runs the browser tests (web-test-runner.config.mjs here) in Chromium, Firefox and WebKit
//      (or the engines of --browsers=, as for npm test) against the BUILT
//      dist/lapa-widgets.min.js, on a page of another origin;
//   4. runs the flood case alone with a short flood window, in each engine;
//   5. stops what it started, by PID (the up-script's PID files; the test runner's child PID),
//      also on failure or Ctrl-C. A WordPress that was already running is left running, with
//      the flood window it had.
// Env: WP_PORT (8089; a free port is taken when 8089 is busy with something else), WP_DIR
// (/tmp/wp), WP_E2E_PORT (the runner's port; a free one by default), WP_E2E_FLOOD_SECONDS (10).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ensureEngines, parseBrowsers } from '../../../scripts/browsers.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));
const upScript = join(here, 'wordpress-up.sh');
const config = join(here, 'web-test-runner.config.mjs');
// The package's exports hide package.json; its bin sits beside the main entry.
const wtrBin = join(dirname(createRequire(import.meta.url).resolve('@web/test-runner')), 'bin.js');
const FLOOD_SECONDS = process.env.WP_E2E_FLOOD_SECONDS || '10';
const engines = parseBrowsers(process.argv.slice(2));
ensureEngines(engines);

const t0 = performance.now();
const since = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
const say = (message) => console.log(`[wordpress-e2e ${since()}] ${message}`);

// Children of the main flow, so a signal can stop them by PID; once stopping, no new ones.
const children = new Set();
let stopping = false;
function run(cmd, args, env = {}, { quiet = false, cleanup = false } = {}) {
  if (stopping && !cleanup) return Promise.resolve({ code: 130, output: '' });
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    if (!cleanup) children.add(child);
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      children.delete(child);
      resolve({ code: code ?? (signal ? 128 : 1), output });
    });
  });
}

const portTaken = (port) =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

let wpEnv = {};
let startedWordPress = false;
let previousFlood = null;
let tmp = null;
let cleaning = null;

async function cleanup() {
  stopping = true;
  cleaning ??= (async () => {
    await Promise.all([...children].map((child) => {
      say(`stopping PID ${child.pid}`);
      const closed = new Promise((resolve) => child.once('close', resolve));
      child.kill('SIGTERM');
      return closed;
    }));
    if (startedWordPress) {
      say('stopping WordPress (the servers this run started)');
      await run('bash', [upScript, 'stop'], wpEnv, { cleanup: true });
    } else if (previousFlood !== null) {
      say(`WordPress was already running: leaving it up, flood window back to ${previousFlood} s`);
      await run('bash', [upScript, 'flood', previousFlood], wpEnv, { quiet: true, cleanup: true });
    }
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, async () => {
    say(`${signal}: stopping what this run started`);
    await cleanup();
    process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 })[signal]);
  });
}

function fail(message) {
  console.error(`\nWordPress end-to-end suite FAILED: ${stopping ? 'interrupted' : message}`);
  return 1;
}

async function main() {
  if (!existsSync(join(root, 'dist/lapa-widgets.min.js'))) {
    return fail('dist/lapa-widgets.min.js is missing: run `npm run build` first (`npm run test:wordpress` does).');
  }
  if (process.getuid?.() !== 0) {
    return fail('it needs root: wordpress-up.sh installs Debian packages and starts a private MariaDB and PHP server. It does not skip.');
  }

  // WordPress's port: ours if our WordPress already serves it, else 8089 when free, else any free one.
  let wpPort = process.env.WP_PORT || '8089';
  const status = await run('bash', [upScript, 'status'], { WP_PORT: wpPort }, { quiet: true });
  const alreadyUp = status.code === 0;
  if (!alreadyUp && (await portTaken(Number(wpPort)))) {
    if (process.env.WP_PORT) return fail(`WP_PORT ${wpPort} is taken by another process.`);
    wpPort = String(await freePort());
    say(`port 8089 is taken by another process: WordPress will use ${wpPort}`);
  }
  wpEnv = { WP_PORT: wpPort };
  if (alreadyUp) {
    const flood = await run('bash', [upScript, 'flood'], wpEnv, { quiet: true });
    previousFlood = /window: (\d+)/.exec(flood.output)?.[1] ?? '15';
  } else {
    startedWordPress = true; // from here on, cleanup stops it even if `up` fails half-way
  }

  say(alreadyUp ? `WordPress already running on 127.0.0.1:${wpPort}: re-provisioning` : `bringing WordPress up on 127.0.0.1:${wpPort}`);
  const up = await run('bash', [upScript, 'up'], { ...wpEnv, WP_FLOOD_SECONDS: '0' });
  if (up.code !== 0) {
    return fail(`wordpress-up.sh up exited with ${up.code} (see its message above; it needs root and Debian 12's apt repositories).`);
  }

  tmp = mkdtempSync(join(tmpdir(), 'lapa-wp-e2e-'));
  const seedFile = join(tmp, 'seed.json');
  say('seeding posts, image, tags and comments through the REST API');
  const seed = await run(process.execPath, [join(here, 'seed.mjs'), seedFile], wpEnv);
  if (seed.code !== 0) return fail('seeding WordPress failed (see above).');

  const runnerPort = process.env.WP_E2E_PORT || String(await freePort());
  const origin = `http://127.0.0.1:${runnerPort}`;
  // WordPress's REST API echoes any Origin; a site (or plugin) that restricts it would fail
  // every test in a confusing way, so say it plainly here.
  const preflight = await fetch(`http://127.0.0.1:${wpPort}/wp-json/wp/v2/comments`, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    signal: AbortSignal.timeout(15_000),
  });
  if (preflight.headers.get('access-control-allow-origin') !== origin) {
    return fail(`WordPress does not allow the test page's origin ${origin} (Access-Control-Allow-Origin: ${preflight.headers.get('access-control-allow-origin')}).`);
  }

  const wtr = (group, engine) =>
    run(process.execPath, [wtrBin, '--config', config], { ...wpEnv, WP_E2E_SEED: seedFile, WP_E2E_GROUP: group, WP_E2E_PORT: runnerPort, LAPA_BROWSER: engine });

  const failed = [];
  for (const engine of engines) {
    let start = performance.now();
    say(`${engine}: browser tests (flood window off), page origin ${origin}`);
    if ((await wtr('main', engine)).code !== 0) failed.push(`${engine}: the main browser tests`);
    const mainSeconds = (performance.now() - start) / 1000;
    start = performance.now();
    say(`${engine}: flood case alone, flood window ${FLOOD_SECONDS} s`);
    const setFlood = await run('bash', [upScript, 'flood', FLOOD_SECONDS], wpEnv);
    const flood = setFlood.code === 0 ? await wtr('flood', engine) : setFlood;
    if (flood.code !== 0) failed.push(`${engine}: the flood case`);
    await run('bash', [upScript, 'flood', '0'], wpEnv);
    say(`${engine}: main ${mainSeconds.toFixed(0)} s, flood ${((performance.now() - start) / 1000).toFixed(0)} s`);
  }

  if (failed.length) return fail(`${failed.join(', ')} failed (see above).`);
  say('all WordPress end-to-end tests passed');
  return 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  code = fail(error?.stack ?? String(error));
} finally {
  await cleanup();
  say(`done (exit ${code})`);
}
process.exit(code);
