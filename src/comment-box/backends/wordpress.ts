/**
 * The WordPress REST API (wp/v2/comments), anonymous: no cookies, no nonce and no header
 * beyond Content-Type, because a cross-origin POST that asks for any other header fails
 * WordPress's CORS preflight (it allows Authorization, X-WP-Nonce, Content-Disposition,
 * Content-MD5 and Content-Type).
 *
 * Paging: WordPress pages top-level comments only when asked for `parent=0`, so a page is
 * that page of threads, then their replies one level at a time (`parent=<ids>`, 100 per
 * request): one request per reply level present, and a thread is never cut in two.
 */
import type { CommentData } from '../../internal/events.js';
import { FetchError, fetchJson } from '../../internal/fetch-json.js';
import type { JsonResponse } from '../../internal/fetch-json.js';
import { htmlToText } from '../../internal/sanitize.js';
import type { CommentBackend, CommentField, CommentListRequest, CommentPage, CommentPostRequest, CommentPostResult } from '../backend.js';
import { CommentError } from '../comment-error.js';
import type { CommentErrorReason } from '../comment-error.js';
import { authorUrl, idOf, invalid, isObject, isoDate, withParams } from './parse.js';

export interface WordPressBackendOptions {
  /** The fetch to use; defaults to the global one. */
  fetch?: typeof fetch;
  /** Milliseconds before a request gives up with kind `timeout`; 0 waits for ever. */
  timeout?: number;
}

const MAX_PER_PAGE = 100;
// WordPress lets a site thread replies 10 levels deep; more is not worth more requests.
const MAX_REPLY_LEVELS = 20;
const FIELDS = 'id,parent,author_name,author_url,date_gmt,content';

const REASONS: Record<string, CommentErrorReason> = {
  comment_duplicate: 'duplicate',
  comment_flood: 'too-fast',
  rest_comment_login_required: 'login-required',
  rest_comment_invalid_post_id: 'closed',
  rest_comment_closed: 'closed',
  rest_comment_draft_post: 'closed',
  rest_comment_trash_post: 'closed',
  rest_cannot_read_post: 'closed',
  rest_comment_content_invalid: 'field',
  rest_comment_author_data_required: 'field',
  rest_invalid_param: 'field',
  comment_author_column_length: 'field',
  comment_author_email_column_length: 'field',
  comment_author_url_column_length: 'field',
  comment_content_column_length: 'field',
  rest_comment_failed_create: 'server',
};

const PARAM_FIELDS: Record<string, CommentField> = {
  author_name: 'name',
  author_email: 'email',
  author_url: 'url',
  content: 'text',
  comment_author_column_length: 'name',
  comment_author_email_column_length: 'email',
  comment_author_url_column_length: 'url',
  comment_content_column_length: 'text',
  rest_comment_content_invalid: 'text',
};

export class WordPressBackend implements CommentBackend {
  readonly key: string;
  readonly baseUrl: string;
  private readonly postId?: string;
  private open = true;
  private total = 0;

  constructor(
    private readonly src: string,
    private readonly options: WordPressBackendOptions = {},
  ) {
    this.baseUrl = src;
    this.key = `wordpress ${src}`;
    const post = new URL(src).searchParams.get('post');
    if (post && /^[1-9]\d{0,18}$/.test(post)) this.postId = post;
  }

  async list({ order, pageSize, cursor, signal }: CommentListRequest): Promise<CommentPage> {
    if (!this.postId) throw invalid('the src has no post=<id>');
    const page = cursor ? Number(cursor) : 1;
    const perPage = String(Math.min(Math.max(1, Math.floor(pageSize)), MAX_PER_PAGE));
    const threadsUrl = withParams(this.src, { parent: '0', page: String(page), per_page: perPage, order: order === 'newest' ? 'desc' : 'asc', orderby: 'date_gmt', _fields: FIELDS });
    // The post's comment_status and the article's comment count change rarely: asked
    // for with the first page only.
    const [threads, open, total] = await Promise.all([
      this.get(threadsUrl, signal),
      page === 1 ? this.commentStatus(signal) : this.open,
      page === 1 ? this.get(withParams(this.src, { per_page: '1', _fields: 'id' }), signal).then(countOf) : this.total,
    ]);
    this.open = open;
    this.total = total;
    const comments = this.comments(threads.data);
    let level = comments;
    for (let depth = 0; level.length > 0 && depth < MAX_REPLY_LEVELS; depth++) {
      level = await this.replies(level.map((c) => c.id), signal);
      comments.push(...level);
    }
    const pages = Number(threads.headers.get('x-wp-totalpages'));
    return { comments, total: Math.max(total, comments.length), open, next: page < pages ? String(page + 1) : null };
  }

  async post({ draft, honeypot, signal }: CommentPostRequest): Promise<CommentPostResult> {
    if (!this.postId) throw invalid('the src has no post=<id>');
    // WordPress has no honeypot of its own: a filled one is refused here, unsent.
    if (honeypot) throw new CommentError('spam', 'The honeypot field was filled in.', { code: 'honeypot' });
    let response: JsonResponse;
    try {
      response = await fetchJson(this.src, {
        method: 'POST',
        signal,
        fetch: this.options.fetch,
        timeout: this.options.timeout,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          post: Number(this.postId),
          parent: draft.parent ? Number(draft.parent) : 0,
          author_name: draft.name,
          author_email: draft.email,
          author_url: draft.url,
          content: draft.text,
        }),
      });
    } catch (error) {
      throw failure(error, draft);
    }
    const data = response.data;
    const comment = isObject(data) ? this.comment(data) : undefined;
    if (!comment || !isObject(data)) throw invalid('not a posted comment');
    // "hold" waits for a moderator; "spam" (an anti-spam plugin's verdict) is not shown
    // to others either, so its author sees it as waiting too.
    const status = data.status === 'approved' ? 'approved' : 'pending';
    return { comment: { ...comment, status }, status };
  }

  private async get(url: string, signal: AbortSignal): Promise<JsonResponse> {
    try {
      return await fetchJson(url, { signal, fetch: this.options.fetch, timeout: this.options.timeout });
    } catch (error) {
      throw error instanceof FetchError ? CommentError.from(error) : error;
    }
  }

  /** The replies to `ids`, oldest first, all pages of them. */
  private async replies(ids: string[], signal: AbortSignal): Promise<CommentData[]> {
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += MAX_PER_PAGE) chunks.push(ids.slice(i, i + MAX_PER_PAGE));
    const results = await Promise.all(
      chunks.map(async (chunk) => {
        const out: CommentData[] = [];
        for (let page = 1, pages = 1; page <= pages; page++) {
          const url = withParams(this.src, { parent: chunk.join(','), page: String(page), per_page: String(MAX_PER_PAGE), order: 'asc', orderby: 'date_gmt', _fields: FIELDS });
          const response = await this.get(url, signal);
          out.push(...this.comments(response.data));
          pages = Number(response.headers.get('x-wp-totalpages')) || 1;
        }
        return out;
      }),
    );
    return results.flat();
  }

  /** Whether the post takes comments. Unknown (not a post or page, or private) counts as open: the POST will tell. */
  private async commentStatus(signal: AbortSignal): Promise<boolean> {
    for (const type of ['posts', 'pages']) {
      try {
        const { data } = await fetchJson(this.postUrl(type), { signal, fetch: this.options.fetch, timeout: this.options.timeout });
        return !isObject(data) || data.comment_status !== 'closed';
      } catch (error) {
        if (!(error instanceof FetchError) || error.kind !== 'http' || error.status! >= 500) {
          throw error instanceof FetchError ? CommentError.from(error) : error;
        }
        if (error.status !== 404) return true;
      }
    }
    return true;
  }

  /** `.../wp/v2/posts/<id>` for `.../wp/v2/comments?post=<id>`, in either URL form. */
  private postUrl(type: string): string {
    const url = new URL(this.src);
    const route = url.searchParams.get('rest_route');
    const swap = (path: string) => path.replace(/\/comments\/?$/, `/${type}/${this.postId}`);
    if (route) url.searchParams.set('rest_route', swap(route));
    else url.pathname = swap(url.pathname);
    url.searchParams.delete('post');
    url.searchParams.set('_fields', 'comment_status');
    return url.href;
  }

  private comments(data: unknown): CommentData[] {
    if (!Array.isArray(data)) throw invalid('not a list of comments');
    return data.map((c) => this.comment(c)).filter((c): c is CommentData => c !== undefined);
  }

  private comment(value: unknown): CommentData | undefined {
    if (!isObject(value) || !isObject(value.content)) return undefined;
    const id = idOf(value.id);
    const parent = value.parent === 0 || value.parent === undefined ? null : idOf(value.parent);
    // date_gmt is UTC written without a zone.
    const date = isoDate(value.date_gmt, true) ?? '';
    const name = value.author_name;
    const text = value.content.rendered;
    if (!id || parent === undefined || typeof name !== 'string' || typeof text !== 'string') return undefined;
    const url = authorUrl(value.author_url);
    // The gravatar URLs in author_avatar_urls are ignored on purpose: no third-party requests.
    return { id, parent, author: url ? { name, url } : { name }, text, html: true, date };
  }
}

function countOf(response: JsonResponse): number {
  const n = Number(response.headers.get('x-wp-total'));
  return Number.isSafeInteger(n) && n >= 0 ? n : 0;
}

function failure(error: unknown, draft: CommentPostRequest['draft']): unknown {
  if (!(error instanceof FetchError)) return error;
  const body = error.body;
  if (error.kind !== 'http' || !isObject(body) || typeof body.code !== 'string') return CommentError.from(error);
  const code = body.code;
  const serverMessage = typeof body.message === 'string' ? htmlToText(body.message) : undefined;
  let reason: CommentErrorReason = REASONS[code] ?? CommentError.from(error).reason;
  let field: CommentField | undefined = PARAM_FIELDS[code];
  if (code === 'rest_comment_author_data_required') field = draft.name.trim() ? 'email' : 'name';
  if (code === 'rest_invalid_param') {
    const params = isObject(body.data) && isObject(body.data.params) ? Object.keys(body.data.params) : [];
    if (params.includes('parent')) reason = 'reply-gone';
    else if (params.includes('post')) reason = 'closed';
    field = params.map((p) => PARAM_FIELDS[p]).find(Boolean);
    if (reason === 'field' && !field) reason = 'rejected';
  }
  return new CommentError(reason, serverMessage ?? error.message, {
    kind: reason === 'closed' ? 'closed' : reason === 'server' ? 'http' : 'rejected',
    status: error.status,
    code,
    field: reason === 'field' ? field : undefined,
    serverMessage,
    cause: error,
  });
}
