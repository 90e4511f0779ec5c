/**
 * What the built-in backends share: requests with their failures as CommentErrors, and
 * shape checks (untrusted JSON in, typed values out).
 */
import type { CommentData } from '../../internal/data.js';
import { FetchError, fetchJson, isObject } from '../../internal/fetch-json.js';
import type { JsonObject, JsonResponse } from '../../internal/fetch-json.js';
import { safeUrl } from '../../internal/sanitize.js';
import { withParams } from '../../internal/url.js';
import type { CommentField } from '../backend.js';
import { CommentError } from '../comment-error.js';
import type { CommentErrorReason } from '../comment-error.js';

export type Json = JsonObject;
export { isObject };

export interface BackendOptions {
  /** The fetch to use; defaults to the global one. */
  fetch?: typeof fetch;
  /** Milliseconds before a request gives up with kind `timeout`; 0 waits for ever. */
  timeout?: number;
}

export const invalid = (what: string): CommentError => new CommentError('invalid', `Unexpected answer: ${what}`, { kind: 'invalid' });

/**
 * An author's website: an absolute http(s) URL, else none. Nothing is resolved against
 * the API's URL: "my site" given as a relative path is not a website. (What starts with
 * "http(s)://" and passes safeUrl is http(s).)
 */
export const authorUrl = (value: unknown): string | undefined =>
  typeof value === 'string' && /^https?:\/\//i.test(value.trim()) ? safeUrl(value) : undefined;

/** An id as a string: servers send strings (our protocol) or numbers (WordPress). */
function idOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '' && value.length <= 100) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  return undefined;
}

/** One request of a backend. */
export interface RequestOptions {
  signal: AbortSignal;
  /** Query parameters set on the URL. */
  params?: Record<string, string | number>;
  /** The URL; the backend's `src` by default. */
  url?: string;
  /** Turns an HTTP or transport failure into the CommentError to throw. */
  fail?: (error: FetchError) => CommentError;
  /** Sent as JSON in a POST; without it, a GET. */
  body?: Json;
  headers?: Record<string, string>;
}

/** A server's fields of one comment, and how to read them. */
export interface CommentFields {
  /** The parent value of a top-level comment. */
  root: null | 0;
  name: unknown;
  url: unknown;
  text: unknown;
  date: unknown;
  /** The WordPress dialect: an HTML body, and a UTC date written without a zone. */
  wordpress?: true;
}

/** What an error answer said. */
export interface Rejection {
  reason: CommentErrorReason;
  code?: string;
  serverMessage?: string;
  field?: CommentField;
  retryAfter?: number;
}

/** The base of the built-in backends. */
export class JsonBackend {
  readonly baseUrl: string;

  constructor(
    protected readonly src: string,
    readonly key: string,
    protected readonly options: BackendOptions,
  ) {
    this.baseUrl = src;
  }

  /**
   * GETs `url` (with `params` set), or POSTs `body` as JSON. A FetchError becomes the
   * CommentError `fail` makes of it; the caller's abort reason passes unchanged.
   */
  protected async request({ signal, params, url = this.src, fail = CommentError.from, body, headers }: RequestOptions): Promise<JsonResponse> {
    if (params) url = withParams(url, params);
    try {
      return await fetchJson(url, {
        signal,
        fetch: this.options.fetch,
        timeout: this.options.timeout,
        ...(body && { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw error instanceof FetchError ? fail(error) : error;
    }
  }

  /**
   * A comment from a server's fields, or undefined when one is missing or malformed. A
   * parent equal to `root` (or none) makes a top-level comment; a broken date costs the
   * comment its date, not its place. `wordpress`: the body is HTML, and the date
   * (`date_gmt`) is UTC written without a zone.
   */
  protected comment(value: Json, { root, name, url, text, date, wordpress }: CommentFields): CommentData | undefined {
    const id = idOf(value.id);
    const parent = value.parent === root || value.parent === undefined ? null : idOf(value.parent);
    if (!id || parent === undefined || typeof name !== 'string' || typeof text !== 'string') return undefined;
    const time = typeof date === 'string' && date.length <= 40 ? Date.parse(wordpress && /T\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(date) ? `${date}Z` : date) : NaN;
    const website = authorUrl(url);
    return {
      id,
      parent,
      author: website ? { name, url: website } : { name },
      text,
      ...(wordpress && { html: true }),
      date: isNaN(time) ? '' : new Date(time).toISOString(),
    };
  }

  /** The CommentError for an HTTP error whose body named the problem. */
  protected rejected(error: FetchError, { reason, code, serverMessage, field, retryAfter }: Rejection): CommentError {
    return new CommentError(reason, serverMessage ?? error.message, {
      kind: reason === 'server' ? 'http' : undefined,
      status: error.status,
      code,
      field,
      retryAfter,
      serverMessage,
      cause: error,
    });
  }
}
