/** What `<comment-box>` tells the reader about a failure: a message key per reason. */
import type { CommentField } from './backend.js';
import { CommentError } from './comment-error.js';
import type { CommentErrorReason } from './comment-error.js';
import type { CommentBoxMessageKey } from './comment-box.messages.js';

/** A message to show: a key of the table, with a count or the server's own words. */
export interface Problem {
  key: CommentBoxMessageKey;
  n?: number;
  /** "Your comment is kept here..." follows. */
  kept?: boolean;
  /** The server's own message, shown only when no translated one says more. */
  quote?: string;
}

/** The words for a value the browser or the server refused, per field. */
export const REJECTED = { name: 'nameRejected', email: 'emailInvalid', url: 'urlInvalid', text: 'textRejected' } as const satisfies Record<CommentField, CommentBoxMessageKey>;

/**
 * The message of each reason. `rejected` quotes the server; `field` takes the field's
 * word from REJECTED; `too-fast` with a Retry-After says how long to wait.
 */
const REASON_KEYS = {
  network: 'network',
  timeout: 'timeout',
  server: 'server',
  invalid: 'invalid',
  closed: 'closed',
  'login-required': 'loginRequired',
  duplicate: 'duplicate',
  'too-fast': 'tooFast',
  spam: 'spam',
  expired: 'expired',
  field: 'textRejected',
  'too-large': 'tooLarge',
  'reply-gone': 'replyGone',
  challenge: 'challenge',
  rejected: 'rejected',
} as const satisfies Record<CommentErrorReason, CommentBoxMessageKey>;

/** The message for any failure of loading or posting. */
export function problemOf(error: unknown): Problem {
  const e = CommentError.from(error);
  const { reason } = e;
  // The server may have the comment: the draft stays, and the reader is told so.
  if (e.uncertain) return { key: reason === 'network' && !navigator.onLine ? 'offline' : REASON_KEYS[reason], kept: true };
  // The anti-spam check failed here, not the comment: sending again starts a new one.
  if (reason === 'challenge') return { key: 'challenge', kept: true };
  if (reason === 'too-fast' && e.retryAfter) return { key: 'tooFastWait', n: e.retryAfter };
  if (reason === 'field') return { key: REJECTED[e.field ?? 'text'] };
  // An unknown reason (a custom backend's) is a refusal like any other.
  const key: CommentBoxMessageKey | undefined = REASON_KEYS[reason];
  return key && key !== 'rejected' ? { key } : { key: 'rejected', quote: e.serverMessage };
}
