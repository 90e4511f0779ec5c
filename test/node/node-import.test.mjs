// Every ES entry of the package imports in Node with no DOM (no window, no document): a
// server-rendering framework (Next.js, Nuxt, Astro, SvelteKit) imports them on the server.
// DOMPurify and every window/document use are reached only when an element runs.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
/**
 * Every exports entry, by what it is: an ES module (imported below), typings only (React,
 * Vue, Svelte, JSX: nothing to import at run time), the classic script (it needs a page),
 * or a data file (JSON: the manifest, editor data, package.json). A new kind of entry fails
 * 'sorts every exports entry' until it is imported here or said to be none of these.
 */
const kinds = Object.entries(pkg.exports).map(([name, target]) => {
  const file = typeof target === 'string' ? target : target.default;
  if (file?.endsWith('.min.js')) return { name, kind: 'classic script', file };
  if (file?.endsWith('.json')) return { name, kind: 'json', file };
  if (file?.endsWith('.js')) return { name, kind: 'module', file };
  if (!file && typeof target === 'object' && Object.keys(target).join() === 'types' && target.types.endsWith('.d.ts')) return { name, kind: 'types', file: target.types };
  return { name, kind: 'unknown', file };
});
const entries = kinds.filter((k) => k.kind === 'module').map(({ name, file }) => [name, file]);

/** Every ES module the build ships, internal ones too (anything may be imported by path). */
const dist = new URL('../../dist/', import.meta.url);
const modules = readdirSync(dist, { recursive: true })
  .map(String)
  .filter((file) => file.endsWith('.js') && !file.endsWith('.min.js'))
  .sort();

describe('importing the package in Node', () => {
  it('has no DOM here to lean on', () => {
    assert.equal(typeof globalThis.window, 'undefined');
    assert.equal(typeof globalThis.document, 'undefined');
  });

  it('lists the ES entries to import', () => {
    assert.ok(entries.length >= 8, `entries: ${entries.map(([n]) => n).join(', ')}`);
  });

  it('sorts every exports entry: ES module, typings only, the classic script or JSON', () => {
    assert.deepEqual(kinds.filter((k) => k.kind === 'unknown'), []);
    assert.deepEqual(
      kinds.filter((k) => k.kind === 'types').map((k) => k.name).sort(),
      ['./jsx', './react', './svelte', './vue'],
    );
  });

  it('ships the JSON entries as JSON', () => {
    const json = kinds.filter((k) => k.kind === 'json');
    assert.ok(json.length >= 4, json.map((k) => k.name).join(', '));
    for (const { file } of json) JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'));
  });

  for (const [name, file] of entries) {
    it(`imports ${name} without a DOM`, async () => {
      const module = await import(new URL(`../../${file}`, import.meta.url).href);
      assert.ok(Object.keys(module).length > 0 || name.endsWith('/define') || name === './define', `${name} exports something`);
    });
  }

  it('imports every module of dist/ without a DOM', async () => {
    assert.ok(modules.length > 20, `modules: ${modules.length}`);
    for (const file of modules) await import(new URL(file, dist).href);
  });

  it('gives the element classes and the event classes', async () => {
    const lib = await import(new URL('../../dist/index.js', import.meta.url).href);
    for (const name of ['NewsCardElement', 'CommentBoxElement', 'ScrollToTopElement', 'NewsCardLoadEvent', 'CommentBoxPostedEvent']) {
      assert.equal(typeof lib[name], 'function', name);
    }
  });
});
