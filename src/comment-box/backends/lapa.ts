/**
 * Our own comments protocol (docs/comments-protocol.md): GET a page of threads, POST a
 * comment with the form token, the honeypot and an Idempotency-Key.
 */
import type { CommentData } from '../../internal/data.js';
import type { FetchError } from '../../internal/fetch-json.js';
import { safeUrl } from '../../internal/sanitize.js';
import type { CommentBackend, CommentField, CommentListRequest, CommentPage, CommentPostRequest, CommentPostResult, CommentReportRequest } from '../backend.js';
import { CommentError } from '../comment-error.js';
import type { CommentErrorReason } from '../comment-error.js';
import { JsonBackend, invalid, isObject } from './parse.js';
import type { BackendOptions, Json } from './parse.js';
import type { Challenge, Solution, SolveOptions } from './pow-solver.js';

export interface LapaBackendOptions extends BackendOptions {
  /**
   * Waits `ms` milliseconds, rejecting with the signal's reason if it aborts first: the
   * pause before sending again a comment the server found too quick. A timer by default;
   * tests pass their own clock.
   */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** How the proof-of-work search hashes (tests pass `subtle: undefined` for the fallback). */
  solver?: Omit<SolveOptions, 'signal'>;
}

/** A solved challenge, as a POST carries it. */
interface Work {
  challenge: Challenge;
  solution: Solution;
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
  invalid_challenge: 'challenge',
};

export class LapaBackend extends JsonBackend implements CommentBackend {
  private token?: string;
  private tokenAt = 0;
  private readonly wait: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Whether the server has asked for proof of work: from then on, every comment carries one. */
  private powAsked = false;
  /** The challenge to solve for the next comment (each solution is good for one). */
  private challenge?: Challenge;
  /** Its solution, on its way or found. */
  private work?: Promise<Work>;

  constructor(
    src: string,
    private readonly lapaOptions: LapaBackendOptions = {},
  ) {
    super(src, src, lapaOptions);
    this.wait = lapaOptions.wait ?? timer;
  }

  async list({ order, pageSize, cursor, signal }: CommentListRequest): Promise<CommentPage> {
    const { data, url } = await this.request({ signal, params: cursor ? undefined : { page: 1, per_page: pageSize, order }, url: cursor ?? this.src });
    if (!isObject(data) || !Array.isArray(data.comments) || typeof data.open !== 'boolean') throw invalid('page');
    const comments = data.comments.flatMap((c) => this.parse(c) ?? []);
    this.keepToken(data.token);
    this.keepChallenge(data);
    const total = typeof data.total === 'number' && data.total >= 0 ? Math.floor(data.total) : comments.length;
    // v1.1: threads whose replies continue past the page (older servers send none).
    const replies: Record<string, string> = {};
    for (const c of data.comments) {
      const more = isObject(c) && typeof c.replies_next === 'string' && typeof c.id === 'string' && safeUrl(c.replies_next, url);
      if (more && /^https?:/i.test(more)) replies[c.id as string] = more;
    }
    return { comments, total, open: data.open, next: (typeof data.next === 'string' && safeUrl(data.next, url)) || null, replies };
  }

  /** Starts solving the server's challenge while the reader writes, so Send does not wait for it. */
  prepare(): void {
    if (this.powAsked && !this.work) void this.solved(new AbortController().signal).catch(() => {});
  }

  async report({ id, reason, contact, signal }: CommentReportRequest): Promise<void> {
    if (!this.token) await this.refreshToken(signal);
    const url = new URL(this.src);
    url.pathname = `${url.pathname.replace(/\/$/, '')}/${encodeURIComponent(id)}/reports`;
    const body = { reason, contact, token: this.token };
    for (let refreshed = false; ; ) {
      try {
        await this.request({ signal, url: url.href, body, fail: (error) => this.failure(error) });
        return;
      } catch (error) {
        if (refreshed || !(error instanceof CommentError) || error.code !== 'invalid_token') throw error;
        refreshed = true;
        await this.refreshToken(signal);
        body.token = this.token;
      }
    }
  }

  async post({ draft, idempotencyKey, honeypot, signal }: CommentPostRequest): Promise<CommentPostResult> {
    if (!this.token) await this.refreshToken(signal);
    for (let refreshed = false, waited = false, resolved = false; ; ) {
      try {
        const work = this.powAsked ? await this.solved(signal) : undefined;
        const body = {
          parent: draft.parent,
          author_name: draft.name,
          author_email: draft.email,
          author_url: draft.url,
          text: draft.text,
          token: this.token,
          website2: honeypot,
          ...(work && { altcha: work as unknown as Json }),
        };
        const { data } = await this.request({ signal, fail: (error) => this.failure(error), body, headers: { 'Idempotency-Key': idempotencyKey } });
        const { comment, status } = isObject(data) ? data : {};
        const posted = this.parse(comment);
        if (!posted || (status !== 'approved' && status !== 'pending')) throw invalid('comment');
        // The solution is spent: the next comment needs a new challenge.
        this.dropChallenge();
        return { comment: { ...posted, status }, status };
      } catch (error) {
        // Two answers that stored nothing and that the reader cannot act on better than
        // we can: an expired token (a tab left open for a day) and "too fast after the
        // form was shown" (a quick, honest reader). Each is recovered from once.
        const code = error instanceof CommentError && error.code;
        if (code === 'invalid_token' && !refreshed) {
          refreshed = true;
          await this.refreshToken(signal);
        } else if (code === 'invalid_challenge' && !resolved) {
          // Expired (a form left open past the token's life) or spent: once more with a fresh one.
          resolved = true;
          this.dropChallenge();
          await this.refreshToken(signal);
        } else if (error instanceof CommentError && error.reason === 'challenge' && !error.code && !resolved) {
          // Solving failed here (perhaps an attempt begun on focus, with a challenge
          // fetched before the server recovered): once more, from a new challenge.
          resolved = true;
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
    // A new token: a challenge as new as it (the server ties their lifetimes).
    this.dropChallenge();
    this.keepChallenge(data);
  }

  /** Takes the answer's challenge unless one is held: the one being solved stays. */
  private keepChallenge(data: unknown): void {
    const challenge = isObject(data) && data.challenge;
    if (isObject(challenge) && isObject(challenge.parameters)) {
      this.powAsked = true;
      this.challenge ??= challenge as unknown as Challenge;
    }
  }

  private dropChallenge(): void {
    this.challenge = undefined;
    this.work = undefined;
  }

  /**
   * The solved challenge for the next comment: the one being solved, else a new one (a
   * first-page GET when none is held). The solver module is loaded on first use. After a
   * failure the next call starts again with a new challenge.
   */
  private solved(signal: AbortSignal): Promise<Work> {
    const work = (this.work ??= (async () => {
      if (!this.challenge) {
        const { data } = await this.request({ signal, params: { page: 1, per_page: 1 } });
        this.keepChallenge(data);
      }
      const challenge = this.challenge;
      if (!challenge) throw new CommentError('challenge', 'The server sent no proof-of-work challenge');
      const { solve } = await import('./pow-solver.js');
      return { challenge, solution: await solve(challenge, { ...this.lapaOptions.solver, signal }) };
    })());
    work.catch(() => {
      // Whatever failed, Retry starts again from a new challenge.
      if (this.work === work) this.dropChallenge();
    });
    return work.catch((error: unknown) => {
      throw error instanceof CommentError || (error as Error | undefined)?.name === 'AbortError'
        ? error
        : new CommentError('challenge', `Proof of work failed: ${(error as Error | undefined)?.message ?? String(error)}`, { cause: error });
    });
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
