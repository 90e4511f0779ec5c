// The README's table of contents, made from its ## and ### headings (GitHub's anchors).
//   node scripts/readme-toc.mjs          rewrites the "## Contents" section of README.md
// test/node/readme-toc.test.mjs fails when the section and the headings disagree.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const README = fileURLToPath(new URL('../README.md', import.meta.url));

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to dashes. */
export const anchor = (heading) =>
  heading
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{N}_\- ]/gu, '')
    .replace(/ /g, '-');

/** The Contents section for `markdown`: every ## and ### heading outside code fences, after it. */
export function contents(markdown) {
  const seen = new Map();
  const items = [];
  let fence = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fence = !fence;
    const match = !fence && /^(##|###) (.+)$/.exec(line);
    if (!match || match[2] === 'Contents') continue;
    const base = anchor(match[2]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    items.push(`${match[1] === '###' ? '  ' : ''}- [${match[2]}](#${n ? `${base}-${n}` : base})`);
  }
  return `## Contents\n\n${items.join('\n')}\n`;
}

/** The Contents section as README.md has it now (up to the next ## heading). */
export const currentContents = (markdown) => /^## Contents\n[\s\S]*?(?=^## )/m.exec(markdown)?.[0].replace(/\n+$/, '\n');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const markdown = readFileSync(README, 'utf8');
  const current = currentContents(markdown);
  if (!current) throw new Error('README.md has no "## Contents" section to rewrite');
  writeFileSync(README, markdown.replace(current, contents(markdown)));
  console.log('README.md: contents rewritten');
}
