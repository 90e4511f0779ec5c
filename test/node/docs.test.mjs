// The element pages of docs/ agree with custom-elements.json (npm run build writes it): each
// page's generated blocks are what scripts/docs.mjs would write now, so a property, event,
// slot, part or custom property added, renamed or redescribed in the sources fails here
// until `npm run docs` has rewritten the pages. Also: every image a page shows exists, and
// the docs index links every page.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { apiBlock, DOCS_DIR, elementPages, renderPage, screenshotPath, SHOTS } from '../../scripts/docs.mjs';
import { manifestElements } from '../embed/manifest.mjs';

const pages = elementPages();
const markdownFiles = readdirSync(DOCS_DIR).filter((f) => f.endsWith('.md'));

describe('docs element pages against custom-elements.json', () => {
  it('has a page for every element of the manifest', () => {
    assert.deepEqual(
      pages.filter((p) => p.current === undefined).map((p) => `docs/${p.tag}.md`),
      [],
      'run npm run docs to create them',
    );
  });

  for (const { tag, current, expected } of pages) {
    it(`docs/${tag}.md has the generated tables scripts/docs.mjs writes (run npm run docs)`, () => {
      assert.equal(current, expected);
    });

    it(`docs/${tag}.md shows a live example and the screenshots, which exist`, () => {
      assert.match(current ?? '', new RegExp(`^\`\`\`html live\\n[\\s\\S]*?<${tag}[\\s>]`, 'm'));
      for (const shot of SHOTS) {
        const path = screenshotPath(tag, shot.id);
        assert.ok(current?.includes(`](${path})`), `docs/${tag}.md shows ${path}`);
        assert.ok(existsSync(new URL(path, DOCS_DIR)), `docs/${path} exists (npm run screenshots)`);
      }
    });
  }

  it('rewrites only the generated blocks, keeps the prose, and refuses a page without the api block', () => {
    const [{ tag, declaration }] = manifestElements();
    const page = `# Prose before\n\n<!-- generated:api start -->\nstale\n<!-- generated:api end -->\n\nProse after.\n`;
    assert.equal(renderPage(page, tag, declaration), `# Prose before\n\n<!-- generated:api start -->\n${apiBlock(declaration).replace(/\n*$/, '\n')}<!-- generated:api end -->\n\nProse after.\n`);
    assert.throws(() => renderPage('# No block\n', tag, declaration), /no <!-- generated:api start -->/);
    assert.throws(() => renderPage(`${page}<!-- generated:other start -->\n<!-- generated:other end -->\n`, tag, declaration), /unknown generated block/);
  });

  it('generates a table row for every attribute, event, slot, part and custom property', () => {
    for (const { declaration: d } of manifestElements()) {
      const block = apiBlock(d);
      const names = [
        ...(d.attributes ?? []).map((a) => a.name),
        ...(d.events ?? []).map((e) => e.name),
        ...(d.slots ?? []).map((s) => s.name),
        ...(d.cssParts ?? []).map((p) => p.name),
        ...(d.cssProperties ?? []).map((p) => p.name),
      ];
      for (const name of names) assert.ok(block.includes(name ? `| \`${name}\` |` : '| (default) |'), `${d.tagName}: ${name || 'default slot'}`);
    }
  });
});

describe('docs/README.md, the index', () => {
  const index = readFileSync(new URL('README.md', DOCS_DIR), 'utf8');
  it('links every page of docs/', () => {
    const missing = markdownFiles.filter((f) => f !== 'README.md' && !index.includes(`](${f})`));
    assert.deepEqual(missing, []);
  });
});
