// The bundle a benchmark measures: builds first unless told not to (--no-build, or
// --bundle=FILE for another build), and reads it once, so a build running in another
// terminal can't change the bytes mid-run. Shared by bench/run.mjs and bench/engines.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** `argv` as the bench scripts take it; `root` the repository; `log` their logger. Exits the process on failure. */
export function benchBundle(argv, root, log) {
  const bundleArg = argv.find((a) => a.startsWith('--bundle='))?.slice(9);
  if (!argv.includes('--no-build') && !bundleArg) {
    log('npm run build');
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) {
      console.error(build.stdout, build.stderr, '\nThe build failed: fix it, or measure the current dist/ with --no-build.');
      process.exit(1);
    }
  }
  const bundlePath = bundleArg ? new URL(bundleArg, `file://${process.cwd()}/`) : new URL('dist/lapa-widgets.all.min.js', root);
  if (!existsSync(bundlePath)) {
    console.error(`${bundlePath.pathname} is missing: run \`npm run build\` (or drop --no-build).`);
    process.exit(1);
  }
  return readFileSync(bundlePath);
}
