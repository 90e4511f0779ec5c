// The framework typings type-check real consumer code, each with its framework's own
// checker: React 19 TSX (tsc, lapa-widgets/react), Vue 3 SFCs (vue-tsc, lapa-widgets/vue),
// Svelte 5 components (svelte-check, lapa-widgets/svelte) and plain JSX props as Preact or
// Solid take them (tsc, lapa-widgets/jsx). Fixtures: test/types/frameworks/<framework>/.
// In each, the good file (strict, so an untyped listener parameter is an implicit-any
// error) must give no diagnostic, and the bad file exactly its four mistakes: a bad
// attribute value, a misspelt event field, a bad `order`, a string where a number goes.
// The package resolves to this one by its name (self-reference): the BUILT typings in
// dist/ (run `npm run build` first; scripts/framework-types.mjs makes vue/svelte/jsx).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = join(root, 'test/types/frameworks');
const bin = (name) => join(root, 'node_modules/.bin', name);

/** file(line,col): error TSnnnn: message (tsc, vue-tsc). */
const parseTsc = (out) => [...out.matchAll(/^(\S+?)\((\d+),\d+\): error (TS\d+): (.*)$/gm)].map((m) => ({ file: m[1], line: Number(m[2]), message: m[4] }));
/** 123 ERROR "file" line:col "message" (svelte-check --output machine). */
const parseSvelte = (out) =>
  [...out.matchAll(/^\d+ ERROR "([^"]+)" (\d+):\d+ "(.*)"$/gm)].map((m) => ({ file: m[1], line: Number(m[2]), message: m[3].replace(/\\"/g, '"') }));

const CHECKS = {
  react: { good: 'app.tsx', bad: 'bad.tsx', cmd: [process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', '.']], parse: parseTsc },
  jsx: { good: 'props.ts', bad: 'bad.ts', cmd: [process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', '.']], parse: parseTsc },
  vue: { good: 'App.vue', bad: 'Bad.vue', cmd: [bin('vue-tsc'), ['-p', '.']], parse: parseTsc },
  svelte: { good: 'App.svelte', bad: 'Bad.svelte', cmd: [bin('svelte-check'), ['--tsconfig', './tsconfig.json', '--output', 'machine', '--fail-on-warnings']], parse: parseSvelte },
};

/** The bad files' mistakes, in their order. */
const MISTAKES = [
  /Type '"bogus"' is not assignable to type '"full" \| "card" \| undefined'/,
  /Property 'artcle' does not exist on type 'NewsCardLoadEvent'/,
  /Type '"sideways"' is not assignable to type '"oldest" \| "newest" \| undefined'/,
  /Type 'string' is not assignable to type 'number'/,
];

// All four checkers at once: each spends most of its time loading TypeScript.
const results = Object.fromEntries(
  Object.entries(CHECKS).map(([name, { cmd: [file, args], parse }]) => [
    name,
    run(file, args, { cwd: join(fixtures, name), maxBuffer: 16 << 20 })
      .then(({ stdout, stderr }) => ({ code: 0, out: stdout + stderr }))
      .catch((error) => ({ code: error.code, out: `${error.stdout ?? ''}${error.stderr ?? ''}` }))
      .then((result) => ({ ...result, diagnostics: parse(result.out) })),
  ]),
);

describe('framework typings, checked by each framework\'s checker', { timeout: 240_000 }, () => {
  for (const [name, { good, bad }] of Object.entries(CHECKS)) {
    it(`${name}: ${good} type-checks, its event listeners typed (no implicit any)`, async () => {
      const { diagnostics, out } = await results[name];
      assert.ok(diagnostics.some((d) => d.file.endsWith(bad)), `the checker ran over the fixtures:\n${out}`);
      assert.deepEqual(diagnostics.filter((d) => d.file.endsWith(good) || !d.file.endsWith(bad)), [], out);
    });

    it(`${name}: ${bad} fails on a bad attribute value, a misspelt event field and wrong types`, async () => {
      const { code, diagnostics, out } = await results[name];
      assert.notEqual(code, 0, 'the checker exits with an error');
      const messages = diagnostics.filter((d) => d.file.endsWith(bad)).map((d) => d.message);
      assert.equal(messages.length, MISTAKES.length, out);
      MISTAKES.forEach((mistake, i) => assert.match(messages[i], mistake));
    });
  }
});
