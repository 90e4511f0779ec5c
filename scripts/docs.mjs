// The element pages of docs/ (docs/<tag>.md): their API tables are generated from
// custom-elements.json (npm run build writes it), the rest of each page is written by hand.
//   npm run docs        rewrites the generated blocks of every element page
// Only what lies between `<!-- generated:NAME start -->` and `<!-- generated:NAME end -->`
// is rewritten; a page that does not exist yet is created with empty prose around the blocks.
// test/node/docs.test.mjs fails when a committed page differs from what this would write.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { manifestElements } from '../test/embed/manifest.mjs';

export const DOCS_DIR = new URL('../docs/', import.meta.url);

/** The screenshots scripts/screenshots.mjs takes of every element: docs/screenshots/<tag>-<id>.png. */
export const SHOTS = [
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark (`prefers-color-scheme: dark`)' },
  { id: 'ka', label: 'Georgian (`lang="ka"`)' },
];

export const screenshotPath = (tag, shot) => `screenshots/${tag}-${shot}.png`;

const BLOCK = /<!-- generated:([a-z-]+) start -->\n[\s\S]*?<!-- generated:\1 end -->/g;

/** Text for a table cell: one line, pipes escaped (inside code spans too, as GitHub wants). */
const cell = (text) => String(text ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
/** A code span, or nothing for an empty value. */
const code = (text) => (text ? `\`${cell(text)}\`` : '');

function table(heading, header, rows) {
  if (!rows.length) return [];
  return [`### ${heading}`, '', `| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`), ''];
}

const isPublic = (member) => !member.static && member.privacy !== 'private' && member.privacy !== 'protected' && !/^[_#]/.test(member.name);

/** The API tables of one element's manifest declaration, as Markdown. */
export function apiBlock(d) {
  const members = (d.members ?? []).filter(isPublic);
  const attributes = new Set((d.attributes ?? []).map((a) => a.fieldName).filter(Boolean));
  const out = [cell(d.summary ?? d.description), ''];
  out.push(
    ...table(
      'Attributes',
      ['Attribute', 'Property', 'Type', 'Default', 'Description'],
      (d.attributes ?? []).map((a) => [code(a.name), code(a.fieldName) || '—', code(a.type?.text), code(a.default), cell(a.description)]),
    ),
    ...table(
      'Properties',
      ['Property', 'Type', 'Default', 'Description'],
      members
        .filter((m) => m.kind === 'field' && !attributes.has(m.name))
        .map((m) => [code(m.name), code(m.type?.text), code(m.default), cell(`${m.readonly ? 'Read-only. ' : ''}${m.description ?? ''}`)]),
    ),
    ...table(
      'Methods',
      ['Method', 'Description'],
      members.filter((m) => m.kind === 'method').map((m) => [code(`${m.name}(${(m.parameters ?? []).map((p) => p.name).join(', ')})`), cell(m.description)]),
    ),
    ...table('Events', ['Event', 'Type', 'Description'], (d.events ?? []).map((e) => [code(e.name), code(e.type?.text), cell(e.description)])),
    ...table('Slots', ['Slot', 'Description'], (d.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', cell(s.description)])),
    ...table('CSS parts', ['Part', 'Description'], (d.cssParts ?? []).map((p) => [code(p.name), cell(p.description)])),
    ...table(
      'CSS custom properties',
      ['Property', 'Default', 'Description'],
      (d.cssProperties ?? []).map((p) => [code(p.name), code(p.default), cell(p.description)]),
    ),
    ...table('Custom states', ['State', 'Description'], (d.cssStates ?? []).map((s) => [code(s.name), cell(s.description)])),
  );
  return out.join('\n');
}

/** The screenshots table of one element (the images scripts/screenshots.mjs writes). */
export function screenshotsBlock(tag) {
  return [
    `| ${SHOTS.map((s) => s.label).join(' | ')} |`,
    `| ${SHOTS.map(() => '---').join(' | ')} |`,
    `| ${SHOTS.map((s) => `![<${tag}>, ${s.id}](${screenshotPath(tag, s.id)})`).join(' | ')} |`,
    '',
    'Made by `npm run screenshots` from the live example above; not edited by hand.',
    '',
  ].join('\n');
}

const wrap = (name, body) => `<!-- generated:${name} start -->\n${body.replace(/\n*$/, '\n')}<!-- generated:${name} end -->`;

/** A new page: the generated blocks under the heading, prose to be written around them. */
const skeleton = (tag) => `# \`<${tag}>\`\n\n## Screenshots\n\n${wrap('screenshots', '')}\n\n## API\n\n${wrap('api', '')}\n`;

/**
 * `page` with its generated blocks rewritten for `tag`. Throws for a page without an `api`
 * block or with a block of an unknown name, so a broken marker cannot go unnoticed.
 */
export function renderPage(page, tag, declaration) {
  const blocks = { api: apiBlock(declaration), screenshots: screenshotsBlock(tag) };
  const names = [...page.matchAll(BLOCK)].map((m) => m[1]);
  const unknown = names.filter((n) => !(n in blocks));
  if (unknown.length) throw new Error(`docs/${tag}.md: unknown generated block(s) ${unknown.join(', ')}`);
  if (!names.includes('api')) throw new Error(`docs/${tag}.md has no <!-- generated:api start --> … <!-- generated:api end --> block`);
  return page.replace(BLOCK, (_, name) => wrap(name, blocks[name]));
}

/** Every element page as the script would write it: [{ file: URL, tag, current, expected }]. */
export function elementPages(elements = manifestElements()) {
  return elements.map(({ tag, declaration }) => {
    const file = new URL(`${tag}.md`, DOCS_DIR);
    const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    return { file, tag, current, expected: renderPage(current ?? skeleton(tag), tag, declaration) };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const { file, tag, current, expected } of elementPages()) {
    if (current === expected) continue;
    writeFileSync(file, expected);
    console.log(`docs/${tag}.md ${current === undefined ? 'created' : 'rewritten'}`);
  }
}
