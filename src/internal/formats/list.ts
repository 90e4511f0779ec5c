/**
 * A list of articles from one answer, for `<news-feed>`: every item of a JSON Feed, of a
 * WordPress posts list (or RSS/Atom, see xml-feed.ts), mapped one at a time on demand so
 * a feed of 10,000 items costs only the items shown, and where the next page is, if the
 * source has one. Items are mapped by the same per-item code as `<news-card>`'s.
 */
import type { Article } from './article.js';
import { FormatError } from './format-error.js';
import { fromJsonFeedItem, isJsonFeed, isJsonFeedItem } from './jsonfeed.js';
import { fromPost, isWordPressPost } from './wordpress.js';
import { invalid, isObject, optionalUrl } from './validate.js';
import type { JsonObject } from './validate.js';

export type ArticleListFormat = 'jsonfeed' | 'wordpress' | 'rss' | 'atom';

/** One answer's articles. `item(i)` throws FormatError for an item that is no article. */
export interface ArticleList {
  readonly format: ArticleListFormat;
  readonly count: number;
  item(index: number): Article;
  /** The URL of the next page, when the source says there is one (checked by safeUrl). */
  readonly next?: string;
}

export interface ListOptions {
  /** The answer's URL: relative URLs resolve against it. */
  baseUrl?: string;
  /** The URL asked for: a WordPress list's next page is this URL with `page=` + 1. */
  requestUrl?: string;
  /** The answer's headers (WordPress sends X-WP-TotalPages). */
  headers?: Headers;
}

/**
 * Pages "load more" may follow, whatever the source says (a hostile X-WP-TotalPages of
 * 10^9, or a JSON Feed whose `next_url` leads on for ever). Each page is one click, so no
 * value can make requests by itself; the bound keeps the list itself finite.
 */
export const MAX_PAGES = 100;

/**
 * `url` with its `page` parameter set to `page`, every other parameter kept byte for byte
 * (categories, tags, search, lang, a `rest_route`): the query is edited as text, not
 * re-serialised, so nothing a WordPress site reads is re-encoded. A `page` parameter
 * already there is replaced (`Page` is another parameter); the fragment is dropped (it is
 * never sent).
 */
export function withPage(url: string, page: number): string {
  const hash = url.indexOf('#');
  const bare = hash < 0 ? url : url.slice(0, hash);
  const q = bare.indexOf('?');
  const path = q < 0 ? bare : bare.slice(0, q);
  const pairs = q < 0 ? [] : bare.slice(q + 1).split('&');
  const name = (pair: string) => {
    const raw = pair.split('=', 1)[0]!.replace(/\+/g, ' ');
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  };
  const kept = pairs.filter((pair) => pair !== '' && name(pair) !== 'page');
  return `${path}?${[...kept, `page=${page}`].join('&')}`;
}

/** The `page` of a WordPress list URL (1 when absent or not a positive integer). */
export function pageOf(url: string): number {
  let page = NaN;
  try {
    page = Number(new URL(url, 'http://x/').searchParams.get('page'));
  } catch {
    // An unparsable URL is page 1.
  }
  return Number.isInteger(page) && page > 0 ? page : 1;
}

/** The next page of a WordPress list, from X-WP-TotalPages; undefined on the last one or past MAX_PAGES. */
function wordPressNext({ requestUrl, baseUrl, headers }: ListOptions): string | undefined {
  const total = Number(headers?.get('x-wp-totalpages'));
  const url = requestUrl ?? baseUrl;
  if (!url || !Number.isFinite(total)) return undefined;
  const page = pageOf(url);
  return page < Math.min(total, MAX_PAGES) ? withPage(url, page + 1) : undefined;
}

/** A list over an array whose items `map` turns into articles. */
function listOf(format: ArticleListFormat, items: readonly unknown[], map: (item: unknown) => Article, next?: string): ArticleList {
  return Object.freeze({ format, count: items.length, item: (index: number) => map(items[index]), next });
}

/**
 * The articles of a parsed JSON answer: a JSON Feed (its `next_url` is the next page), a
 * WordPress posts list (X-WP-TotalPages and `page=`), or a lone post or feed item (a list
 * of one). Anything else throws FormatError. Items are not checked here: `item(i)` checks
 * one when it is asked for.
 */
export function parseArticleList(data: unknown, options: ListOptions = {}): ArticleList {
  const base = options.baseUrl;
  const formatOptions = { baseUrl: base };
  try {
    if (isJsonFeed(data)) {
      const feed: JsonObject = data;
      const items = Array.isArray(feed.items) ? feed.items : invalid('items');
      // The next page must pass the URL check and be a page (not mailto:).
      const next = optionalUrl(feed, 'next_url', base);
      return listOf('jsonfeed', items, (item) => fromJsonFeedItem(item, formatOptions, feed), next && /^https?:/.test(next) ? next : undefined);
    }
    if (Array.isArray(data)) {
      if (data.length && !data.some(isWordPressPost)) invalid('list');
      return listOf('wordpress', data, (post) => fromPost(post, formatOptions), data.length ? wordPressNext(options) : undefined);
    }
    if (isWordPressPost(data)) return listOf('wordpress', [data], (post) => fromPost(post, formatOptions));
    if (isJsonFeedItem(data)) return listOf('jsonfeed', [data], (item) => fromJsonFeedItem(item, formatOptions));
    return invalid('format');
  } catch (error) {
    if (error instanceof FormatError) throw error;
    return invalid(String(error));
  }
}

/** `list.item(index)`, or undefined when that item is no article (a list shows the others). */
export function itemOrSkip(list: ArticleList, index: number): Article | undefined {
  try {
    const article = list.item(index);
    return isObject(article) ? article : undefined;
  } catch {
    return undefined;
  }
}
