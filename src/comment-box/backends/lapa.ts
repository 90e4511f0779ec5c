/**
 * Our own comments protocol (docs/comments-protocol.md): GET a page of threads, POST a
 * comment with the form token, the honeypot and an Idempotency-Key.
 */
import type { CommentData } from '../../internal/events.js';
import { FetchError, fetchJson } from '../../internal/fetch-json.js';
import { safeUrl } from '../../internal/sanitize.js';
import type { CommentBackend, CommentField, CommentListRequest, CommentPage, CommentPostRequest, CommentPostResult } from '../backend.js';
import { CommentError } from '../comment-error.js';
import type { CommentErrorReason } from '../comment-error.js';
import { authorUrl, idOf, invalid, isObject, isoDate, wait, withParams } from './parse.js';
import type { Json } from './parse.js';

export interface LapaBackendOptions {
  /** The fetch to use; defaults to the global one. */
  fetch?: typeof fetch;
  /** Milliseconds before a request gives up with kind `timeout`; 0 waits for ever. */
  timeout?: number;
}

/**
 * How long after the form was shown a submission is surely not "implausibly fast": the
 * protocol's servers are expected to ask for at most about 3 seconds.
 */
const HUMAN_DELAY_MS = 3500;

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

export class LapaBackend implements CommentBackend {
  readonly key: string;
  readonly baseUrl: string;
  private token?: string;
  private tokenAt = 0;

  constructor(
    private readonly src: string,
    private readonly options: LapaBackendOptions = {},
  ) {
    this.baseUrl = src;
    this.key = src;
  }

  async list({ order, pageSize, cursor, signal }: CommentListRequest): Promise<CommentPage> {
    const url = cursor ?? withParams(this.src, { page: '1', per_page: String(pageSize), order });
    const { data, url: finalUrl } = await this.get(url, signal);
    if (!isObject(data) || !Array.isArray(data.comments) || typeof data.open !== 'boolean') throw invalid('not a page of comments');
    const comments = data.comments.map((c) => this.comment(c)).filter((c): c is CommentData => c !== undefined);
    this.keepToken(data.token);
    const total = typeof data.total === 'number' && data.total >= 0 ? Math.floor(data.total) : comments.length;
    return { comments, total, open: data.open, next: (typeof data.next === 'string' && safeUrl(data.next, finalUrl)) || null };
  }

  async post({ draft, idempotencyKey, honeypot, signal }: CommentPostRequest): Promise<CommentPostResult> {
    if (!this.token) await this.refreshToken(signal);
    let refreshed = false;
    let waited = false;
    for (;;) {
      try {
        return await this.send(draft, idempotencyKey, honeypot, signal);
      } catch (error) {
        // Two answers that stored nothing and that the reader cannot act on better than
        // we can: an expired token (a tab left open for a day) and "too fast after the
        // form was shown" (a quick, honest reader). Each is recovered from once.
        if (error instanceof CommentError && error.code === 'invalid_token' && !refreshed) {
          refreshed = true;
          await this.refreshToken(signal);
        } else if (error instanceof CommentError && error.code === 'spam' && !honeypot && !waited) {
          waited = true;
          await wait(this.tokenAt + HUMAN_DELAY_MS - Date.now(), signal);
        } else {
          throw error;
        }
      }
    }
  }

  private async send(draft: CommentPostRequest['draft'], idempotencyKey: string, honeypot: string, signal: AbortSignal): Promise<CommentPostResult> {
    let data: unknown;
    try {
      ({ data } = await fetchJson(this.src, {
        method: 'POST',
        signal,
        fetch: this.options.fetch,
        timeout: this.options.timeout,
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
        body: JSON.stringify({
          parent: draft.parent,
          author_name: draft.name,
          author_email: draft.email,
          author_url: draft.url,
          text: draft.text,
          token: this.token,
          website2: honeypot,
        }),
      }));
    } catch (error) {
      throw this.failure(error);
    }
    if (!isObject(data)) throw invalid('not a posted comment');
    const comment = this.comment(data.comment);
    if (!comment || (data.status !== 'approved' && data.status !== 'pending')) throw invalid('not a posted comment');
    return { comment: { ...comment, status: data.status }, status: data.status };
  }

  private async get(url: string, signal: AbortSignal) {
    try {
      return await fetchJson(url, { signal, fetch: this.options.fetch, timeout: this.options.timeout });
    } catch (error) {
      throw error instanceof FetchError ? CommentError.from(error) : error;
    }
  }

  private async refreshToken(signal: AbortSignal): Promise<void> {
    const { data } = await this.get(withParams(this.src, { page: '1', per_page: '1' }), signal);
    this.token = undefined;
    this.keepToken(isObject(data) ? data.token : undefined);
    if (!this.token) throw invalid('no form token');
  }

  private keepToken(token: unknown): void {
    // The first token is kept: its age is how long the reader has had the form.
    if (!this.token && typeof token === 'string' && token !== '') {
      this.token = token;
      this.tokenAt = Date.now();
    }
  }

  private comment(value: unknown): CommentData | undefined {
    if (!isObject(value) || !isObject(value.author)) return undefined;
    const id = idOf(value.id);
    const parent = value.parent === null || value.parent === undefined ? null : idOf(value.parent);
    // A broken date costs the comment its date, not its place.
    const date = isoDate(value.date) ?? '';
    const name = value.author.name;
    if (!id || parent === undefined || typeof name !== 'string' || typeof value.text !== 'string') return undefined;
    const url = authorUrl(value.author.url);
    return { id, parent, author: url ? { name, url } : { name }, text: value.text, date };
  }

  private failure(error: unknown): unknown {
    if (!(error instanceof FetchError) || error.kind !== 'http' || !isObject(error.body) || !isObject(error.body.error)) {
      return error instanceof FetchError ? CommentError.from(error) : error;
    }
    const body = error.body.error as Json;
    const code = typeof body.code === 'string' ? body.code : undefined;
    const serverMessage = typeof body.message === 'string' ? body.message : undefined;
    const field = typeof body.field === 'string' ? FIELDS[body.field] : undefined;
    let reason: CommentErrorReason = (code && REASONS[code]) || CommentError.from(error).reason;
    if (code === 'invalid_field' && field) reason = field === 'parent' ? 'reply-gone' : 'field';
    return new CommentError(reason, serverMessage ?? error.message, {
      kind: reason === 'closed' ? 'closed' : reason === 'server' ? 'http' : 'rejected',
      status: error.status,
      code,
      field: field === 'parent' ? undefined : field,
      retryAfter: error.retryAfter,
      serverMessage,
      cause: error,
    });
  }
}
