/**
 * The data the elements show and send, whatever the source: comments and drafts. (An
 * article is the formats' own type: formats/article.ts.) Types only.
 */

/** A comment as the widget shows it, whatever the backend. */
export interface CommentData {
  id: string;
  parent: string | null;
  author: { name: string; url?: string };
  /** Plain text (our protocol) or, when `html` is true, HTML that the sanitiser cleans. */
  text: string;
  html?: boolean;
  /** ISO 8601, UTC, or '' when the server's date was unreadable. */
  date: string;
  status?: CommentStatus;
}

export type CommentStatus = 'approved' | 'pending';

export interface CommentDraft {
  name: string;
  email: string;
  url: string;
  text: string;
  parent: string | null;
}
