/**
 * fetch + JSON with typed failures, a timeout, a size limit, and request sharing.
 * Every failure becomes a FetchError with a `kind` the elements turn into a localised
 * message; nothing a bad response contains can throw anything else.
 */

export type FetchErrorKind = 'http' | 'not-json' | 'invalid' | 'too-large' | 'timeout' | 'network';

export class FetchError extends Error {
  constructor(
    readonly kind: FetchErrorKind,
    message: string,
    readonly status?: number,
    /** Seconds, from a Retry-After header, when the server sent one. */
    readonly retryAfter?: number,
    /** The parsed JSON body of an HTTP error answer, when it had one. */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'FetchError';
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
}

export interface JsonResponse<T = unknown> {
  data: T;
  /** The final URL after redirects: relative URLs in the data resolve against it. */
  url: string;
  status: number;
  headers: Headers;
}

export const DEFAULT_TIMEOUT = 10_000;
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

function isJsonType(type: string | null): boolean {
  if (!type) return false;
  const essence = type.split(';')[0]!.trim().toLowerCase();
  return essence === 'application/json' || essence.endsWith('+json') || essence === 'text/json';
}

async function readText(res: Response, maxBytes: number): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw new FetchError('too-large', `Response over ${maxBytes} bytes`, res.status);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new FetchError('too-large', `Response over ${maxBytes} bytes`, res.status);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/** One request, no sharing. Rejects only with FetchError, or with the caller's abort reason. */
export async function fetchJson<T = unknown>(url: string, options: FetchJsonOptions = {}): Promise<JsonResponse<T>> {
  const { signal, timeout = DEFAULT_TIMEOUT, maxBytes = DEFAULT_MAX_BYTES } = options;
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal!.reason);
  if (signal?.aborted) throw signal.reason;
  signal?.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  const timer =
    timeout > 0
      ? setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeout)
      : undefined;
  const fail = (error: unknown): never => {
    if (error instanceof FetchError) throw error;
    if (timedOut) throw new FetchError('timeout', `No complete answer within ${timeout} ms`);
    if (signal?.aborted) throw signal.reason;
    throw new FetchError('network', error instanceof Error ? error.message : String(error));
  };
  try {
    let res: Response;
    try {
      res = await (options.fetch ?? fetch)(url, {
        method: options.method ?? 'GET',
        headers: { Accept: 'application/json, application/feed+json;q=0.9', ...options.headers },
        body: options.body,
        credentials: options.credentials ?? 'omit',
        signal: controller.signal,
        redirect: 'follow',
      });
    } catch (error) {
      return fail(error);
    }
    let text: string;
    try {
      text = await readText(res, maxBytes);
    } catch (error) {
      return fail(error);
    }
    const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
    let data: unknown;
    let parsed = false;
    if (text.trim() !== '') {
      try {
        data = JSON.parse(text);
        parsed = true;
      } catch {
        /* handled below */
      }
    }
    if (!res.ok) {
      throw new FetchError('http', `HTTP ${res.status}`, res.status, retryAfter, parsed ? data : undefined);
    }
    if (!parsed || !isJsonType(res.headers.get('content-type'))) {
      throw new FetchError('not-json', 'The answer is not JSON', res.status);
    }
    return { data: data as T, url: res.url || url, status: res.status, headers: res.headers };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

interface SharedEntry {
  promise: Promise<JsonResponse>;
  controller: AbortController;
  users: number;
  settled: boolean;
  /** The answer, once it came. */
  response?: JsonResponse;
}

/**
 * The page's request de-duplication: cards that share a URL share one request. The
 * underlying request lives while at least one caller still waits for it; a successful
 * answer is kept for the page's life (the same URL on a page shows the same article), a
 * failed one is dropped so Retry asks again. Module state by design: reset it in tests.
 */
const shared = new Map<string, SharedEntry>();

export function resetSharedFetches(): void {
  for (const entry of shared.values()) if (!entry.settled) entry.controller.abort();
  shared.clear();
}

export function sharedFetchJson(url: string, options: FetchJsonOptions = {}): Promise<JsonResponse> {
  const { signal, ...rest } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const key = `${rest.credentials ?? 'omit'} ${rest.maxBytes ?? DEFAULT_MAX_BYTES} ${url}`;
  let entry = shared.get(key);
  if (!entry) {
    const controller = new AbortController();
    const created: SharedEntry = {
      controller,
      users: 0,
      settled: false,
      promise: fetchJson(url, { ...rest, signal: controller.signal }).then(
        (response) => {
          created.settled = true;
          created.response = response;
          return response;
        },
        (error: unknown) => {
          created.settled = true;
          if (shared.get(key) === created) shared.delete(key);
          throw error;
        },
      ),
    };
    // Callers attach their own handlers; this one only keeps an unwatched failure quiet.
    created.promise.catch(() => {});
    shared.set(key, created);
    entry = created;
  }
  const current = entry;
  if (current.settled) return current.promise;
  current.users++;
  return new Promise<JsonResponse>((resolve, reject) => {
    const leave = () => {
      current.users--;
      if (current.users === 0 && !current.settled) {
        current.controller.abort();
        if (shared.get(key) === current) shared.delete(key);
      }
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', leave, { once: true });
    current.promise.then(
      (value) => {
        signal?.removeEventListener('abort', leave);
        current.users--;
        resolve(value);
      },
      (error: unknown) => {
        signal?.removeEventListener('abort', leave);
        current.users--;
        reject(error);
      },
    );
  });
}

/**
 * Drops a shared answer its caller found unusable (JSON, but not the data it needs), so
 * the next request for that URL, a Retry, asks the server again instead of getting the
 * same answer back from the page's cache.
 */
export function forgetSharedFetch(response: JsonResponse): void {
  for (const [key, entry] of shared) if (entry.response === response) shared.delete(key);
}
