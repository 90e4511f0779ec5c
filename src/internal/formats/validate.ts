/**
 * Shape and type checks shared by the format adapters. Data from the network is
 * untrusted: a field we use that has the wrong type makes the whole answer `invalid`
 * (a FetchError the element shows like any other failure), never an exception of another
 * kind. `null` counts as absent, as producers write it for empty optional fields.
 * Dates that do not parse and URLs that fail the URL check are dropped, not fatal: they
 * are common in the wild and the rest of the article is still worth showing.
 */
import { FetchError } from '../fetch-json.js';
import { safeUrl } from '../sanitize.js';

export type JsonObject = Record<string, unknown>;

export function invalid(reason: string): never {
  throw new FetchError('invalid', `Not an article: ${reason}`);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `obj[key]` when it is a string, undefined when absent or null; anything else is invalid. */
export function optionalString(obj: JsonObject, key: string): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') invalid(`"${key}" is not a string`);
  return value;
}

/** Like optionalString, for fields that must be an object when present. */
export function optionalObject(obj: JsonObject, key: string): JsonObject | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) invalid(`"${key}" is not an object`);
  return value;
}

/** Like optionalString, for fields that must be an array when present. */
export function optionalArray(obj: JsonObject, key: string): unknown[] | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) invalid(`"${key}" is not an array`);
  return value;
}

/** An id: JSON Feed says string, WordPress sends numbers; both become a string. */
export function optionalId(obj: JsonObject, key: string): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return invalid(`"${key}" is not a string or number`);
}

/** A URL field, resolved against `base` and checked by safeUrl (unsafe ones are dropped). */
export function optionalUrl(obj: JsonObject, key: string, base: string | undefined): string | undefined {
  const value = optionalString(obj, key);
  return value === undefined ? undefined : safeUrl(value, base);
}

/** A positive integer dimension (pixels); anything else is dropped. */
export function optionalDimension(obj: JsonObject, key: string): number | undefined {
  const value = obj[key];
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 100_000 ? value : undefined;
}

/**
 * A date as an ISO 8601 UTC string. `assumeUtc` is for WordPress's `*_gmt` fields, which
 * are UTC written without a zone (ECMAScript would read them as local time).
 */
export function isoDate(value: string | undefined, assumeUtc = false): string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  const zoneless = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text);
  const time = Date.parse(zoneless && assumeUtc ? `${text}Z` : text);
  if (Number.isNaN(time)) return undefined;
  const date = new Date(time);
  // toISOString throws outside ±275760 years; such a date is not a publication date.
  return Math.abs(date.getUTCFullYear()) < 10_000 ? date.toISOString() : undefined;
}

/** A BCP 47 tag in canonical form, or undefined when it is not one. */
export function languageTag(value: string | undefined): string | undefined {
  if (!value?.trim()) return undefined;
  try {
    return Intl.getCanonicalLocales(value.trim())[0];
  } catch {
    return undefined;
  }
}

/** Single spaces, no leading or trailing space: how titles, names and tags are shown. */
export function cleanText(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

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
