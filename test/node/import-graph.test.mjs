// One element's code never pulls another's: over the built dist/ (npm run build first), the
// modules `lapa-widgets/<element>/define` reaches (static imports and import()) stay in that
// element's folder and src/internal, and in the loader's chunks an element's entry and every
// chunk it can load hold no module of another element. The element list is rollup.config.mjs's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { ELEMENTS } from '../../rollup.config.mjs';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const TAGS = ELEMENTS.map(([tag]) => tag);

/** Every dist/ module `file` reaches, as paths relative to dist/. */
function reach(file, seen = new Set()) {
  const path = relative(dist, file);
  if (seen.has(path)) return seen;
  seen.add(path);
  const code = readFileSync(file, 'utf8');
  for (const [, spec] of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) reach(join(dirname(file), spec), seen);
  return seen;
}

/** The element folder a dist/ path is in, if any. */
const owner = (path) => TAGS.find((tag) => path.startsWith(`${tag}/`));

describe('the import graph of the built package', () => {
  for (const tag of TAGS) {
    it(`lapa-widgets/${tag}/define reaches no other element's module`, () => {
      const reached = [...reach(join(dist, tag, 'define.js'))];
      assert.ok(reached.includes(`${tag}/${tag}.js`), 'it reaches its own class');
      assert.ok(reached.some((path) => path.startsWith('internal/')), 'and the shared internals');
      assert.deepEqual(
        reached.filter((path) => owner(path) && owner(path) !== tag),
        [],
      );
    });
  }

  it('lapa-widgets/define reaches the elements it registers', () => {
    const reached = reach(join(dist, 'define.js'));
    for (const tag of TAGS) assert.ok(reached.has(`${tag}/define.js`), tag);
  });

  it("in the loader's chunks, each element loads no chunk that holds another element's code", () => {
    const manifest = JSON.parse(readFileSync(join(dist, 'chunks', 'manifest.json'), 'utf8'));
    assert.deepEqual(manifest.elements.map(([tag]) => tag), TAGS);
    for (const [tag, , entry] of manifest.elements) {
      const seen = new Set();
      const visit = (i) => {
        if (seen.has(i)) return;
        seen.add(i);
        [...manifest.deps[i], ...manifest.dynamic[i]].forEach(visit);
      };
      visit(entry);
      const modules = [...seen].flatMap((i) => manifest.modules[i]);
      assert.ok(modules.includes(`src/${tag}/${tag}.ts`), `${tag}'s chunks hold its class`);
      assert.deepEqual(
        modules.filter((path) => TAGS.some((other) => other !== tag && path.startsWith(`src/${other}/`))),
        [],
        tag,
      );
    }
  });
});
