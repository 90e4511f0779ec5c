// Writes dist/ssr-style-hashes.json: the CSP hash of the `<style>` Lit SSR writes into each
// server-rendered element's shadow root, for a page's `style-src` (the README's strict CSP
// blocks that inline style otherwise). Taken from a real server render of each element, so
// the hash is of exactly the text a page receives. Run by `npm run build`, after rollup.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';

const { renderNewsCard, renderNewsFeed } = await import('../dist/ssr.js');

const article = { title: 'Style hash', authors: [], tags: [] };
// One per element: a feed's compact cards are its own shadow root's, under its one <style>.
const rendered = { 'news-card': await renderNewsCard(article), 'news-feed': await renderNewsFeed([article]) };

const hashes = {};
for (const [tag, html] of Object.entries(rendered)) {
  const styles = [...html.matchAll(/<style>([^]*?)<\/style>/g)].map((m) => m[1]);
  if (styles.length !== 1) throw new Error(`ssr-style-hashes: ${tag} rendered ${styles.length} <style> elements, expected 1`);
  hashes[tag] = `sha256-${createHash('sha256').update(styles[0], 'utf8').digest('base64')}`;
}
writeFileSync(new URL('../dist/ssr-style-hashes.json', import.meta.url), `${JSON.stringify(hashes, null, 2)}\n`);
console.log(`dist/ssr-style-hashes.json: ${Object.entries(hashes).map(([tag, hash]) => `${tag} '${hash}'`).join(', ')}`);
