// `npm pack` from a fresh clone gives the whole package: dist/ and custom-elements.json are
// not in git, so the tarball holds them only because `prepack` builds. The test copies the
// files git would check out (tracked and not ignored: no dist/, no manifest) into a
// temporary directory, as a clone would have them, links node_modules, and packs there with
// scripts on. Every file package.json points at must then be in the tarball: each target of
// the exports map (every condition), main/module/types, and each sideEffects entry.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Every path an exports target names, whatever its nesting of conditions. */
export function exportTargets(exports) {
  const targets = [];
  const walk = (value) => {
    if (typeof value === 'string') targets.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(exports);
  return targets;
}

const bare = (path) => path.replace(/^\.\//, '');
/** Whether `file` is what a sideEffects entry names: a path, or a glob of one `*` (dist/chunks/*.js). */
const names = (entry, file) => (entry.includes('*') ? new RegExp(`^${entry.split('*').map((p) => p.replace(/[.]/g, '\\.')).join('[^/]+')}$`).test(file) : entry === file);
// The classic scripts the script tag loads: the loader, the all-in-one and per-element files,
// and the loader's chunks (AMD, not ES modules: no declarations).
const classic = (f) => f.endsWith('.min.js') || f.startsWith('dist/chunks/');

describe('npm pack from a fresh clone', { timeout: 300_000 }, () => {
  let clone;
  let pkg;
  let files;

  before(async () => {
    clone = mkdtempSync(join(tmpdir(), 'lapa-clone-'));
    const { stdout: listed } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, maxBuffer: 64 << 20 });
    for (const file of listed.split('\0').filter(Boolean)) {
      // A file deleted in the work tree but still in the index is not in a clone of the work tree.
      if (!existsSync(join(root, file))) continue;
      cpSync(join(root, file), join(clone, file), { recursive: true, dereference: false, force: true });
    }
    // Installed dependencies, as `npm ci` would have put them there.
    symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'), 'dir');
    pkg = JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8'));
    const { stdout } = await run(npm, ['pack', '--dry-run', '--json', '--foreground-scripts=false'], { cwd: clone, maxBuffer: 64 << 20 });
    // Lifecycle output may precede the JSON on stdout.
    files = JSON.parse(stdout.slice(stdout.indexOf('\n[') + 1 || stdout.indexOf('['))).at(0).files.map((f) => f.path);
  });

  after(() => {
    if (clone) rmSync(clone, { recursive: true, force: true });
  });

  it('starts with no build in the clone (dist/ and the manifest are not in git)', () => {
    const tracked = readFileSync(join(root, '.gitignore'), 'utf8');
    assert.match(tracked, /^dist\/$/m);
    assert.match(tracked, /^custom-elements\.json$/m);
  });

  it('points at the repository, its README and its issues (the registry page links through them)', () => {
    assert.deepEqual(pkg.repository, { type: 'git', url: 'git+https://github.com/lapa-widgets/lapa-widgets.git' });
    assert.equal(pkg.homepage, 'https://github.com/lapa-widgets/lapa-widgets#readme');
    assert.equal(pkg.bugs?.url, 'https://github.com/lapa-widgets/lapa-widgets/issues');
  });

  it('has a prepack script that builds', () => {
    assert.match(pkg.scripts.prepack ?? '', /npm run build/);
  });

  it('contains every target of the exports map', () => {
    const targets = [...new Set(exportTargets(pkg.exports).map(bare))];
    assert.ok(targets.length >= 15, `targets: ${targets.join(', ')}`);
    assert.deepEqual(targets.filter((t) => !files.includes(t)), []);
  });

  it('contains main, module, types and every sideEffects entry', () => {
    const fields = ['main', 'module', 'types', 'customElements'].map((field) => pkg[field]).filter(Boolean);
    assert.ok(pkg.types, 'package.json has types');
    assert.ok(Array.isArray(pkg.sideEffects) && pkg.sideEffects.length >= 4);
    assert.deepEqual([...fields, ...pkg.sideEffects].map(bare).filter((t) => !files.some((f) => names(t, f))), []);
  });

  it('ships the declarations of every ES module and nothing from src/ or test/', () => {
    const modules = files.filter((f) => f.startsWith('dist/') && f.endsWith('.js') && !classic(f));
    assert.ok(modules.length > 20, `${modules.length} modules`);
    assert.deepEqual(modules.filter((f) => !files.includes(f.replace(/\.js$/, '.d.ts'))), []);
    assert.deepEqual(files.filter((f) => /^(src|test|demo|bench|scripts|server)\//.test(f)), []);
  });

  it('lists in sideEffects exactly the modules that register elements', () => {
    const defines = files.filter((f) => /^dist\/(.+\/)?define\.js$/.test(f) && dirname(f) !== 'dist/internal');
    assert.deepEqual(
      pkg.sideEffects.map(bare).filter((f) => !classic(f)).sort(),
      defines.sort(),
    );
  });
});
