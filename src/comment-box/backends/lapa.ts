/**
 * Our own comments protocol (docs/comments-protocol.md): GET a page of threads, POST a
 * comment with the form token, the honeypot and an Idempotency-Key.
 */
import type { CommentData } from '../../internal/data.js';
import type { FetchError } from '../../internal/fetch-json.js';
import { safeUrl } from '../../internal/sanitize.js';
import type { CommentBackend, CommentField, CommentListRequest, CommentPage, CommentPostRequest, CommentPostResult } from '../backend.js';
import { CommentError } from '../comment-error.js';
import type { CommentErrorReason } from '../comment-error.js';
import { JsonBackend, invalid, isObject } from './parse.js';
import type { BackendOptions } from './parse.js';

export interface LapaBackendOptions extends BackendOptions {
  /**
   * Waits `ms` milliseconds, rejecting with the signal's reason if it aborts first: the
   * pause before sending again a comment the server found too quick. A timer by default;
   * tests pass their own clock.
   */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/**
 * How long after the form was shown a submission is surely not "implausibly fast": the
 * protocol's servers are expected to ask for at most about 3 seconds.
 */
const HUMAN_DELAY_MS = 3500;

/** A timer; a late timer or abort finds the promise settled and changes nothing. */
const timer = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    signal.throwIfAborted();
    setTimeout(resolve, ms);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });

const FIELDS: Record<string, CommentField | 'parent'> = {
  author_name: 'name',
  author_email: 'email',
  author_url: 'url',
  text: 'text',
  parent: 'parent',
};

const REASONS: Record<string, CommentErrorReason> = {
  closed: 'closed',
  not_found: 'closed',
  duplicate: 'duplicate',
  too_fast: 'too-fast',
  spam: 'spam',
  invalid_token: 'expired',
  too_large: 'too-large',
  server_error: 'server',
};

export class LapaBackend extends JsonBackend implements CommentBackend {
  private token?: string;
  private tokenAt = 0;
  private readonly wait: (ms: number, signal: AbortSignal) => Promise<void>;

  constructor(src: string, options: LapaBackendOptions = {}) {
    super(src, src, options);
    this.wait = options.wait ?? timer;
  }

  async list({ order, pageSize, cursor, signal }: CommentListRequest): Promise<CommentPage> {
    const { data, url } = await this.request({ signal, params: cursor ? undefined : { page: 1, per_page: pageSize, order }, url: cursor ?? this.src });
    if (!isObject(data) || !Array.isArray(data.comments) || typeof data.open !== 'boolean') throw invalid('page');
    const comments = data.comments.flatMap((c) => this.parse(c) ?? []);
    this.keepToken(data.token);
    const total = typeof data.total === 'number' && data.total >= 0 ? Math.floor(data.total) : comments.length;
    return { comments, total, open: data.open, next: (typeof data.next === 'string' && safeUrl(data.next, url)) || null };
  }

  async post({ draft, idempotencyKey, honeypot, signal }: CommentPostRequest): Promise<CommentPostResult> {
    if (!this.token) await this.refreshToken(signal);
    for (let refreshed = false, waited = false; ; ) {
      try {
        const body = {
          parent: draft.parent,
          author_name: draft.name,
          author_email: draft.email,
          author_url: draft.url,
          text: draft.text,
          token: this.token,
          website2: honeypot,
        };
        const { data } = await this.request({ signal, fail: (error) => this.failure(error), body, headers: { 'Idempotency-Key': idempotencyKey } });
        const { comment, status } = isObject(data) ? data : {};
        const posted = this.parse(comment);
        if (!posted || (status !== 'approved' && status !== 'pending')) throw invalid('comment');
        return { comment: { ...posted, status }, status };
      } catch (error) {
        // Two answers that stored nothing and that the reader cannot act on better than
        // we can: an expired token (a tab left open for a day) and "too fast after the
        // form was shown" (a quick, honest reader). Each is recovered from once.
        const code = error instanceof CommentError && error.code;
        if (code === 'invalid_token' && !refreshed) {
          refreshed = true;
          await this.refreshToken(signal);
        } else if (code === 'spam' && !honeypot && !waited) {
          waited = true;
          await this.wait(Math.max(0, this.tokenAt + HUMAN_DELAY_MS - Date.now()), signal);
        } else {
          throw error;
        }
      }
    }
  }

  private async refreshToken(signal: AbortSignal): Promise<void> {
    const { data } = await this.request({ signal, params: { page: 1, per_page: 1 } });
    this.token = undefined;
    this.keepToken(isObject(data) && data.token);
    if (!this.token) throw invalid('token');
  }

  private keepToken(token: unknown): void {
    // The first token is kept: its age is how long the reader has had the form.
    if (!this.token && typeof token === 'string' && token !== '') {
      this.token = token;
      this.tokenAt = Date.now();
    }
  }

  private parse(value: unknown): CommentData | undefined {
    return isObject(value) && isObject(value.author) ? this.comment(value, { root: null, name: value.author.name, url: value.author.url, text: value.text, date: value.date }) : undefined;
  }

  /** An error answer's `{ error: { code, message, field } }` as a CommentError. */
  private failure(error: FetchError): CommentError {
    const body = isObject(error.body) && error.body.error;
    if (!isObject(body)) return CommentError.from(error);
    const code = typeof body.code === 'string' ? body.code : undefined;
    const field = typeof body.field === 'string' ? FIELDS[body.field] : undefined;
    let reason = REASONS[code!] ?? CommentError.from(error).reason;
    if (code === 'invalid_field' && field) reason = field === 'parent' ? 'reply-gone' : 'field';
    const serverMessage = typeof body.message === 'string' ? body.message : undefined;
    return this.rejected(error, { reason, code, serverMessage, field: field === 'parent' ? undefined : field, retryAfter: error.retryAfter });
  }
}
