// The README's API tables agree with custom-elements.json (generated from the sources by
// npm run build): every attribute, event, slot, CSS part and CSS custom property the
// manifest declares for an element is in that element's README section, and the README
// names none the manifest does not have. The expected README format is in
// test/embed/README-FORMAT.md.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { manifestElements } from '../embed/manifest.mjs';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/**
 * Table kinds, by the first header cell of the table. A "Property" table holds CSS custom
 * properties when its names start with `--`; otherwise it lists JavaScript properties,
 * which the manifest does not split out, and is not read.
 */
const KINDS = [
  { kind: 'attributes', header: /^attributes?$/i, manifest: 'attributes' },
  { kind: 'events', header: /^events?$/i, manifest: 'events' },
  { kind: 'slots', header: /^slots?$/i, manifest: 'slots' },
  { kind: 'parts', header: /^(css )?parts?$/i, manifest: 'cssParts' },
  { kind: 'custom properties', header: /^(css )?(custom )?propert(y|ies)$/i, manifest: 'cssProperties', names: /^--/ },
];
const DEFAULT_SLOT = '(default)';
/** A first cell that names nothing: a property-only row of the attributes table. */
const NONE = /^(—|-|–)?$/;
/** Global HTML attributes a section may list beside the element's own. */
const GLOBAL_ATTRIBUTES = new Set(['lang', 'dir', 'hidden']);

/** `### \`<tag>\`` sections of the README: tag -> section text (up to the next ## or ### heading). */
export function elementSections(markdown) {
  const sections = new Map();
  const lines = markdown.split('\n');
  let current = null;
  let inFence = false;
  for (const line of lines) {
    if (/^```/.test(line)) inFence = !inFence;
    if (!inFence && /^#{2,3} /.test(line)) {
      const match = /^### `<([a-z][a-z0-9]*-[a-z0-9-]*)>`/.exec(line);
      current = match ? match[1] : null;
      if (current) sections.set(current, []);
      continue;
    }
    if (current) sections.get(current).push(line);
  }
  return new Map([...sections].map(([tag, body]) => [tag, body.join('\n')]));
}

/** The markdown tables of a section under `####` headings: [{ heading, header: [...], rows: [[...]] }]. */
export function tables(section) {
  const out = [];
  let heading = '';
  let table = null;
  let inFence = false;
  for (const line of section.split('\n')) {
    if (/^```/.test(line)) inFence = !inFence;
    if (inFence) continue;
    if (/^#### /.test(line)) {
      heading = line.slice(5).trim();
      table = null;
      continue;
    }
    if (/^\s*\|/.test(line)) {
      const cells = line
        .trim()
        .replace(/^\||\|$/g, '')
        .split(/(?<!\\)\|/)
        .map((c) => c.trim());
      if (!table) {
        table = { heading, header: cells, rows: [] };
        out.push(table);
      } else if (!cells.every((c) => /^:?-{3,}:?$/.test(c))) {
        table.rows.push(cells);
      }
    } else {
      table = null;
    }
  }
  return out;
}

/**
 * The names in a table's first column: code spans unwrapped, `<key>` placeholders turned
 * into `*` patterns, rows without a name (property-only rows) left out.
 */
const names = (table) =>
  table.rows
    .map((row) => row[0].replace(/`/g, '').replace(/\\\|/g, '|').replace(/<[^>]+>/g, '*').trim())
    .filter((name) => !NONE.test(name));

/** Whether a README name (possibly a `*` pattern such as `*-label`) covers a manifest name. */
const covers = (pattern, name) => (pattern.includes('*') ? new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(name) : pattern === name);

/** The tables of `kind` in a section (several are merged). */
function tablesOf(found, { header, names: only }) {
  return found.filter((t) => header.test(t.header[0] ?? '') && (!only || names(t).every((n) => only.test(n))));
}

const sections = elementSections(README);
const elements = manifestElements();

describe('README API tables against custom-elements.json', () => {
  it("has a section headed with the tag for every element in the manifest, and none for others", () => {
    assert.deepEqual([...sections.keys()].sort(), elements.map((e) => e.tag).sort());
  });

  for (const { tag, declaration } of elements) {
    describe(`<${tag}>`, () => {
      const found = tables(sections.get(tag) ?? '');

      for (const spec of KINDS) {
        const { kind, manifest } = spec;
        it(`documents exactly the ${kind} the manifest declares`, () => {
          const expected = (declaration[manifest] ?? []).map((item) => (kind === 'slots' && item.name === '' ? DEFAULT_SLOT : item.name));
          const matching = tablesOf(found, spec);
          if (expected.length === 0 && matching.length === 0) return;
          assert.ok(matching.length > 0, `a table of ${kind} (first column headed "${spec.header.source}") in the <${tag}> section`);
          const documented = matching.flatMap(names);
          const extra = documented.filter((p) => !p.includes('*') && !expected.includes(p) && !(kind === 'attributes' && GLOBAL_ATTRIBUTES.has(p)));
          assert.deepEqual(
            { missingFromReadme: expected.filter((name) => !documented.some((p) => covers(p, name))), notInManifest: extra },
            { missingFromReadme: [], notInManifest: [] },
          );
        });
      }

      it('gives each attribute the property the manifest maps it to', () => {
        const wrong = [];
        for (const table of tablesOf(found, KINDS[0])) {
          const column = table.header.findIndex((h) => /^property$/i.test(h));
          if (column < 0) continue;
          for (const row of table.rows) {
            const attribute = row[0].replace(/`/g, '').trim();
            const property = (row[column] ?? '').replace(/`/g, '').replace(/^\./, '').trim();
            const declared = declaration.attributes?.find((a) => a.name === attribute);
            if (declared?.fieldName && !NONE.test(property) && property !== declared.fieldName) wrong.push(`${attribute}: README ${property}, manifest ${declared.fieldName}`);
          }
        }
        assert.deepEqual(wrong, []);
      });
    });
  }
});

describe('README structure', () => {
  it('has each section once (a merge once pasted a second copy of half the README)', () => {
    let inFence = false;
    const headings = README.split('\n').filter((line) => {
      if (/^```/.test(line)) inFence = !inFence;
      return !inFence && /^#{1,3} /.test(line);
    });
    const repeated = headings.filter((h, i) => headings.indexOf(h) !== i);
    assert.deepEqual(repeated, []);
  });
});

describe('the README table parser', () => {
  it('reads sections, headings, tables, code spans, escaped pipes and patterns', () => {
    const md = [
      '## Elements',
      '### `<x-card>`',
      'Intro.',
      '#### Attributes',
      '| Attribute | Property | Type |',
      '| --- | --- | --- |',
      "| `variant` | `variant` | `'a' \\| 'b'` |",
      '| `*-label` | — | `string` |',
      '| — | `article` | `Article` |',
      '| `<key>-text` | | `string` |',
      '```html',
      '### `<not-a-section>`',
      '```',
      '#### CSS parts',
      '| Part | Description |',
      '|:---|---:|',
      '| `base` | The wrapper. |',
      '## License',
      '| `outside` | no |',
    ].join('\n');
    const parsed = elementSections(md);
    assert.deepEqual([...parsed.keys()], ['x-card']);
    const t = tables(parsed.get('x-card'));
    assert.deepEqual(t.map((x) => [x.heading, names(x)]), [
      ['Attributes', ['variant', '*-label', '*-text']],
      ['CSS parts', ['base']],
    ]);
    assert.deepEqual(tablesOf(t, KINDS[0]).length, 1);
    assert.deepEqual(tablesOf(t, KINDS[3]).length, 1);
    assert.deepEqual(tablesOf(t, KINDS[4]).length, 0);
    assert.equal(t[0].rows[0][2], "`'a' \\| 'b'`");
    assert.ok(covers('*-label', 'read-more-label'));
    assert.ok(!covers('*-label', 'src'));
  });
});
