#!/usr/bin/env node
// Pre-renders a <news-card> (or, with --feed, a <news-feed>) for pages no Node server renders
// (PHP, WordPress themes, static sites): fetches a JSON Feed, feed item or WordPress post URL
// (with --feed, a JSON Feed or WordPress posts list) and writes the element as an HTML snippet
// with a declarative shadow root, to be included in the page (`readfile()` in PHP) next to the
// element's script, which adopts it without fetching again. Run it again on
// publish (a WordPress `save_post` hook, a CMS webhook or cron): it writes the new snippet
// beside the old one and renames it over, so a page never includes half a file, and on any
// failure it exits non-zero and leaves the old snippet in place.
//
//   node scripts/prerender.mjs URL [--item-id ID] [--variant card|full] [--lang LANG]
//                                  [--heading-level N] [--theme light|dark] [--out FILE]
//   node scripts/prerender.mjs URL --feed [--limit N] [--layout list|grid] [--heading TEXT]
//                                  [--label TEXT] [--src URL] [--lang LANG] [--heading-level N]
//                                  [--theme light|dark] [--out FILE]
//
// A feed snippet holds every article of the feed's first page (the first --limit shown, the
// rest for "load more", no request) and `src` (the URL, or --src when readers reach the
// feed at another address), where "load more" goes on from there.
//
// Needs `npm run build` and the optional peers @lit-labs/ssr and jsdom. Without --out the
// snippet goes to standard output. See README, "Server-side rendering".
import { renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const USAGE = `usage: node scripts/prerender.mjs URL [--item-id ID] [--variant card|full] [--lang LANG] [--heading-level N] [--theme light|dark] [--out FILE]
       node scripts/prerender.mjs URL --feed [--limit N] [--layout list|grid] [--heading TEXT] [--label TEXT] [--src URL] [--lang LANG] [--heading-level N] [--theme light|dark] [--out FILE]`;
const CARD_ONLY = ['item-id', 'variant'];
const FEED_ONLY = ['limit', 'layout', 'heading', 'label', 'src'];

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
      feed: { type: 'boolean', default: false },
      limit: { type: 'string' },
      layout: { type: 'string' },
      heading: { type: 'string' },
      label: { type: 'string' },
      src: { type: 'string' },
      out: { type: 'string' },
      timeout: { type: 'string', default: '15000' },
    },
  });
  if (args.positionals.length !== 1) throw new Error('one URL expected');
  if (args.values.variant && !['card', 'full'].includes(args.values.variant)) throw new Error('--variant is card or full');
  if (args.values.theme && !['light', 'dark'].includes(args.values.theme)) throw new Error('--theme is light or dark');
  const wrong = (args.values.feed ? CARD_ONLY : FEED_ONLY).find((name) => args.values[name] !== undefined);
  if (wrong) throw new Error(`--${wrong} is for ${args.values.feed ? 'a card, not --feed' : '--feed only'}`);
  if (args.values.layout && !['list', 'grid'].includes(args.values.layout)) throw new Error('--layout is list or grid');
  if (args.values.limit !== undefined && !/^[1-9]\d*$/.test(args.values.limit)) throw new Error('--limit is a whole number from 1');
} catch (error) {
  console.error(`prerender: ${error.message}\n${USAGE}`);
  process.exit(2);
}

const { values, positionals } = args;
const [url] = positionals;
try {
  const { fetchArticle, fetchArticles, renderNewsCard, renderNewsFeed, useJsdom } = await import('lapa-widgets/ssr');
  await useJsdom();
  const signal = AbortSignal.timeout(Number(values.timeout));
  const level = values['heading-level'] === undefined ? undefined : Number(values['heading-level']);
  const shared = { lang: values.lang, headingLevel: level, theme: values.theme };
  let html;
  if (values.feed) {
    // An empty feed is a snippet too: the element shows its empty state.
    const articles = await fetchArticles(url, { signal });
    const { limit, layout, heading, label, src = url } = values;
    html = await renderNewsFeed(articles, { ...shared, limit: limit && Number(limit), layout, heading, label, src });
  } else {
    const article = await fetchArticle(url, { itemId: values['item-id'], signal });
    if (!article) throw new Error(`${url}: the feed has no article`);
    html = await renderNewsCard(article, { ...shared, variant: values.variant });
  }
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
