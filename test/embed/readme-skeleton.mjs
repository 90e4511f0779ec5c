// Prints the README API tables of every element from custom-elements.json, in the format
// test/node/readme-api.test.mjs reads (test/embed/README-FORMAT.md), as a starting point
// for the README's element sections: `node test/embed/readme-skeleton.mjs` after a build.
import { manifestElements } from './manifest.mjs';

const code = (text) => (text ? `\`${String(text).replace(/\|/g, '\\|')}\`` : '');
const cell = (text) => String(text ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');

export function skeleton(elements = manifestElements()) {
  const out = [];
  for (const { tag, declaration: d } of elements) {
    out.push(`### \`<${tag}>\``, '', cell(d.summary ?? d.description), '');
    const table = (heading, header, rows) => {
      if (!rows.length) return;
      out.push(`#### ${heading}`, '', `| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`), '');
    };
    table(
      'Attributes and properties',
      ['Attribute', 'Property', 'Type', 'Default', 'Description'],
      (d.attributes ?? []).map((a) => [code(a.name), code(a.fieldName) || '—', code(a.type?.text), code(a.default), cell(a.description)]),
    );
    table('Events', ['Event', 'Type', 'Description'], (d.events ?? []).map((e) => [code(e.name), code(e.type?.text), cell(e.description)]));
    table('Slots', ['Slot', 'Description'], (d.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', cell(s.description)]));
    table('CSS parts', ['Part', 'Description'], (d.cssParts ?? []).map((p) => [code(p.name), cell(p.description)]));
    table('CSS custom properties', ['Property', 'Default', 'Description'], (d.cssProperties ?? []).map((p) => [code(p.name), code(p.default), cell(p.description)]));
  }
  return out.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(`${skeleton()}\n`);
