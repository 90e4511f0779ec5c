/**
 * The contract between `<comment-box>` and wherever comments live. The element ships
 * two implementations (our protocol and the WordPress REST API); npm users may pass
 * their own object as the `backend` property.
 *
 * A backend rejects with a `CommentError` when the server said no (its `reason` picks
 * the message the reader sees, its `field` the form field it is shown on); anything else
 * it throws is shown as a network failure.
 */
import type { CommentData, CommentDraft, CommentStatus } from '../internal/data.js';

/** The form fields a server may reject one by one. */
export type CommentField = 'name' | 'email' | 'url' | 'text';

export type CommentOrder = 'oldest' | 'newest';

export interface CommentListRequest {
  /** Order of the top-level threads; replies are always oldest first. */
  order: CommentOrder;
  /** Top-level threads per page. */
  pageSize: number;
  /** `null` for the first page, else the `next` of the previous page. */
  cursor: string | null;
  signal: AbortSignal;
}

export interface CommentPage {
  /**
   * The page's top-level threads with all their replies. Replies come after the
   * comment they answer, oldest first; a thread is never split across pages.
   */
  comments: CommentData[];
  /** Approved comments on the article, all pages and replies included. */
  total: number;
  /** Cursor of the next page, or `null` on the last one. */
  next: string | null;
  /** Whether the article takes new comments. */
  open: boolean;
  /**
   * Threads (by their top-level comment's id) whose replies go on past this page: the
   * cursor to pass to `list` for their next part, whose `next` is the part after. A page
   * of such a part continues the thread in the same order (protocol v1.1, `replies_next`).
   */
  replies?: Readonly<Record<string, string>>;
}

export interface CommentPostRequest {
  draft: Readonly<CommentDraft>;
  /**
   * The same for every attempt at sending the same draft, so a server that honours it
   * stores a retried comment once.
   */
  idempotencyKey: string;
  /** The hidden honeypot field's value: empty when a person filled in the form. */
  honeypot: string;
  signal: AbortSignal;
}

export interface CommentPostResult {
  comment: CommentData;
  status: CommentStatus;
}

/** Why a reader reports a comment (protocol v1.1). */
export type CommentReportReason = 'spam' | 'harassment' | 'illegal' | 'other';

export interface CommentReportRequest {
  /** The comment reported. */
  id: string;
  reason: CommentReportReason;
  /** An email address the moderators may answer to; '' for none. */
  contact: string;
  signal: AbortSignal;
}

export interface CommentBackend {
  /** Identifies the article: drafts and comments awaiting moderation are kept under it. */
  readonly key: string;
  /** Relative links in HTML comment bodies resolve against this URL. */
  readonly baseUrl?: string;
  list(request: CommentListRequest): Promise<CommentPage>;
  post(request: CommentPostRequest): Promise<CommentPostResult>;
  /**
   * The reader has started on the form (focused or typed into it): a backend may get
   * ready to post, e.g. solve its server's proof-of-work challenge in the background.
   */
  prepare?(): void;
  /** Reports a comment to the moderators; without this method, comments have no Report button. */
  report?(request: CommentReportRequest): Promise<void>;
}
