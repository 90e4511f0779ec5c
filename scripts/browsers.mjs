// The three browser engines the suites run in, and how to find (or install) each one.
// Chromium stands for Chrome/Edge, Firefox ESR for Firefox, WebKitGTK's MiniBrowser for
// Safari. Every one comes from Debian's packages: no test tool may download a browser here.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChrome } from './find-chrome.mjs';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

const WEBKIT_DIRS = [
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1',
  '/usr/lib/webkit2gtk-4.1',
  '/usr/libexec/webkit2gtk-4.1',
];

const firstExisting = (paths) => paths.find((path) => path && existsSync(path));

/** Where each engine's binaries are, or null when it is not installed. */
const FINDERS = {
  chromium: () => {
    try {
      return { executable: findChrome() };
    } catch {
      return null;
    }
  },
  firefox: () => {
    const executable = firstExisting([process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox']);
    return executable ? { executable } : null;
  },
  webkit: () => {
    const driver = firstExisting([process.env.WEBKIT_WEBDRIVER_PATH, '/usr/bin/WebKitWebDriver']);
    const dir = firstExisting(WEBKIT_DIRS.map((d) => `${d}/MiniBrowser`));
    const xvfb = firstExisting(['/usr/bin/xvfb-run']);
    const xauth = firstExisting(['/usr/bin/xauth']);
    return driver && dir && xvfb && xauth ? { driver, miniBrowser: dir, xvfbRun: xvfb } : null;
  },
};

/** The Debian packages each engine needs, installed with --no-install-recommends. */
export const PACKAGES = {
  chromium: ['chromium'],
  firefox: ['firefox-esr'],
  webkit: ['webkit2gtk-driver', 'xvfb', 'xauth'],
};

export const installCommand = (engines) =>
  `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${engines.flatMap((e) => PACKAGES[e]).join(' ')}`;

export function findEngine(engine) {
  const finder = FINDERS[engine];
  if (!finder) throw new Error(`Unknown browser "${engine}": use one of ${ENGINES.join(', ')}.`);
  return finder();
}

/** `--browsers=firefox,webkit` (or LAPA_BROWSERS) -> the engines, in a fixed order. */
export function parseBrowsers(argv, env = process.env) {
  const arg = argv.find((a) => a.startsWith('--browsers='));
  const value = arg ? arg.slice('--browsers='.length) : env.LAPA_BROWSERS || ENGINES.join(',');
  const wanted = value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const unknown = wanted.filter((e) => !ENGINES.includes(e));
  if (unknown.length || !wanted.length) {
    throw new Error(`--browsers takes a comma list of ${ENGINES.join(', ')} (got "${value}").`);
  }
  return ENGINES.filter((e) => wanted.includes(e));
}

const isDebian = () => existsSync('/usr/bin/apt-get') && existsSync('/etc/debian_version');
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Makes sure every engine in the list is installed: as root on Debian/Ubuntu it installs the
 * missing ones from apt; elsewhere it throws with the exact command to run.
 */
export function ensureEngines(engines) {
  const missing = engines.filter((e) => !findEngine(e));
  if (!missing.length) return;
  if (!isRoot() || !isDebian()) {
    throw new Error(
      `Missing browser engine(s): ${missing.join(', ')}. Install them with:\n  ${installCommand(missing)}\n` +
        'or run a subset, e.g. npm test -- --browsers=chromium',
    );
  }
  console.log(`Installing ${missing.join(', ')} from Debian's packages…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const result = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing.flatMap((e) => PACKAGES[e])], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
  const still = missing.filter((e) => !findEngine(e));
  if (result.status !== 0 || still.length) {
    throw new Error(`Installing ${still.join(', ') || missing.join(', ')} failed. Try:\n  ${installCommand(still.length ? still : missing)}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const engines = parseBrowsers(process.argv.slice(2));
    ensureEngines(engines);
    for (const e of engines) console.log(e, JSON.stringify(findEngine(e)));
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
