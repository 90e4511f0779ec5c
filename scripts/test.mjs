// `npm test` (after the build): the browser suite in headless Chromium, then the Node
// suites (reference comment server, package checks). Fails when any of them fails.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { findChrome } from './find-chrome.mjs';

try {
  process.env.CHROME_PATH = findChrome();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status ?? 1;
let failed = 0;

failed += run('npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs']) === 0 ? 0 : 1;

const nodeTests = existsSync('test/node') ? readdirSync('test/node').filter((f) => f.endsWith('.test.mjs')) : [];
if (nodeTests.length) {
  failed += run(process.execPath, ['--test', ...nodeTests.map((f) => `test/node/${f}`)]) === 0 ? 0 : 1;
}

if (failed) {
  console.error(`\n${failed} test suite(s) failed.`);
  process.exit(1);
}
