#!/usr/bin/env node
// Pre-renders a <news-card> for pages no Node server renders (PHP, WordPress themes, static
// sites): fetches a JSON Feed, feed item or WordPress post URL and writes the card as an HTML
// snippet with a declarative shadow root, to be included in the page (`readfile()` in PHP)
// next to the element's script, which adopts it without fetching again. Run it again on
// publish (a WordPress `save_post` hook, a CMS webhook or cron): it writes the new snippet
// beside the old one and renames it over, so a page never includes half a file, and on any
// failure it exits non-zero and leaves the old snippet in place.
//
//   node scripts/prerender.mjs URL [--item-id ID] [--variant card|full] [--lang LANG]
//                                  [--heading-level N] [--theme light|dark] [--out FILE]
//
// Needs `npm run build` and the optional peers @lit-labs/ssr and jsdom. Without --out the
// snippet goes to standard output. See README, "Server-side rendering".
import { renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const USAGE = 'usage: node scripts/prerender.mjs URL [--item-id ID] [--variant card|full] [--lang LANG] [--heading-level N] [--theme light|dark] [--out FILE]';

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      'item-id': { type: 'string' },
      variant: { type: 'string' },
      lang: { type: 'string' },
      'heading-level': { type: 'string' },
      theme: { type: 'string' },
      out: { type: 'string' },
      timeout: { type: 'string', default: '15000' },
    },
  });
  if (args.positionals.length !== 1) throw new Error('one URL expected');
  if (args.values.variant && !['card', 'full'].includes(args.values.variant)) throw new Error('--variant is card or full');
  if (args.values.theme && !['light', 'dark'].includes(args.values.theme)) throw new Error('--theme is light or dark');
} catch (error) {
  console.error(`prerender: ${error.message}\n${USAGE}`);
  process.exit(2);
}

const { values, positionals } = args;
const [url] = positionals;
try {
  const { fetchArticle, renderNewsCard, useJsdom } = await import('lapa-widgets/ssr');
  await useJsdom();
  const article = await fetchArticle(url, { itemId: values['item-id'], signal: AbortSignal.timeout(Number(values.timeout)) });
  if (!article) throw new Error(`${url}: the feed has no article`);
  const level = values['heading-level'] === undefined ? undefined : Number(values['heading-level']);
  const html = await renderNewsCard(article, { variant: values.variant, lang: values.lang, headingLevel: level, theme: values.theme });
  const snippet = `<!-- lapa-widgets prerender of ${url.replace(/--/g, '%2D%2D')} -->\n${html}\n`;
  if (values.out) {
    const temp = `${values.out}.${process.pid}.tmp`;
    writeFileSync(temp, snippet);
    renameSync(temp, values.out);
    console.error(`prerender: wrote ${values.out} (${Buffer.byteLength(snippet)} bytes)`);
  } else {
    process.stdout.write(snippet);
  }
} catch (error) {
  console.error(`prerender: ${error.message}`);
  process.exit(1);
}
