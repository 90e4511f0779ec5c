// `lapa-widgets/ssr` alone (Node): rendering a card and a feed on the server from their data.
import { fetchArticle, fetchArticles, renderNewsCard, renderNewsFeed, useJsdom } from 'lapa-widgets/ssr';
import type { NewsFeedAttributes } from 'lapa-widgets/ssr';

await useJsdom();
const article = await fetchArticle('https://example.org/feed.json', { itemId: '42' });
if (article) {
  const html: string = await renderNewsCard(article, { variant: 'full', lang: 'lv' });
  console.log(html.length, article.title);
}
const attributes: NewsFeedAttributes = { limit: 5, layout: 'grid', heading: 'Ziņas', headingLevel: 2, src: 'https://example.org/feed.json' };
const feed: string = await renderNewsFeed(await fetchArticles('https://example.org/feed.json'), attributes);
// @ts-expect-error a layout the feed does not have
await renderNewsFeed([], { layout: 'masonry' });
console.log(feed.length);
