/**
 * What `<comment-box>` lists: the pages loaded (the first through the shared
 * LoadController, the next ones on request), the reader's own comments since, and how many
 * of them are shown. It hands the list out as threads, rebuilt only when one of those
 * changed.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CommentData } from '../../internal/data.js';
import { LoadController } from '../../internal/load.js';
import { sanitizerIsReady, sanitizerReady } from '../../internal/sanitize.js';
import type { LoadOutcome } from '../../internal/load.js';
import type { CommentBackend, CommentOrder, CommentPage } from '../backend.js';
import { storePending, storedPending } from '../draft-store.js';
import { buildThreads } from '../threads.js';
import type { ThreadNode } from '../threads.js';

/**
 * Comments shown at once from the loaded pages; "Show more comments" shows the next ones
 * before asking the server. A page holds whole threads, so a server (or a hostile one) can
 * send thousands of comments in one, and rendering them all would freeze the host page.
 */
const SHOWN_STEP = 500;

/** The next page: none asked for, on its way, or failed (Retry). */
export type NextPageState = 'idle' | 'loading' | 'failed';

export interface CommentListOptions {
  /** The backend to load from; undefined when there is nothing to load. */
  backend(): CommentBackend | undefined;
  /** What the first page depends on besides the backend (order, page size). */
  order(): CommentOrder;
  pageSize(): number;
  /** Comments given by code, shown instead of loading. */
  given(): readonly CommentData[] | undefined;
  /**
   * Reports a page's outcome, once, after the update that shows it; for a next page,
   * with the first of its comments that was not shown before.
   */
  settled(outcome: LoadOutcome<CommentPage>, fresh?: CommentData): void;
}

/** The list as shown. */
export interface Arranged {
  threads: ThreadNode[];
  /** Every comment shown, the reader's own included. */
  comments: CommentData[];
  total: number;
  /** The first loaded comment not shown yet. */
  firstHidden?: CommentData;
}

const isAbort = (error: unknown) => (error as Error | undefined)?.name === 'AbortError';

export class CommentListController implements ReactiveController {
  /** The next page's state. */
  next: NextPageState = 'idle';
  /** The server refused a comment because the article is closed (until the list loads again). */
  closed = false;
  /** The reader's own comments, published or held, since the list was loaded. */
  private added: CommentData[] = [];
  private pending: CommentData[] = [];
  /** How many of the loaded comments are shown (SHOWN_STEP more at a time). */
  private limit = SHOWN_STEP;
  /** The pages after the first. */
  private rest: CommentPage[] = [];
  /**
   * Threads (by top-level id) whose replies go on past what is loaded (protocol v1.1):
   * the next part's state. A new map on every change, so the list knows to render.
   */
  replies: ReadonlyMap<string, NextPageState> = new Map();
  /** Their cursors. */
  private replyCursors = new Map<string, string>();
  /** The replies loaded after their pages, in order. */
  private moreReplies: CommentData[] = [];
  private replyRequests = new Set<AbortController>();
  private nextRequest?: AbortController;
  /** A number per backend object, for the first page's key. */
  private readonly backendIds = new WeakMap<CommentBackend, number>();
  private backendCount = 0;
  private lastArranged?: { inputs: unknown[]; arranged: Arranged };
  /** The sanitiser's load, for HTML bodies given by code; whether it failed. */
  private sanitizerWait?: Promise<void>;
  private sanitizerFailed = false;
  /** One page of comments given by code (the same array for the same comments). */
  private givenPage?: [readonly CommentData[], CommentPage[]];
  private readonly first: LoadController<CommentPage>;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: CommentListOptions,
  ) {
    host.addController(this);
    this.first = new LoadController(host, {
      key: () => {
        const backend = options.backend();
        return backend && !options.given() ? JSON.stringify([this.idOf(backend), options.order(), options.pageSize()]) : '';
      },
      run: (signal) => this.loadFirst(signal),
      // WordPress comment bodies are HTML: where DOMPurify is needed, its import runs beside the request.
      sanitizer: true,
      settled: (outcome) => options.settled(outcome),
    });
  }

  /** The pages loaded (or the given comments as one); undefined while the first loads or failed. */
  get pages(): CommentPage[] | undefined {
    const given = this.options.given();
    // Given HTML bodies wait for the sanitiser as loaded ones do.
    if (given) return given.some((comment) => comment.html) && this.waitForSanitizer() ? undefined : this.page(given);
    const first = this.first.value;
    return first && [first, ...this.rest];
  }

  /** Why the first page failed, when it did. */
  get error(): unknown {
    return this.first.error;
  }

  get loading(): boolean {
    return this.first.pending;
  }

  /** The article the reader's held comments are kept under. */
  private get article(): string {
    return this.options.backend()!.key;
  }

  hostDisconnected(): void {
    this.nextRequest?.abort();
    for (const request of this.replyRequests) request.abort();
  }

  /** The list as shown: the pages loaded (up to the limit), then the reader's own posted since. */
  arrange(pages: CommentPage[]): Arranged {
    const order = this.options.order();
    const inputs = [...pages, this.added, this.pending, order, this.limit, this.moreReplies];
    const last = this.lastArranged;
    if (last && last.inputs.length === inputs.length && last.inputs.every((input, i) => input === inputs[i])) return last.arranged;
    const listed = [...pages.flatMap((page) => page.comments), ...this.moreReplies];
    const ids = new Set(listed.map((c) => c.id));
    const own = [...this.added, ...this.pending].filter((c) => !ids.has(c.id));
    const shown = listed.slice(0, this.limit);
    // A new thread goes where the chosen order puts it: last, or first when newest first.
    const comments =
      order === 'newest' ? [...own.filter((c) => c.parent === null).reverse(), ...shown, ...own.filter((c) => c.parent !== null)] : [...shown, ...own];
    const arranged = {
      threads: buildThreads(comments),
      comments,
      total: pages.at(-1)!.total + this.added.filter((c) => !ids.has(c.id)).length,
      firstHidden: listed[this.limit],
    };
    this.lastArranged = { inputs, arranged };
    return arranged;
  }

  /** The reader's comment, accepted: shown at once (held ones kept for this session). */
  add(comment: CommentData): void {
    if (comment.status === 'pending') this.savePending([...this.pending, comment]);
    else this.added = [...this.added, comment];
    this.host.requestUpdate();
  }

  /** The article turned out closed: no more form. */
  close(): void {
    this.closed = true;
    this.host.requestUpdate();
  }

  /** Shows the next loaded comments. */
  showMore(): void {
    this.limit += SHOWN_STEP;
    this.host.requestUpdate();
  }

  /** Loads the page after the last; resolves with it, or undefined when it failed or was dropped. */
  async loadNext(): Promise<CommentPage | undefined> {
    const cursor = this.pages?.at(-1)?.next;
    const backend = this.options.backend();
    if (!cursor || !backend || this.next === 'loading') return undefined;
    const request = (this.nextRequest = new AbortController());
    this.next = 'loading';
    this.host.requestUpdate();
    const { order, pageSize } = this.options;
    try {
      const page = await backend.list({ order: order(), pageSize: pageSize(), cursor, signal: request.signal });
      if (request !== this.nextRequest) return undefined;
      const shown = new Set(this.lastArranged?.arranged.comments.map((c) => c.id));
      this.next = 'idle';
      this.rest = [...this.rest, page];
      this.keepReplies(page);
      this.settleAfterRender({ value: page }, page.comments.find((c) => !shown.has(c.id)));
      return page;
    } catch (error) {
      if (request !== this.nextRequest) return undefined;
      this.next = isAbort(error) ? 'idle' : 'failed';
      if (!isAbort(error)) this.settleAfterRender({ error });
      return undefined;
    } finally {
      if (request === this.nextRequest) this.nextRequest = undefined;
      this.host.requestUpdate();
    }
  }

  /**
   * Loads the next part of thread `id`'s replies ("Show more replies"); reports it like a
   * page, with the first reply not shown before.
   */
  async loadReplies(id: string): Promise<void> {
    const cursor = this.replyCursors.get(id);
    const backend = this.options.backend();
    if (!cursor || !backend || this.replies.get(id) === 'loading') return;
    const request = new AbortController();
    this.replyRequests.add(request);
    this.setReplies(id, 'loading');
    try {
      const part = await backend.list({ order: this.options.order(), pageSize: this.options.pageSize(), cursor, signal: request.signal });
      if (this.replyCursors.get(id) !== cursor) return;
      // A part that starts again from the beginning (its reply was deleted) repeats some.
      const shown = new Set([...(this.pages ?? []).flatMap((p) => p.comments), ...this.moreReplies].map((c) => c.id));
      const fresh = part.comments.filter((c) => !shown.has(c.id));
      this.moreReplies = [...this.moreReplies, ...fresh];
      if (part.next) this.replyCursors.set(id, part.next);
      else this.replyCursors.delete(id);
      this.setReplies(id, part.next ? 'idle' : undefined);
      this.settleAfterRender({ value: { ...part, total: this.pages?.at(-1)?.total ?? part.total } }, fresh[0]);
    } catch (error) {
      if (this.replyCursors.get(id) !== cursor) return;
      this.setReplies(id, isAbort(error) ? 'idle' : 'failed');
      if (!isAbort(error)) this.settleAfterRender({ error });
    } finally {
      this.replyRequests.delete(request);
    }
  }

  /** Loads the first page again (Retry). */
  retry(): void {
    this.first.retry();
  }

  /** Loads the list from the start again, even if nothing it depends on changed. */
  reload(): void {
    this.first.reset();
  }

  private settleAfterRender(outcome: LoadOutcome<CommentPage>, fresh?: CommentData): void {
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.options.settled(outcome, fresh));
  }

  /** The threads of `page` whose replies go on (each thread is on one page only). */
  private keepReplies(page: CommentPage): void {
    const entries = Object.entries(page.replies ?? {}).filter(([id]) => !this.replyCursors.has(id));
    if (!entries.length) return;
    for (const [id, cursor] of entries) this.replyCursors.set(id, cursor);
    this.replies = new Map([...this.replies, ...entries.map(([id]) => [id, 'idle'] as const)]);
  }

  private setReplies(id: string, state: NextPageState | undefined): void {
    const replies = new Map(this.replies);
    if (state) replies.set(id, state);
    else replies.delete(id);
    this.replies = replies;
    this.host.requestUpdate();
  }

  private async loadFirst(signal: AbortSignal): Promise<CommentPage> {
    // The list from the start: what was shown of the last one goes.
    this.nextRequest?.abort();
    this.nextRequest = undefined;
    for (const request of this.replyRequests) request.abort();
    this.replyCursors = new Map();
    this.replies = new Map();
    this.moreReplies = [];
    this.next = 'idle';
    this.rest = [];
    this.added = [];
    this.closed = false;
    this.limit = SHOWN_STEP;
    const article = this.article;
    const page = await this.options.backend()!.list({ order: this.options.order(), pageSize: this.options.pageSize(), cursor: null, signal });
    if (!signal.aborted) {
      const listed = new Set(page.comments.map((c) => c.id));
      // A held comment a moderator has approved since is listed by the server now.
      this.savePending(storedPending(article).filter((c) => !listed.has(c.id)));
      this.keepReplies(page);
    }
    return page;
  }

  private savePending(pending: CommentData[]): void {
    this.pending = pending;
    storePending(this.article, pending);
  }

  private page(given: readonly CommentData[]): CommentPage[] {
    if (this.givenPage?.[0] !== given) this.givenPage = [given, [{ comments: [...given], total: given.length, next: null, open: false }]];
    return this.givenPage[1];
  }

  /** Whether the sanitiser is still loading (a failed load is not waited for: bodies show as text). */
  private waitForSanitizer(): boolean {
    if (sanitizerIsReady() || this.sanitizerFailed) return false;
    this.sanitizerWait ??= sanitizerReady().then(
      () => this.host.requestUpdate(),
      () => {
        this.sanitizerFailed = true;
        this.host.requestUpdate();
      },
    );
    return true;
  }

  private idOf(backend: CommentBackend): number {
    let id = this.backendIds.get(backend);
    if (id === undefined) this.backendIds.set(backend, (id = ++this.backendCount));
    return id;
  }
}
