/** Shape checks shared by the built-in backends: untrusted JSON in, typed values out. */
import { safeUrl } from '../../internal/sanitize.js';
import { CommentError } from '../comment-error.js';

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function invalid(what: string): CommentError {
  return new CommentError('invalid', `Unexpected answer: ${what}`, { kind: 'invalid' });
}

/** An id as a string: servers send strings (our protocol) or numbers (WordPress). */
export function idOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '' && value.length <= 100) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  return undefined;
}

/** An ISO 8601 date in UTC, or undefined. `assumeUtc`: the value carries no zone but is UTC. */
export function isoDate(value: unknown, assumeUtc = false): string | undefined {
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const zoned = assumeUtc && /T\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(value) ? `${value}Z` : value;
  const time = Date.parse(zoned);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/**
 * An author's website: an absolute http(s) URL, else none. Nothing is resolved against
 * the API's URL: "my site" given as a relative path is not a website.
 */
export function authorUrl(value: unknown): string | undefined {
  const url = typeof value === 'string' && /^https?:\/\//i.test(value.trim()) ? safeUrl(value) : undefined;
  return url && /^https?:/.test(url) ? url : undefined;
}

/** A copy of `url` with the given query parameters set. */
export function withParams(url: string, params: Record<string, string>): string {
  const out = new URL(url);
  for (const [name, value] of Object.entries(params)) out.searchParams.set(name, value);
  return out.href;
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
