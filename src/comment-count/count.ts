/**
 * What a count asks and how its answer is read, for both servers. Answers are untrusted:
 * anything but a plain count in range is a FetchError `invalid` (its message names what was
 * wrong: `src`, `post`, `list`, `X-WP-Total`, `total`), never an exception of another kind
 * and never a shown "NaN", "-1" or "1e+21".
 */
import { FetchError, isObject } from '../internal/fetch-json.js';
import type { JsonResponse } from '../internal/fetch-json.js';
import { withParams, wordpressPostId } from '../internal/url.js';

export type CommentCountApi = 'lapa' | 'wordpress';

/** A loaded count. */
export interface CommentCount {
  readonly count: number;
  /** Whether the article takes comments, when the server says. */
  readonly open?: boolean;
}

/**
 * The largest count shown; a larger one is taken for a broken or hostile server (no
 * article has a billion comments, and the reserved width holds three digits, not twenty).
 */
export const MAX_COUNT = 999_999_999;

const invalid = (what: string, status?: number) => new FetchError('invalid', what, { status });

/**
 * The URL a count requests for `src` (resolved against `base`): the Lapa protocol's
 * count-only GET (`?count=1`), or WordPress's comments list of one (`per_page=1`), whose
 * `X-WP-Total` header is the count. Throws FetchError `invalid` for a `src` that is no URL,
 * or a WordPress one without `post=ID`.
 */
export function countUrl(api: CommentCountApi, src: string, base: string): string {
  let url: string;
  try {
    url = new URL(src, base).href;
  } catch {
    throw invalid('src');
  }
  if (api !== 'wordpress') return withParams(url, { count: 1 });
  if (!wordpressPostId(url)) throw invalid('post');
  return withParams(url, { per_page: 1, _fields: 'id' });
}

/** A whole number of comments in range, else undefined. */
const countOf = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_COUNT ? value : undefined;

/**
 * The count in an answer. Lapa: `{ "total", "open" }` (a v1.0 server ignores `count=1` and
 * answers a page of threads, which carries the same two members). WordPress: a JSON array,
 * and `X-WP-Total` as decimal digits only (`Number()` would take "", " 1e3 " or "0x10").
 */
export function parseCount(api: CommentCountApi, { data, headers, status }: Pick<JsonResponse, 'data' | 'headers' | 'status'>): CommentCount {
  if (api === 'wordpress') {
    if (!Array.isArray(data)) throw invalid('list', status);
    const header = headers.get('x-wp-total');
    const count = /^\s*\d{1,9}\s*$/.test(String(header)) ? Number(header) : undefined;
    if (count === undefined) throw invalid('X-WP-Total', status);
    return { count };
  }
  const count = isObject(data) ? countOf(data.total) : undefined;
  if (count === undefined) throw invalid('total', status);
  return isObject(data) && typeof data.open === 'boolean' ? { count, open: data.open } : { count };
}
