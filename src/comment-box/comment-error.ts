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
  readonly kind: CommentBoxErrorKind;
  readonly status?: number;
  readonly code?: string;
  readonly field?: CommentField;
  readonly retryAfter?: number;
  readonly serverMessage?: string;

  constructor(
    readonly reason: CommentErrorReason,
    message: string,
    init: CommentErrorInit = {},
  ) {
    super(message, { cause: init.cause });
    this.name = 'CommentError';
    this.kind = init.kind ?? (reason === 'closed' ? 'closed' : 'rejected');
    this.status = init.status;
    this.code = init.code;
    this.field = init.field;
    this.retryAfter = init.retryAfter;
    this.serverMessage = init.serverMessage;
  }

  /**
   * Whether the server may have stored the comment even so (the answer was lost or
   * broken): a later "duplicate" for the same text then means "already received".
   */
  get uncertain(): boolean {
    return this.reason === 'network' || this.reason === 'timeout' || this.reason === 'server' || this.reason === 'invalid';
  }

  /** Any failure as a CommentError; HTTP errors without a known code by their status. */
  static from(error: unknown): CommentError {
    if (error instanceof CommentError) return error;
    if (error instanceof FetchError) {
      const init = { kind: error.kind, status: error.status, cause: error };
      switch (error.kind) {
        case 'network':
          return new CommentError('network', error.message, init);
        case 'timeout':
          return new CommentError('timeout', error.message, init);
        case 'http':
          if (error.status === 429) return new CommentError('too-fast', error.message, { ...init, retryAfter: error.retryAfter });
          if (error.status === 413) return new CommentError('too-large', error.message, init);
          return new CommentError(error.status! >= 500 ? 'server' : 'rejected', error.message, init);
        default:
          return new CommentError('invalid', error.message, init);
      }
    }
    return new CommentError('network', error instanceof Error ? error.message : String(error), { kind: 'network', cause: error });
  }
}
