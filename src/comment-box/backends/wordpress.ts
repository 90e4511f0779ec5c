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
import type { CommentData } from '../../internal/data.js';
import type { FetchError, JsonResponse } from '../../internal/fetch-json.js';
import { htmlToText } from '../../internal/sanitize.js';
import { wordpressPostId } from '../../internal/url.js';
import type { CommentBackend, CommentField, CommentListRequest, CommentPage, CommentPostRequest, CommentPostResult } from '../backend.js';
import { CommentError } from '../comment-error.js';
import type { CommentErrorReason } from '../comment-error.js';
import { JsonBackend, invalid, isObject } from './parse.js';
import type { BackendOptions } from './parse.js';

export type WordPressBackendOptions = BackendOptions;

const MAX_PER_PAGE = 100;
// WordPress lets a site thread replies 10 levels deep; more is not worth more requests.
const MAX_REPLY_LEVELS = 20;
/**
 * Requests one page of the list may make, whatever the site's X-WP-TotalPages says (a
 * hostile value once made 3,105 requests in 30 s and nothing was shown): past it, the
 * page shows the replies it has. 100 threads with 100 replies each at 10 levels fit.
 */
export const MAX_REQUESTS_PER_PAGE = 60;
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

/** The X-WP-Total header: how many comments the article has. */
function countOf({ headers }: JsonResponse): number {
  const n = Number(headers.get('x-wp-total'));
  return Number.isSafeInteger(n) && n >= 0 ? n : 0;
}

export class WordPressBackend extends JsonBackend implements CommentBackend {
  private readonly postId?: string;
  private open = true;
  private total = 0;

  constructor(src: string, options: WordPressBackendOptions = {}) {
    super(src, `wordpress ${src}`, options);
    this.postId = wordpressPostId(src);
  }

  async list({ order, pageSize, cursor, signal }: CommentListRequest): Promise<CommentPage> {
    this.checkPost();
    const page = cursor ? Number(cursor) : 1;
    // The post's comment_status and the article's comment count change rarely: asked
    // for with the first page only.
    const [threads, open, total] = await Promise.all([
      this.get(signal, { parent: 0, page, per_page: Math.min(Math.max(1, Math.floor(pageSize)), MAX_PER_PAGE), order: order === 'newest' ? 'desc' : 'asc' }),
      page === 1 ? this.commentStatus(signal) : this.open,
      page === 1 ? this.request({ signal, params: { per_page: 1, _fields: 'id' } }).then(countOf) : this.total,
    ]);
    this.open = open;
    this.total = total;
    const comments = this.comments(threads.data);
    let budget = MAX_REQUESTS_PER_PAGE - 3;
    for (let level = comments, depth = 0; level.length > 0 && depth < MAX_REPLY_LEVELS && budget > 0; depth++) {
      // The replies to this level, oldest first, all pages of them, 100 parents a request.
      const chunks: string[][] = [];
      for (let i = 0; i < level.length; i += MAX_PER_PAGE) chunks.push(level.slice(i, i + MAX_PER_PAGE).map((c) => c.id));
      const replies = await Promise.all(
        chunks.map(async (chunk) => {
          const out: CommentData[] = [];
          for (let page = 1, pages = 1; page <= pages && budget-- > 0; page++) {
            const { data, headers } = await this.get(signal, { parent: chunk.join(','), page, per_page: MAX_PER_PAGE, order: 'asc' });
            out.push(...this.comments(data));
            // A page short of full is the last, whatever the header says.
            pages = (data as unknown[]).length < MAX_PER_PAGE ? page : Number(headers.get('x-wp-totalpages')) || 1;
          }
          return out;
        }),
      );
      level = replies.flat();
      comments.push(...level);
    }
    const pages = Number(threads.headers.get('x-wp-totalpages'));
    return { comments, total: Math.max(total, comments.length), open, next: page < pages ? String(page + 1) : null };
  }

  async post({ draft, honeypot, signal }: CommentPostRequest): Promise<CommentPostResult> {
    this.checkPost();
    // WordPress has no honeypot of its own: a filled one is refused here, unsent.
    if (honeypot) throw new CommentError('spam', 'Honeypot filled in', { code: 'honeypot' });
    const body = {
      post: Number(this.postId),
      parent: draft.parent ? Number(draft.parent) : 0,
      author_name: draft.name,
      author_email: draft.email,
      author_url: draft.url,
      content: draft.text,
    };
    const { data } = await this.request({ signal, fail: (error) => this.failure(error, draft), body });
    const posted = this.parse(data);
    if (!posted) throw invalid('comment');
    // "hold" waits for a moderator; "spam" (an anti-spam plugin's verdict) is not shown
    // to others either, so its author sees it as waiting too.
    const status = (data as { status?: unknown }).status === 'approved' ? 'approved' : 'pending';
    return { comment: { ...posted, status }, status };
  }

  private checkPost(): void {
    if (!this.postId) throw invalid('no post=<id> in src');
  }

  /** A page of comments, in the order asked for. */
  private get(signal: AbortSignal, params: Record<string, string | number>): Promise<JsonResponse> {
    return this.request({ signal, params: { ...params, orderby: 'date_gmt', _fields: FIELDS } });
  }

  private comments(data: unknown): CommentData[] {
    if (!Array.isArray(data)) throw invalid('list');
    return data.flatMap((c) => this.parse(c) ?? []);
  }

  /** Whether the post takes comments. Unknown (not a post or page, or private) counts as open: the POST will tell. */
  private async commentStatus(signal: AbortSignal): Promise<boolean> {
    for (const type of ['posts', 'pages']) {
      // `.../wp/v2/posts/<id>` for `.../wp/v2/comments?post=<id>`, in either URL form.
      const url = new URL(this.src);
      const route = url.searchParams.get('rest_route');
      const swap = (path: string) => path.replace(/\/comments\/?$/, `/${type}/${this.postId}`);
      if (route) url.searchParams.set('rest_route', swap(route));
      else url.pathname = swap(url.pathname);
      url.searchParams.delete('post');
      try {
        const { data } = await this.request({ signal, params: { _fields: 'comment_status' }, url: url.href });
        return !isObject(data) || data.comment_status !== 'closed';
      } catch (error) {
        if (!(error instanceof CommentError) || error.kind !== 'http' || error.status! >= 500) throw error;
        if (error.status !== 404) return true;
      }
    }
    return true;
  }

  // The gravatar URLs in author_avatar_urls are ignored on purpose: no third-party requests.
  private parse(value: unknown): CommentData | undefined {
    return isObject(value) && isObject(value.content)
      ? this.comment(value, { root: 0, name: value.author_name, url: value.author_url, text: value.content.rendered, date: value.date_gmt, wordpress: true })
      : undefined;
  }

  /** A WordPress error answer (`{ code, message, data }`) as a CommentError. */
  private failure(error: FetchError, draft: CommentPostRequest['draft']): CommentError {
    const body = error.body;
    if (!isObject(body) || typeof body.code !== 'string') return CommentError.from(error);
    const code = body.code;
    let reason = REASONS[code] ?? CommentError.from(error).reason;
    let field: CommentField | undefined = PARAM_FIELDS[code];
    if (code === 'rest_comment_author_data_required') field = draft.name.trim() ? 'email' : 'name';
    if (code === 'rest_invalid_param') {
      const params = isObject(body.data) && isObject(body.data.params) ? Object.keys(body.data.params) : [];
      if (params.includes('parent')) reason = 'reply-gone';
      else if (params.includes('post')) reason = 'closed';
      field = params.map((p) => PARAM_FIELDS[p]).find(Boolean);
      if (reason === 'field' && !field) reason = 'rejected';
    }
    const serverMessage = typeof body.message === 'string' ? htmlToText(body.message) : undefined;
    return this.rejected(error, { reason, code, serverMessage, field: reason === 'field' ? field : undefined });
  }
}
