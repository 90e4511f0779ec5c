/**
 * The formats entry: recognises what a response is and turns it into one Article, and
 * checks articles handed over by code. Throws only FormatError.
 */
import { FormatError } from './format-error.js';
import type { Article } from './article.js';
import { fromJsonFeed, fromJsonFeedItem, isJsonFeed, isJsonFeedItem } from './jsonfeed.js';
import { fromWordPress, isWordPressPost } from './wordpress.js';
import { defined, invalid, isObject, isoDate, languageTag, optionalArray, optionalObject, optionalString, size } from './validate.js';
import type { FormatOptions } from './validate.js';

export type { FormatOptions };
export { FormatError };

/** Runs `read`; a failure the checks did not foresee is still bad input, not a crash. */
function onlyInvalid<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof FormatError)) invalid(String(error));
    throw error;
  }
}

/**
 * The article in a parsed JSON answer: a JSON Feed (1.0 or 1.1) or one of its items, a
 * WordPress post, or a list of WordPress posts. Null when a feed or list is empty (or
 * has no item `itemId`). Anything else, or a wrong type anywhere in the fields used,
 * throws FormatError; no other exception escapes, whatever the input.
 */
export const parseArticle = (data: unknown, options: FormatOptions = {}): Article | null =>
  onlyInvalid(() =>
    isJsonFeed(data)
      ? fromJsonFeed(data, options)
      : isWordPressPost(data) || Array.isArray(data)
        ? fromWordPress(data, options)
        : isJsonFeedItem(data)
          ? fromJsonFeedItem(data, options)
          : invalid('format'),
  );

/**
 * An Article handed over by code (the `article` property), checked like network data:
 * JavaScript callers get no type checking, and a bad object must not break rendering.
 * Missing `authors` and `tags` default to empty lists; a bad date or language tag is
 * dropped. Returns a clean copy.
 */
export const checkArticle = (value: unknown): Article =>
  onlyInvalid(() => {
    if (!isObject(value)) return invalid('object');
    const text = (key: string) => optionalString(value, key);
    const image = optionalObject(value, 'image');
    return defined<Article>({
      title: text('title') ?? invalid('title'),
      authors: (optionalArray(value, 'authors') ?? []).map((a) => (isObject(a) ? defined({ name: optionalString(a, 'name') ?? invalid('author'), url: optionalString(a, 'url') }) : invalid('author'))),
      tags: (optionalArray(value, 'tags') ?? []).map((tag) => (typeof tag == 'string' ? tag : invalid('tag'))),
      id: text('id'),
      url: text('url'),
      contentHtml: text('contentHtml'),
      contentText: text('contentText'),
      summaryHtml: text('summaryHtml'),
      summaryText: text('summaryText'),
      image: image && defined({ src: optionalString(image, 'src') ?? invalid('image'), alt: optionalString(image, 'alt') ?? '', srcset: optionalString(image, 'srcset'), ...size(image.width, image.height) }),
      // What rendering formats must be well-formed.
      datePublished: isoDate(text('datePublished')),
      dateModified: isoDate(text('dateModified')),
      language: languageTag(text('language')),
      baseUrl: text('baseUrl'),
    });
  });
