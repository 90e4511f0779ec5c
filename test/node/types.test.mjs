// Every entry of the package is typed on its own: a consumer file per entry
// (test/types/entries/*.ts) imports only that entry, by the package's name, and uses its
// elements' events (`event.article` on `news-card-load`). Each file is its own TypeScript
// program (strict, no skipLibCheck), so one entry's global declarations cannot lend types
// to another's. The package name resolves to this package through its own exports map
// (self-reference), i.e. to the BUILT declarations in dist/: run `npm run build` first.
// A bad event field must fail, so the check can fail: each file's events are also
// misspelt, and TypeScript must report them.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = join(root, 'test/types/entries');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const config = ts.getParsedCommandLineOfConfigFile(join(dir, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();

/** The entry a consumer file imports (its only import from the package). */
const entryOf = (source) => [...source.matchAll(/from '(lapa-widgets[^']*)'|import '(lapa-widgets[^']*)'/g)].map((m) => m[1] ?? m[2]);

/** One shared host: lib and package declarations are parsed once for all the programs. */
const cache = new Map();
const baseHost = ts.createCompilerHost(config.options);
const overrides = new Map();
const host = {
  ...baseHost,
  getSourceFile(fileName, languageVersion, ...rest) {
    if (overrides.has(fileName)) return ts.createSourceFile(fileName, overrides.get(fileName), languageVersion, true);
    if (!cache.has(fileName)) cache.set(fileName, baseHost.getSourceFile(fileName, languageVersion, ...rest));
    return cache.get(fileName);
  },
  fileExists: (fileName) => overrides.has(fileName) || baseHost.fileExists(fileName),
  readFile: (fileName) => overrides.get(fileName) ?? baseHost.readFile(fileName),
};

/** Type-checks one file as a program of its own; gives its diagnostics as text. */
function check(file, text) {
  const path = join(dir, file).replaceAll('\\', '/');
  if (text !== undefined) overrides.set(path, text);
  try {
    const program = ts.createProgram([path], config.options, host);
    return ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file ? `${basename(d.file.fileName)}: ` : ''}TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  } finally {
    overrides.delete(path);
  }
}

describe('each package entry, typed on its own (built declarations)', () => {
  it('has a consumer file for every ES entry of the exports map', () => {
    const entries = Object.entries(pkg.exports)
      .filter(([, target]) => typeof target === 'object' && target.default?.endsWith('.js'))
      .map(([name]) => (name === '.' ? 'lapa-widgets' : `lapa-widgets/${name.slice(2)}`));
    const covered = new Set(files.flatMap((f) => entryOf(readFileSync(join(dir, f), 'utf8'))));
    assert.deepEqual(entries.filter((e) => !covered.has(e)), []);
  });

  for (const file of files) {
    const source = readFileSync(join(dir, file), 'utf8');

    it(`${file}: imports one entry only (${entryOf(source).join(', ')})`, () => {
      assert.equal(new Set(entryOf(source)).size, 1);
      assert.doesNotMatch(source, /from '\.|import '\./, 'no relative imports: only the package');
    });

    it(`${file}: type-checks (strict) against the entry's declarations alone`, () => {
      assert.deepEqual(check(file), []);
    });

    const fields = [...source.matchAll(/\(event\) => console\.log\(event\.([a-z]+)/g)].map((m) => m[1]);
    if (fields.length) {
      it(`${file}: rejects a misspelt event field (event.${fields[0]}x)`, () => {
        const bad = source.replace(`(event) => console.log(event.${fields[0]}`, `(event) => console.log(event.${fields[0]}x`);
        assert.notEqual(bad, source);
        const errors = check(file, bad);
        assert.ok(
          errors.some((e) => e.includes('TS2339') || e.includes('TS2551')),
          `expected "Property '${fields[0]}x' does not exist", got:\n${errors.join('\n')}`,
        );
      });
    }
  }
});
