/**
 * RSS 2.0 (https://www.rssboard.org/rss-specification) items to Article, with the modules
 * feeds use: `content:encoded`, Dublin Core (`dc:creator`, `dc:date`), Media RSS. RSS 1.0
 * (RDF) items read the same way, in their namespace. RSS says titles and descriptions may
 * hold entity-encoded HTML: titles become text, descriptions stay HTML for the sanitiser.
 */
import type { Article, ArticleAuthor } from './article.js';
import { cleanText, defined, invalid, nonBlank, shorten, uniqueTexts } from './validate.js';
import type { FormatOptions } from './validate.js';
import { NS, baseOf, childOf, childrenOf, firstImage, htmlText, langOf, mediaImage, rfc3339Date, rfc822Date, rssTitleText, textOf } from './xml.js';
import { languageTag } from './validate.js';
import { safeUrl } from '../sanitize.js';

/** A channel's items: RSS 2.0 `rss > channel > item`, RSS 1.0 `rdf:RDF > item`. Null when `root` is neither. */
export function rssItems(root: Element): { channel: Element; items: Element[]; ns: string | null } | null {
  if (root.localName == 'rss' && root.namespaceURI === null) {
    const channel = childOf(root, null, 'channel') ?? invalid('channel');
    return { channel, items: childrenOf(channel, null, 'item'), ns: null };
  }
  if (root.localName == 'RDF' && root.namespaceURI == NS.rdf) {
    const channel = childOf(root, NS.rss1, 'channel') ?? invalid('channel');
    return { channel, items: childrenOf(root, NS.rss1, 'item'), ns: NS.rss1 };
  }
  return null;
}

/** An item's id: its `guid` (RSS 1.0: `rdf:about`). */
export const rssId = (item: Element, ns: string | null): string | undefined =>
  nonBlank(ns ? (item.getAttributeNS(NS.rdf, 'about') ?? undefined) : textOf(item, null, 'guid'))?.trim();

/** RSS `author` is an email address, by custom `email (Name)`; `Name <email>` is seen too. */
function authorName(value: string): string {
  const text = cleanText(value);
  return cleanText(/^\S+@\S+\s*\((.+)\)$/.exec(text)?.[1] ?? /^(.+?)\s*<[^<>]*>$/.exec(text)?.[1] ?? text);
}

export function fromRssItem(item: Element, channel: Element, ns: string | null, options: FormatOptions): Article {
  const base = baseOf(item, options.baseUrl);
  const encoded = nonBlank(textOf(item, NS.content, 'encoded'));
  const description = nonBlank(textOf(item, ns, 'description'));
  // The body is `content:encoded` when there is one (its description is then the
  // summary), else the description, which many feeds fill with the whole post.
  const contentHtml = encoded ?? description;
  const summaryHtml = encoded && description;
  const authors: ArticleAuthor[] = uniqueTexts([...childrenOf(item, NS.dc, 'creator'), ...childrenOf(item, null, 'author')].map((el) => authorName(el.textContent ?? ''))).map((name) => ({ name }));
  const guid = childOf(item, null, 'guid');
  // A guid is the item's address unless it says otherwise (isPermaLink defaults to true).
  const permalink = !ns && guid && guid.getAttribute('isPermaLink')?.trim() != 'false' ? safeUrl(guid.textContent, base) : undefined;
  const date = textOf(item, null, 'pubDate');
  return defined<Article>({
    title: rssTitleText(textOf(item, ns, 'title')) || shorten(htmlText(summaryHtml)) || shorten(htmlText(contentHtml)) || invalid('title'),
    authors,
    // WordPress files every post without a category under its default one: noise on a card.
    tags: uniqueTexts(childrenOf(item, null, 'category').map((el) => el.textContent ?? '')).filter((tag) => tag.toLowerCase() != 'uncategorized'),
    id: rssId(item, ns),
    url: safeUrl(textOf(item, ns, 'link'), base) ?? permalink,
    contentHtml,
    summaryHtml,
    image: mediaImage(item, base, childrenOf(item, null, 'enclosure'), 'url') ?? firstImage(contentHtml, base) ?? firstImage(summaryHtml, base),
    datePublished: (date === undefined ? undefined : rfc822Date(date)) ?? rfc3339Date(textOf(item, NS.dc, 'date')),
    language: langOf(item) ?? languageTag(textOf(channel, null, 'language') ?? textOf(channel, NS.dc, 'language')),
    baseUrl: base || undefined,
  });
}
