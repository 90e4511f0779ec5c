// Starts WebKitGTK's WebDriver (Debian's webkit2gtk-driver) under xvfb-run on a free loopback
// port, with a private GTK settings folder that sets the reader preferences MiniBrowser
// reads at start (reduced motion, dark theme). Used by the test launcher and the benchmarks.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findEngine } from './browsers.mjs';

const GTK_SETTINGS = {
  default: {},
  'reduced-motion': { 'gtk-enable-animations': 'false' },
  dark: { 'gtk-application-prefer-dark-theme': 'true', 'gtk-theme-name': 'Adwaita-dark' },
};

export const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function waitForDriver(url, child, deadline) {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`WebKitWebDriver exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/status`);
      if (res.ok && (await res.json()).value?.ready) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('WebKitWebDriver did not start in time');
}

/** WebDriver capabilities for MiniBrowser in automation mode. */
export function webKitCapabilities() {
  return {
    browserName: 'MiniBrowser',
    'wdio:enforceWebDriverClassic': true,
    'webkitgtk:browserOptions': { binary: findEngine('webkit').miniBrowser, args: ['--automation'] },
  };
}

/** Resolves to `{ port, url, stop() }` once the driver answers /status. */
export async function startWebKitDriver(profile = 'default') {
  const { driver, xvfbRun } = findEngine('webkit');
  const port = await freePort();
  const home = mkdtempSync(join(tmpdir(), 'lapa-webkit-'));
  const settings = { 'gtk-enable-animations': 'true', ...GTK_SETTINGS[profile] };
  mkdirSync(join(home, 'gtk-3.0'), { recursive: true });
  writeFileSync(join(home, 'gtk-3.0', 'settings.ini'), `[Settings]\n${Object.entries(settings).map(([k, v]) => `${k}=${v}`).join('\n')}\n`);
  const child = spawn(xvfbRun, ['-a', '-s', '-screen 0 1280x1024x24', driver, '--host=127.0.0.1', `--port=${port}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
    env: { ...process.env, XDG_CONFIG_HOME: home, GTK_THEME: profile === 'dark' ? 'Adwaita:dark' : 'Adwaita' },
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const stop = async () => {
    if (child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    rmSync(home, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForDriver(url, child, Date.now() + 30_000);
  } catch (error) {
    await stop();
    throw new Error(`${error.message}\n${stderr}`);
  }
  return { port, url, stop };
}
