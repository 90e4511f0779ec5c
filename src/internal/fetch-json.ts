/**
 * fetch + JSON with typed failures, a timeout, a size limit, and request sharing.
 * Every failure becomes a FetchError with a `kind` the elements turn into a localised
 * message; nothing a bad response contains can throw anything else.
 */

export type FetchErrorKind = 'http' | 'not-json' | 'invalid' | 'too-large' | 'timeout' | 'network';

export interface FetchErrorDetails {
  /** The HTTP status, when there was an answer. */
  status?: number;
  /** Seconds, from a Retry-After header, when the server sent one. */
  retryAfter?: number;
  /** The parsed JSON body of an HTTP error answer, when it had one. */
  body?: unknown;
}

export class FetchError extends Error {
  override name = 'FetchError';
  readonly status?: number;
  readonly retryAfter?: number;
  readonly body?: unknown;

  constructor(
    readonly kind: FetchErrorKind,
    message: string,
    { status, retryAfter, body }: FetchErrorDetails = {},
  ) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
    this.body = body;
  }
}

export interface FetchJsonOptions {
  signal?: AbortSignal;
  /** Milliseconds before the request is given up with kind `timeout`. 0 = none. */
  timeout?: number;
  /** Bytes; a larger body is refused with kind `too-large`. */
  maxBytes?: number;
  credentials?: RequestCredentials;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** The fetch to use (npm users may pass their own); defaults to the global one. */
  fetch?: typeof fetch;
  /**
   * A good answer that is not JSON resolves (with `data` undefined and the body as `text`)
   * instead of failing with `not-json`: for callers that read other formats too (RSS, Atom).
   * The request also accepts the feed XML types, at a lower q than JSON.
   */
  orText?: boolean;
}

export interface JsonResponse<T = unknown> {
  /** The parsed JSON; undefined when an `orText` caller got an answer that is not JSON. */
  data: T;
  /** The body, only when it was not JSON and the caller asked with `orText`. */
  text?: string;
  /** The final URL after redirects: relative URLs in the data resolve against it. */
  url: string;
  status: number;
  headers: Headers;
}

/** A parsed JSON object (not an array, not null): what the adapters and backends read fields of. */
export type JsonObject = Record<string, unknown>;
export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

export const DEFAULT_TIMEOUT = 10_000;
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

const ACCEPT_JSON = 'application/json, application/feed+json;q=0.9';
/**
 * JSON first, then the feed types. At most 128 bytes, or Accept is no longer a CORS-safelisted
 * header and every cross-origin request needs a preflight, which most feed servers do not
 * answer: hence no spaces, and application/xml under the closing wildcard.
 */
const ACCEPT_FEEDS = 'application/json,application/feed+json;q=0.9,application/rss+xml;q=0.8,application/atom+xml;q=0.8,text/xml;q=0.7,*/*;q=0.5';

export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  const at = Date.parse(String(value));
  return /^\s*\d+\s*$/.test(String(value)) ? Number(value) : isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** One request, no sharing. Rejects only with FetchError, or with the caller's abort reason. */
export async function fetchJson<T = unknown>(url: string, options: FetchJsonOptions = {}): Promise<JsonResponse<T>> {
  const { signal, timeout = DEFAULT_TIMEOUT, maxBytes = DEFAULT_MAX_BYTES } = options;
  signal?.throwIfAborted();
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal!.reason);
  signal?.addEventListener('abort', onAbort);
  // A timeout aborts with its own FetchError: fetch and the body reader reject with it.
  const timer = timeout > 0 ? setTimeout(() => controller.abort(new FetchError('timeout', `No answer in ${timeout} ms`)), timeout) : undefined;
  try {
    const res = await (options.fetch ?? fetch)(url, {
      method: options.method ?? 'GET',
      headers: { Accept: options.orText ? ACCEPT_FEEDS : ACCEPT_JSON, ...options.headers },
      body: options.body,
      credentials: options.credentials ?? 'omit',
      signal: controller.signal,
    });
    const reader = res.body?.getReader();
    const decoder = new TextDecoder();
    // A declared length over the limit is refused before a byte is read.
    let size = Number(res.headers.get('content-length')) > maxBytes ? Infinity : 0;
    let text = '';
    for (let chunk; size <= maxBytes && reader && !(chunk = await reader.read()).done; size += chunk.value.byteLength) {
      text += decoder.decode(chunk.value, { stream: true });
    }
    if (size > maxBytes) {
      await reader?.cancel().catch(() => {});
      throw new FetchError('too-large', `Over ${maxBytes} bytes`, { status: res.status });
    }
    let data: unknown;
    let json = /^([^;]*\+|\s*(application|text)\/)json\s*(;|$)/i.test(String(res.headers.get('content-type')));
    text += decoder.decode();
    try {
      data = JSON.parse(text);
    } catch {
      json = false;
    }
    if (!res.ok) throw new FetchError('http', `HTTP ${res.status}`, { status: res.status, retryAfter: parseRetryAfter(res.headers.get('retry-after')), body: data });
    const answer = { url: res.url || url, status: res.status, headers: res.headers };
    if (json) return { data: data as T, ...answer };
    if (options.orText) return { data: undefined as T, text, ...answer };
    throw new FetchError('not-json', 'Not JSON', { status: res.status });
  } catch (error) {
    throw error instanceof FetchError
      ? error
      : controller.signal.aborted
        ? controller.signal.reason // the caller's abort reason, or our timeout's FetchError
        : new FetchError('network', error instanceof Error ? error.message : String(error));
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

interface SharedEntry {
  promise: Promise<JsonResponse>;
  controller: AbortController;
  /** Callers that have not left; counts only until the request settles. */
  users: number;
  /** The answer, once it came. */
  response?: JsonResponse;
}

export interface SharedFetchOptions extends FetchJsonOptions {
  /**
   * Ask the server again instead of taking the page's kept answer (a Retry): whatever the
   * answer was, the caller found it unusable. A request still in flight is shared as usual.
   */
  reload?: boolean;
}

/**
 * The page's request de-duplication: callers that share a URL share one request. The
 * underlying request lives while at least one caller still waits for it. The cache's own
 * rule for forgetting: a failed answer is dropped at once; a successful one is kept for the
 * page's life (the same URL on a page shows the same article) until a caller asks for it
 * with `reload`. Module state by design: reset it in tests.
 */
const shared = new Map<string, SharedEntry>();

/**
 * What callers derived from a shared answer (an element's parsed article), kept beside it:
 * 200 cards of one URL share one answer object, so they share one derivation too. Keyed by
 * the answer object, so a `reload` (a new answer) derives afresh and a dropped answer takes
 * its derivations with it. Reset with the fetches.
 */
let derivations = new WeakMap<JsonResponse, Map<string, LoadOutcomeOf<unknown>>>();
type LoadOutcomeOf<T> = { value: T } | { error: unknown };

export function resetSharedFetches(): void {
  // Aborting a finished request does nothing.
  for (const entry of shared.values()) entry.controller.abort();
  shared.clear();
  derivations = new WeakMap();
}

/**
 * `derive(response)`, computed once per answer object and `key` (what else the value depends
 * on), and handed to every caller alike: the value is shared, so it must be immutable. A
 * derivation that throws throws the same error for every caller.
 */
export function derivedFrom<T>(response: JsonResponse, key: string, derive: (response: JsonResponse) => T): T {
  let byKey = derivations.get(response);
  if (!byKey) derivations.set(response, (byKey = new Map()));
  let outcome = byKey.get(key) as LoadOutcomeOf<T> | undefined;
  if (!outcome) {
    try {
      outcome = { value: derive(response) };
    } catch (error) {
      outcome = { error };
    }
    byKey.set(key, outcome);
  }
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
}

export function sharedFetchJson(url: string, { signal, reload, ...rest }: SharedFetchOptions = {}): Promise<JsonResponse> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    // An `orText` caller gets another answer for the same body (text, not a failure).
    const key = `${rest.credentials ?? 'omit'} ${rest.maxBytes ?? DEFAULT_MAX_BYTES} ${rest.orText ? 'text' : 'json'} ${url}`;
    const drop = (entry: SharedEntry) => shared.get(key) === entry && shared.delete(key);
    let entry = shared.get(key);
    if (entry?.response && reload) {
      shared.delete(key);
      entry = undefined;
    }
    if (!entry) {
      const controller = new AbortController();
      const created: SharedEntry = (entry = { controller, users: 0, promise: fetchJson(url, { ...rest, signal: controller.signal }) });
      // The first handlers, so they run before any caller's (and keep a failure nobody
      // waits for any more quiet).
      created.promise.then(
        (response) => (created.response = response),
        () => drop(created),
      );
      shared.set(key, created);
    }
    const current = entry;
    current.users++;
    current.promise.then(resolve, reject);
    // A caller leaving after the request settled changes nothing.
    signal?.addEventListener(
      'abort',
      () => {
        if (--current.users === 0 && !current.response) {
          current.controller.abort();
          drop(current);
        }
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
