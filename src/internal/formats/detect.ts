/**
 * The formats entry: recognises what a response is and turns it into one Article, and
 * checks articles handed over by code. Throws only FetchError kind `invalid`.
 */
import { FetchError } from '../fetch-json.js';
import type { Article, ArticleAuthor, ArticleImage } from './article.js';
import { fromJsonFeed, fromJsonFeedItem, isJsonFeed, isJsonFeedItem } from './jsonfeed.js';
import type { FormatOptions } from './jsonfeed.js';
import { fromWordPressList, fromWordPressPost, isWordPressPost } from './wordpress.js';
import { invalid, isObject, isoDate, languageTag, optionalArray, optionalDimension, optionalString } from './validate.js';

export type { FormatOptions };

/**
 * The article in a parsed JSON answer: a JSON Feed (1.0 or 1.1) or one of its items, a
 * WordPress post, or a list of WordPress posts. Null when a feed or list is empty (or
 * has no item `itemId`). Anything else, or a wrong type anywhere in the fields used,
 * throws FetchError `invalid`; no other exception escapes, whatever the input.
 */
export function parseArticle(data: unknown, options: FormatOptions = {}): Article | null {
  try {
    if (isJsonFeed(data)) return fromJsonFeed(data, options);
    if (isWordPressPost(data)) return fromWordPressPost(data, options);
    if (Array.isArray(data)) {
      if (data.length === 0) return null;
      if (data.some(isWordPressPost)) return fromWordPressList(data, options);
      return invalid('a list that is not of WordPress posts');
    }
    if (isJsonFeedItem(data)) return fromJsonFeedItem(data, options);
    return invalid('neither a JSON Feed nor a WordPress post');
  } catch (error) {
    if (error instanceof FetchError) throw error;
    // A case the checks above did not foresee is still bad input, not a crash.
    throw new FetchError('invalid', `Not an article: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function checkAuthor(value: unknown): ArticleAuthor {
  if (!isObject(value)) return invalid('an author is not an object');
  const name = optionalString(value, 'name');
  if (name === undefined) invalid('an author has no name');
  const url = optionalString(value, 'url');
  return url === undefined ? { name } : { name, url };
}

function checkImage(value: unknown): ArticleImage {
  if (!isObject(value)) return invalid('"image" is not an object');
  const src = optionalString(value, 'src');
  if (src === undefined) invalid('the image has no src');
  const image: ArticleImage = { src, alt: optionalString(value, 'alt') ?? '' };
  const srcset = optionalString(value, 'srcset');
  const width = optionalDimension(value, 'width');
  const height = optionalDimension(value, 'height');
  if (srcset !== undefined) image.srcset = srcset;
  if (width && height) Object.assign(image, { width, height });
  return image;
}

const OPTIONAL_TEXT = ['id', 'url', 'contentHtml', 'contentText', 'summaryHtml', 'summaryText', 'datePublished', 'dateModified', 'language', 'baseUrl'] as const;

/**
 * An Article handed over by code (the `article` property), checked like network data:
 * JavaScript callers get no type checking, and a bad object must not break rendering.
 * Missing `authors` and `tags` default to empty lists. Returns a clean copy.
 */
export function checkArticle(value: unknown): Article {
  try {
    if (!isObject(value)) return invalid('not an object');
    const title = optionalString(value, 'title');
    if (title === undefined) invalid('no title');
    const authors = (optionalArray(value, 'authors') ?? []).map(checkAuthor);
    const tags = (optionalArray(value, 'tags') ?? []).map((tag) => (typeof tag === 'string' ? tag : invalid('a tag is not a string')));
    const article: Article = { title, authors, tags };
    for (const key of OPTIONAL_TEXT) {
      const text = optionalString(value, key);
      if (text !== undefined) article[key] = text;
    }
    // What rendering formats must be well-formed; a bad date or tag is dropped.
    for (const key of ['datePublished', 'dateModified'] as const) {
      const date = isoDate(article[key]);
      if (date) article[key] = date;
      else delete article[key];
    }
    if (article.language !== undefined) {
      const language = languageTag(article.language);
      if (language) article.language = language;
      else delete article.language;
    }
    if (value.image !== undefined && value.image !== null) article.image = checkImage(value.image);
    return article;
  } catch (error) {
    if (error instanceof FetchError) throw error;
    throw new FetchError('invalid', `Not an article: ${String(error)}`);
  }
}
