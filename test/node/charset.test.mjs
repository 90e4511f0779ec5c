// Text is shipped as written: the npm ES modules carry Latvian and Georgian as literal
// UTF-8, exactly the source strings, and every classic script (the loader, its chunks, the
// self-contained files) is pure ASCII (terser's
// ascii_only writes \u escapes), because a page in a legacy charset decodes a classic
// script served without a charset in its own encoding. The browser side of that is
// test/embed (a windows-1257 page). Needs the build (npm run build) first.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const root = new URL('../../', import.meta.url);
const TABLES = ['news-card/news-card', 'comment-box/comment-box', 'scroll-to-top/scroll-to-top'];

/** Every string of a table, plural forms included, in a stable order. */
const strings = (table) =>
  Object.values(table).flatMap((value) => (typeof value === 'string' ? [value] : Object.values(value)));

/** The Georgian string literals of a TypeScript source, unescaped. */
const georgianLiterals = (source) =>
  [...source.matchAll(/'((?:[^'\\\n]|\\.)*)'/g)].map((m) => m[1].replace(/\\(.)/g, '$1')).filter((s) => /[\u10d0-\u10ff]/.test(s));

describe('shipped text', () => {
  for (const name of TABLES) {
    it(`${name}: the built Georgian table holds the source strings, as literal UTF-8`, async () => {
      const mod = await import(new URL(`dist/${name}.messages.js`, root));
      const table = (mod.messages ?? mod.default).ka;
      const source = readFileSync(new URL(`src/${name}.messages.ts`, root), 'utf8');
      const expected = georgianLiterals(source.slice(source.search(/\n {2}ka: \{/)));
      assert.ok(expected.length > 0, 'the source has a Georgian table');
      assert.deepEqual(strings(table).filter((s) => /[\u10d0-\u10ff]/.test(s)), expected);
      const built = readFileSync(new URL(`dist/${name}.messages.js`, root), 'utf8');
      for (const s of expected) assert.ok(built.includes(s), `"${s}" is written as is in dist/${name}.messages.js`);
    });
  }

  it('keeps every classic script ASCII: the loader, its chunks and the self-contained files', () => {
    const chunks = readdirSync(new URL('dist/chunks/', root)).filter((f) => f.endsWith('.js'));
    const files = ['lapa-widgets.min.js', 'lapa-widgets.all.min.js', 'news-card.min.js', 'comment-box.min.js', 'scroll-to-top.min.js', ...chunks.map((f) => `chunks/${f}`)];
    assert.ok(chunks.length >= 5, 'the loader has its chunks');
    for (const file of files) {
      const code = readFileSync(new URL(`dist/${file}`, root), 'utf8');
      const other = code.match(/[^\x00-\x7f]/);
      assert.equal(other, null, `${file}: non-ASCII ${JSON.stringify(other?.[0])} at ${other?.index}`);
    }
  });

  it('ships Georgian in the chunks as \\u escapes of the source text', () => {
    const chunks = readdirSync(new URL('dist/chunks/', root)).filter((f) => f.endsWith('.js'));
    const code = chunks.map((f) => readFileSync(new URL(`dist/chunks/${f}`, root), 'utf8')).join('\n');
    // scroll-to-top's Georgian label, as the ASCII-only build writes it.
    const escaped = [...'ზემოთ დაბრუნება'].map((c) => (c === ' ' ? ' ' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)).join('');
    assert.ok(code.includes(escaped), escaped);
  });
});
