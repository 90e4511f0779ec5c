/**
 * JSON Feed (https://jsonfeed.org/version/1.1, and 1.0's singular `author`) to Article.
 * A whole feed gives the item whose `id` equals `itemId`, else its first item; a lone
 * item object is read as it is.
 */
import type { Article, ArticleAuthor } from './article.js';
import { htmlToText } from '../sanitize.js';
import {
  cleanText,
  shorten,
  invalid,
  isObject,
  isoDate,
  languageTag,
  optionalArray,
  optionalId,
  optionalObject,
  optionalString,
  optionalUrl,
} from './validate.js';
import type { JsonObject } from './validate.js';

export interface FormatOptions {
  /** The item to pick from a feed or list. */
  itemId?: string;
  /** The response's URL: relative URLs in the data resolve against it. */
  baseUrl?: string;
}

const VERSION = /^https?:\/\/jsonfeed\.org\/version\/1(\.\d+)?\/?$/;

/** A JSON Feed document: an object whose `version` is a jsonfeed.org version URL. */
export function isJsonFeed(data: unknown): data is JsonObject {
  return isObject(data) && typeof data.version === 'string' && VERSION.test(data.version);
}

/** A lone JSON Feed item: it has `content_html` or `content_text`, the fields every item has. */
export function isJsonFeedItem(data: unknown): data is JsonObject {
  return isObject(data) && !('version' in data) && ('content_html' in data || 'content_text' in data);
}

function authorOf(value: unknown, base: string | undefined): ArticleAuthor | undefined {
  if (!isObject(value)) return invalid('an author is not an object');
  const name = cleanText(optionalString(value, 'name') ?? '');
  // An author with only an avatar or URL has nothing to show as a name.
  if (!name) return undefined;
  const url = optionalUrl(value, 'url', base);
  return url ? { name, url } : { name };
}

/** `authors` (1.1) or `author` (1.0); undefined when the object names none. */
function authorsOf(obj: JsonObject, base: string | undefined): ArticleAuthor[] | undefined {
  const list = optionalArray(obj, 'authors');
  if (list) return list.map((a) => authorOf(a, base)).filter((a): a is ArticleAuthor => a !== undefined);
  const single = optionalObject(obj, 'author');
  if (single) {
    const author = authorOf(single, base);
    return author ? [author] : [];
  }
  return undefined;
}

function tagsOf(obj: JsonObject): string[] {
  const tags = optionalArray(obj, 'tags') ?? [];
  // A Set, not Array.includes: a hostile feed can carry a hundred thousand tags.
  const out = new Set<string>();
  for (const tag of tags) {
    if (typeof tag !== 'string') invalid('a tag is not a string');
    const clean = cleanText(tag);
    if (clean) out.add(clean);
  }
  return [...out];
}

/** One item, with the feed's authors and language as defaults (as the spec says). */
export function fromJsonFeedItem(item: unknown, options: FormatOptions = {}, feed?: JsonObject): Article {
  if (!isObject(item)) invalid('the item is not an object');
  const base = options.baseUrl;
  const contentHtml = optionalString(item, 'content_html');
  const contentText = optionalString(item, 'content_text');
  const summary = optionalString(item, 'summary');
  const rawTitle = optionalString(item, 'title');
  // A blank title or summary (producers write "" for none) falls through to the next text.
  const title = cleanText(rawTitle ?? '') || shorten(summary ?? '') || shorten(contentText ?? '') || shorten(htmlToText(contentHtml));
  if (!title) invalid('the item has no title and no text');
  const image = optionalUrl(item, 'image', base) ?? optionalUrl(item, 'banner_image', base);
  const article: Article = {
    title,
    authors: authorsOf(item, base) ?? (feed ? authorsOf(feed, base) : undefined) ?? [],
    tags: tagsOf(item),
  };
  const id = optionalId(item, 'id');
  const url = optionalUrl(item, 'url', base) ?? optionalUrl(item, 'external_url', base);
  const datePublished = isoDate(optionalString(item, 'date_published'));
  const dateModified = isoDate(optionalString(item, 'date_modified'));
  const language = languageTag(optionalString(item, 'language')) ?? (feed ? languageTag(optionalString(feed, 'language')) : undefined);
  if (id !== undefined) article.id = id;
  if (url) article.url = url;
  if (contentHtml?.trim()) article.contentHtml = contentHtml;
  if (contentText?.trim()) article.contentText = contentText;
  if (summary?.trim()) article.summaryText = summary;
  if (image) article.image = { src: image, alt: '' };
  if (datePublished) article.datePublished = datePublished;
  if (dateModified) article.dateModified = dateModified;
  if (language) article.language = language;
  if (base) article.baseUrl = base;
  return article;
}

/** The chosen item of a feed, or null when the feed has no such item (the empty state). */
export function fromJsonFeed(feed: JsonObject, options: FormatOptions = {}): Article | null {
  const items = feed.items;
  if (!Array.isArray(items)) return invalid('the feed has no "items" array');
  const { itemId } = options;
  const item = itemId === undefined ? items[0] : items.find((i) => isObject(i) && (typeof i.id === 'string' || typeof i.id === 'number') && String(i.id) === itemId);
  return item === undefined ? null : fromJsonFeedItem(item, options, feed);
}
