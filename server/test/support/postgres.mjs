// A real, throw-away PostgreSQL for the tests: Debian's postgresql package, a cluster in
// a temporary folder, listening on 127.0.0.1 and a free port only. initdb refuses to run
// as root, so as root the cluster belongs to the postgres user (runuser). Where the
// binaries are missing, root on Debian installs them; anyone else is told the command.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const INSTALL = 'apt-get install -y --no-install-recommends postgresql';

function binDir() {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  if (versions.length === 0) return undefined;
  return join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

function ensureInstalled() {
  let bin = binDir();
  if (bin) return bin;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/etc/debian_version')) {
    execFileSync('apt-get', ['update'], { stdio: 'ignore' });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    bin = binDir();
    if (bin) return bin;
  }
  throw new Error(`PostgreSQL's server binaries are missing (no /usr/lib/postgresql/*/bin/initdb). Install them with: sudo ${INSTALL}`);
}

/** A port nobody listens on right now, on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts a cluster. `url(database)` builds a connection URL; `stop()` removes it all.
 * @returns {Promise<{ url: (schema?: string) => string, port: number, stop: () => void }>}
 */
export async function startPostgres() {
  const bin = ensureInstalled();
  const isRoot = process.getuid?.() === 0;
  const base = mkdtempSync(join(tmpdir(), 'lapa-pg-'));
  chmodSync(base, 0o755);
  const data = join(base, 'data');
  mkdirSync(data, { mode: 0o700 });
  let as = [];
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(data, uid, gid);
    as = ['runuser', '-u', 'postgres', '--'];
  }
  const run = (tool, args) => {
    const [command, ...rest] = [...as, join(bin, tool), ...args];
    return execFileSync(command, rest, { stdio: ['ignore', 'pipe', 'pipe'] });
  };
  const port = await freePort();
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'lapa', '-E', 'UTF8', '--locale=C', '--no-sync']);
    run('pg_ctl', ['-D', data, '-l', join(data, 'server.log'), '-w', '-t', '60', '-o', `-p ${port} -k ${data} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, 'start']);
  } catch (error) {
    const log = existsSync(join(data, 'server.log')) ? readFileSync(join(data, 'server.log'), 'utf8') : '';
    rmSync(base, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${error.stderr ?? error.message}\n${log}`);
  }
  let stopped = false;
  return {
    port,
    url: (schema) => `postgres://lapa@127.0.0.1:${port}/postgres${schema ? `?options=${encodeURIComponent(`-c search_path=${schema}`)}` : ''}`,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    },
  };
}
