import type { CommentBoxErrorKind } from '../internal/events.js';
import { FetchError } from '../internal/fetch-json.js';
import type { CommentField } from './backend.js';

/** What went wrong, as far as the reader is concerned; each has its own message. */
export type CommentErrorReason =
  | 'network'
  | 'timeout'
  | 'server'
  | 'invalid'
  | 'closed'
  | 'login-required'
  | 'duplicate'
  | 'too-fast'
  | 'spam'
  | 'expired'
  | 'field'
  | 'too-large'
  | 'reply-gone'
  | 'challenge'
  | 'rejected';

export interface CommentErrorInit {
  kind?: CommentBoxErrorKind;
  status?: number;
  /** The server's own code (`comment_flood`, `too_fast`...). */
  code?: string;
  /** The field at fault, for reason `field`. */
  field?: CommentField;
  /** Seconds until a retry may succeed, for reason `too-fast`. */
  retryAfter?: number;
  /** The server's own (untranslated) words, shown only when nothing better is known. */
  serverMessage?: string;
  cause?: unknown;
}

/** A failure a backend reports to the element. */
export class CommentError extends Error {
  declare readonly kind: CommentBoxErrorKind;
  declare readonly status?: number;
  declare readonly code?: string;
  declare readonly field?: CommentField;
  declare readonly retryAfter?: number;
  declare readonly serverMessage?: string;

  constructor(
    readonly reason: CommentErrorReason,
    message: string,
    init: CommentErrorInit = {},
  ) {
    super(message, init);
    Object.assign(this, init, { name: 'CommentError', kind: init.kind ?? (reason === 'closed' ? 'closed' : 'rejected') });
  }

  /**
   * Whether the server may have stored the comment even so (the answer was lost or
   * broken): a later "duplicate" for the same text then means "already received".
   */
  get uncertain(): boolean {
    return ['network', 'timeout', 'server', 'invalid'].includes(this.reason);
  }

  /** Any failure as a CommentError; HTTP errors without a known code by their status. */
  static from(error: unknown): CommentError {
    if (error instanceof CommentError) return error;
    if (!(error instanceof FetchError)) {
      return new CommentError('network', error instanceof Error ? error.message : String(error), { kind: 'network', cause: error });
    }
    const { kind, status = 0 } = error;
    const reason =
      kind === 'http'
        ? status === 429 ? 'too-fast' : status === 413 ? 'too-large' : status >= 500 ? 'server' : 'rejected'
        : kind === 'network' || kind === 'timeout' ? kind : 'invalid';
    return new CommentError(reason, error.message, { kind, status: error.status, retryAfter: status === 429 ? error.retryAfter : undefined, cause: error });
  }
}
