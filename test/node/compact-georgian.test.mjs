// The build writes Georgian message strings in a one-byte form (scripts/compact-georgian.mjs)
// that src/internal/i18n.ts expands at run time. Every shipped string must come back
// exactly as written in the sources, and the script-tag bundle must be pure ASCII (a page
// in a legacy charset decodes a classic script without a charset in its own encoding).
// Needs the build (npm run build) first.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const root = new URL('../../', import.meta.url);
const { expand } = await import(new URL('dist/internal/i18n.js', root));
const TABLES = ['news-card/news-card', 'comment-box/comment-box'];

/** Every string of a table, plural forms included, in a stable order. */
const strings = (table) =>
  Object.values(table).flatMap((value) => (typeof value === 'string' ? [value] : Object.values(value)));

/** The Georgian string literals of a TypeScript source, unescaped. */
const georgianLiterals = (source) =>
  [...source.matchAll(/'((?:[^'\\\n]|\\.)*)'/g)].map((m) => m[1].replace(/\\(.)/g, '$1')).filter((s) => /[\u10d0-\u10ff]/.test(s));

describe('compacted Georgian', () => {
  for (const name of TABLES) {
    it(`${name}: every Georgian string expands to the source text`, async () => {
      const mod = await import(new URL(`dist/${name}.messages.js`, root));
      const table = (mod.messages ?? mod.default).ka;
      const built = strings(table);
      assert.ok(built.some((s) => s.startsWith('\x7f')), 'the built table is compacted');
      assert.ok(built.every((s) => !/[\u10d0-\u10ff]/.test(s)), 'no three-byte Georgian left in the build');
      const source = readFileSync(new URL(`src/${name}.messages.ts`, root), 'utf8');
      const expected = georgianLiterals(source.slice(source.indexOf('\n  ka: {')));
      assert.deepEqual(built.map(expand).filter((s) => /[\u10d0-\u10ff]/.test(s)), expected);
    });
  }

  it('leaves text that is not compacted alone', () => {
    for (const s of ['Komentāri', 'Back to top', 'კომენტარები', '', 'ABC #1 & <b>']) assert.equal(expand(s), s);
  });

  it('keeps the script-tag bundle ASCII', () => {
    const bundle = readFileSync(new URL('dist/lapa-widgets.min.js', root), 'utf8');
    const other = bundle.match(/[^\x00-\x7f]/);
    assert.equal(other, null, `non-ASCII ${JSON.stringify(other?.[0])} at ${other?.index}`);
  });
});
