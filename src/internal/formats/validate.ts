/**
 * Shape and type checks shared by the format adapters. Data from the network is
 * untrusted: a field we use that has the wrong type makes the whole answer `invalid`
 * (a FormatError the element shows like any other failure), never an exception of another
 * kind. `null` counts as absent, as producers write it for empty optional fields.
 * Dates that do not parse and URLs that fail the URL check are dropped, not fatal: they
 * are common in the wild and the rest of the article is still worth showing.
 */
import { isObject } from '../fetch-json.js';
import { FormatError } from './format-error.js';
import type { JsonObject } from '../fetch-json.js';
import { safeUrl } from '../sanitize.js';

export { isObject };
export type { JsonObject };

export interface FormatOptions {
  /** The item to pick from a feed or list. */
  itemId?: string;
  /** The response's URL: relative URLs in the data resolve against it. */
  baseUrl?: string;
}

/** Throws a FormatError; `what` names the field at fault (for developers). */
export function invalid(what: string): never {
  throw new FormatError(`Not an article: ${what}`);
}


/** A reader of optional fields of one type: undefined when absent or null, invalid when of another type. */
const optional =
  <T>(ok: (value: unknown) => boolean) =>
  (obj: JsonObject, key: string): T | undefined => {
    const value = obj[key];
    return value == null ? undefined : ok(value) ? (value as T) : invalid(key);
  };

export const optionalString = optional<string>((v) => typeof v == 'string');
export const optionalObject = optional<JsonObject>(isObject);
export const optionalArray = optional<unknown[]>(Array.isArray);
const idValue = optional<string | number>((v) => typeof v == 'string' || Number.isFinite(v));

/** An id: JSON Feed says string, WordPress sends numbers; both become a string. */
export function optionalId(obj: JsonObject, key: string): string | undefined {
  const id = idValue(obj, key);
  return id === undefined ? id : String(id);
}

/** A URL field, resolved against `base` and checked by safeUrl (unsafe ones are dropped). */
export const optionalUrl = (obj: JsonObject, key: string, base: string | undefined): string | undefined => safeUrl(optionalString(obj, key), base);

/** A positive integer dimension (pixels); anything else is dropped. */
export const dimension = (value: unknown): number | undefined => (Number.isInteger(value) && (value as number) > 0 && (value as number) < 1e5 ? (value as number) : undefined);

/** Text that is more than white space, else undefined (producers write "" for none). */
export const nonBlank = (text: string | undefined): string | undefined => (text?.trim() ? text : undefined);

/**
 * A date as an ISO 8601 UTC string. `assumeUtc` is for WordPress's `*_gmt` fields, which
 * are UTC written without a zone (ECMAScript would read them as local time).
 */
export function isoDate(value: string | undefined, assumeUtc = false): string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  const date = new Date(assumeUtc && /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(text) ? `${text}Z` : text);
  // NaN for a date that does not parse; toISOString throws outside ±275760 years, and
  // such a date is not a publication date anyway.
  return Math.abs(date.getUTCFullYear()) < 1e4 ? date.toISOString() : undefined;
}

/** A BCP 47 tag in canonical form, or undefined when it is not one. */
export function languageTag(value: string | undefined): string | undefined {
  try {
    return Intl.getCanonicalLocales(value?.trim() || [])[0];
  } catch {
    return undefined;
  }
}

/** Single spaces, no leading or trailing space: how titles, names and tags are shown. */
export const cleanText = (value: string): string => value.replace(/\s+/g, ' ').trim();

/**
 * The start of a text, cut at a word boundary: the headline of an item that has none
 * (JSON Feed titles are optional; microblog posts omit them), or a card's summary.
 */
export function shorten(text: string, max = 80): string {
  const clean = cleanText(text);
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:!?–-]+$/u, '')}…`;
}

/** Words in a text: runs of anything but white space (a dash between spaces counts, as a reader's eye does). */
export const countWords = (text: string): number => text.match(/\S+/g)?.length ?? 0;

/** Elements that separate words, as htmlToText treats them ("<p>One</p><p>Two</p>" is two words). */
const WORD_BREAKS = /^<\/?(br|p|div|li|dt|dd|h[1-6]|blockquote|figcaption|pre|tr|td|th|hr|img|figure|table|ul|ol|dl)\b/i;

/**
 * Words in an HTML string, without parsing it: tags are dropped (those of blocks and line
 * breaks become a space), comments too, and no-break space entities separate words. For the
 * reading time only: the count of a body before the sanitiser has seen it, so script text,
 * should a body carry any, counts too. Every pattern either matches or stops at the end of
 * the string, so the scan stays linear on hostile input (unclosed tags and comments).
 */
export function countHtmlWords(html: string): number {
  const text = html
    .replace(/<!--[\s\S]*?(?:-->|$)|<\/?[a-zA-Z][^>]*>?/g, (tag) => (tag.startsWith('<!--') || !WORD_BREAKS.test(tag) ? '' : ' '))
    .replace(/&(nbsp|#160|#xa0);/gi, ' ');
  return countWords(text);
}

/** Unique non-empty texts, in order. A Set, not Array.includes: a hostile answer can carry a hundred thousand. */
export const uniqueTexts = (texts: string[]): string[] => [...new Set(texts.map(cleanText).filter(Boolean))];

/** Width and height when both are valid, else neither. */
export const size = (width: unknown, height: unknown): { width?: number; height?: number } => {
  const w = dimension(width);
  const h = dimension(height);
  return w && h ? { width: w, height: h } : {};
};

/** The item of `list` whose id (string or number) or, with `slug`, whose slug is `itemId`; without `itemId`, the first. */
export const pick = (list: unknown[], itemId: string | undefined, slug = false): unknown =>
  itemId === undefined
    ? list[0]
    : list.find((o) => isObject(o) && (((typeof o.id == 'string' || typeof o.id == 'number') && String(o.id) === itemId) || (slug && o.slug === itemId)));

/**
 * `fields` without the undefined ones: an absent value has no key at all (a key set to
 * undefined would still show in `'url' in article` and in a copy of the object).
 */
export const defined = <T extends object>(fields: T): T => Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
