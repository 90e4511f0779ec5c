/**
 * JSON Feed (https://jsonfeed.org/version/1.1, and 1.0's singular `author`) to Article.
 * A whole feed gives the item whose `id` equals `itemId`, else its first item; a lone
 * item object is read as it is.
 */
import type { Article, ArticleAuthor } from './article.js';
import { htmlToText } from '../sanitize.js';
import {
  cleanText,
  defined,
  invalid,
  isObject,
  isoDate,
  languageTag,
  nonBlank,
  optionalArray,
  optionalId,
  optionalObject,
  optionalString,
  optionalUrl,
  pick,
  shorten,
  uniqueTexts,
} from './validate.js';
import type { FormatOptions, JsonObject } from './validate.js';

/** A JSON Feed document: an object whose `version` is a jsonfeed.org version URL. */
export const isJsonFeed = (data: unknown): data is JsonObject =>
  isObject(data) && typeof data.version == 'string' && /^https?:\/\/jsonfeed\.org\/version\/1(\.\d+)?\/?$/.test(data.version);

/** A lone JSON Feed item: it has `content_html` or `content_text`, the fields every item has. */
export const isJsonFeedItem = (data: unknown): data is JsonObject => isObject(data) && !('version' in data) && ('content_html' in data || 'content_text' in data);

/** `authors` (1.1) or `author` (1.0); undefined when the object names none. An author with only an avatar or URL has no name to show. */
function authorsOf(obj: JsonObject, base: string | undefined): ArticleAuthor[] | undefined {
  return (optionalArray(obj, 'authors') ?? (optionalObject(obj, 'author') && [obj.author]))?.flatMap((author) => {
    if (!isObject(author)) return invalid('author');
    const name = cleanText(optionalString(author, 'name') ?? '');
    return name ? [defined({ name, url: optionalUrl(author, 'url', base) })] : [];
  });
}

/** One item, with the feed's authors and language as defaults (as the spec says). */
export function fromJsonFeedItem(item: unknown, options: FormatOptions, feed?: JsonObject): Article {
  if (!isObject(item)) return invalid('item');
  const base = options.baseUrl;
  const text = (key: string) => optionalString(item, key);
  const contentHtml = text('content_html');
  const contentText = text('content_text');
  const summary = text('summary');
  const image = optionalUrl(item, 'image', base) ?? optionalUrl(item, 'banner_image', base);
  return defined<Article>({
    // A blank title or summary (producers write "" for none) falls through to the next text.
    title: cleanText(text('title') ?? '') || shorten(summary ?? '') || shorten(contentText ?? '') || shorten(htmlToText(contentHtml)) || invalid('title'),
    authors: authorsOf(item, base) ?? (feed && authorsOf(feed, base)) ?? [],
    tags: uniqueTexts((optionalArray(item, 'tags') ?? []).map((tag) => (typeof tag == 'string' ? tag : invalid('tags')))),
    id: optionalId(item, 'id'),
    url: optionalUrl(item, 'url', base) ?? optionalUrl(item, 'external_url', base),
    contentHtml: nonBlank(contentHtml),
    contentText: nonBlank(contentText),
    summaryText: nonBlank(summary),
    image: image ? { src: image, alt: '' } : undefined,
    datePublished: isoDate(text('date_published')),
    dateModified: isoDate(text('date_modified')),
    language: languageTag(text('language')) ?? (feed && languageTag(optionalString(feed, 'language'))),
    baseUrl: base || undefined,
  });
}

/** The chosen item of a feed, or null when the feed has no such item (the empty state). */
export function fromJsonFeed(feed: JsonObject, options: FormatOptions): Article | null {
  const item = pick(Array.isArray(feed.items) ? feed.items : invalid('items'), options.itemId);
  return item === undefined ? null : fromJsonFeedItem(item, options, feed);
}
