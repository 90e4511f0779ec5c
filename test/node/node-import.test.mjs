// Every ES entry of the package imports in Node with no DOM (no window, no document): a
// server-rendering framework (Next.js, Nuxt, Astro, SvelteKit) imports them on the server.
// DOMPurify and every window/document use are reached only when an element runs.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const entries = Object.entries(pkg.exports)
  .map(([name, target]) => [name, typeof target === 'string' ? target : target.default])
  .filter(([, file]) => file && file.endsWith('.js') && !file.endsWith('.min.js'));

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
