/** The built-in backend an element's attributes ask for. */
import { DEFAULT_TIMEOUT } from '../../internal/fetch-json.js';
import type { CommentBackend } from '../backend.js';
import { LapaBackend } from './lapa.js';
import { WordPressBackend } from './wordpress.js';

export interface BackendChoice {
  /** The comments collection, relative to the document. */
  src?: string;
  api?: 'wordpress';
  fetch?: typeof fetch;
  /** Milliseconds; a bad value means the default. */
  timeout: number;
}

/** The backend for `src` (WordPress with `api: 'wordpress'`), or undefined when `src` is no URL. */
export function createBackend({ src, api, fetch, timeout }: BackendChoice): CommentBackend | undefined {
  if (!src) return undefined;
  try {
    const options = { fetch, timeout: Number.isFinite(timeout) && timeout >= 0 ? timeout : DEFAULT_TIMEOUT };
    return new (api === 'wordpress' ? WordPressBackend : LapaBackend)(new URL(src, document.baseURI).href, options);
  } catch {
    // Not a URL: nothing to load.
    return undefined;
  }
}
