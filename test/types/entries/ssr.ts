// `lapa-widgets/ssr` alone (Node): rendering a card on the server from its data.
import { fetchArticle, renderNewsCard, useJsdom } from 'lapa-widgets/ssr';

await useJsdom();
const article = await fetchArticle('https://example.org/feed.json', { itemId: '42' });
if (article) {
  const html: string = await renderNewsCard(article, { variant: 'full', lang: 'lv' });
  console.log(html.length, article.title);
}
