import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { Task, TaskStatus, initialState } from '@lit/task';
import { defineElement } from '../internal/define.js';
import { DEFAULT_TIMEOUT } from '../internal/fetch-json.js';
import {
  CommentBoxErrorEvent,
  CommentBoxLoadEvent,
  CommentBoxPostedEvent,
  CommentBoxSubmitEvent,
} from '../internal/events.js';
import type { CommentData, CommentDraft } from '../internal/events.js';
import { LangController, fill, formatDate, message, plural } from '../internal/i18n.js';
import type { PluralMessage } from '../internal/i18n.js';
import type { CommentBackend, CommentField, CommentOrder, CommentPage, CommentPostResult } from './backend.js';
import { LapaBackend } from './backends/lapa.js';
import { authorUrl } from './backends/parse.js';
import { WordPressBackend } from './backends/wordpress.js';
import { CommentError } from './comment-error.js';
import { messages } from './comment-box.messages.js';
import type { CommentBoxMessageKey, CommentBoxMessages } from './comment-box.messages.js';
import styles from './comment-box.styles.js';
import { DraftStore } from './draft-store.js';
import type { Attempt, StoredDraft } from './draft-store.js';
import { linkify } from './linkify.js';
import { sanitizedHtml } from '../internal/sanitized-html.js';
import { buildThreads, flatten } from './threads.js';
import type { ThreadNode } from './threads.js';

export type { CommentBackend, CommentField, CommentListRequest, CommentOrder, CommentPage, CommentPostRequest, CommentPostResult } from './backend.js';
export type { CommentBoxMessages } from './comment-box.messages.js';
export type { CommentErrorReason, CommentErrorInit } from './comment-error.js';
export { CommentError } from './comment-error.js';
export { LapaBackend } from './backends/lapa.js';
export { WordPressBackend } from './backends/wordpress.js';

const FIELDS: readonly CommentField[] = ['name', 'email', 'url', 'text'];
const NAME_MAX = 100;
const EMAIL_MAX = 254;
const URL_MAX = 2000;
/** The character counter is announced once this share of the limit is left. */
const COUNTER_SHARE = 0.1;
const COUNTER_DELAY_MS = 800;

/** A message to show: a key of the table, with a count or the server's own words. */
interface Problem {
  key: CommentBoxMessageKey;
  n?: number;
  /** A second key, appended ("Your comment is kept here..."). */
  then?: CommentBoxMessageKey;
  /** The server's own message, shown only when no translated one says more. */
  quote?: string;
}

/** Why a run of a task was aborted by the element itself. */
const DISCONNECTED = new DOMException('The element was disconnected', 'AbortError');
const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const LABEL_ATTRIBUTES = (Object.keys(messages.en) as CommentBoxMessageKey[])
  .filter((key) => typeof messages.en[key] === 'string')
  .map((key) => `${kebab(key)}-label`);

/** What makes two sends the same comment. */
const fingerprintOf = (d: CommentDraft) => JSON.stringify([d.name.trim(), d.email.trim(), d.url.trim(), d.text.trim(), d.parent]);

const emptyDraft = (): StoredDraft => ({ name: '', email: '', url: '', text: '', parent: null, consent: false });

/** Comment ids are the server's strings: made safe for `id` attributes and selectors. */
const domId = (id: string) => id.replace(/[^A-Za-z0-9-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`);

/** Georgian script has no capitals in use: upper-casing gives Mtavruli, which few fonts have. */
const GEORGIAN = /[\u10d0-\u10ff]/;

function initials(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .slice(0, 2)
    .map((word) => {
      const first = [...word][0] ?? '';
      return GEORGIAN.test(first) ? first : first.toLocaleUpperCase();
    })
    .join('');
}

function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; partners' pages are not all https.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * @tagname comment-box
 * @summary The comments of one article: a threaded, paged list and a form to post one,
 * against the Lapa comments protocol or a WordPress site's REST API.
 *
 * @fires comment-box-load - A page of comments arrived (`.comments`, `.total`).
 * @fires comment-box-error - Loading or posting failed (`.kind`, `.status`, the server's `.code`).
 * @fires comment-box-submit - Before a comment is sent; synchronous and cancelable (`.draft`).
 * @fires comment-box-posted - The server accepted a comment (`.comment`, `.status`: `approved` | `pending`).
 *
 * @slot heading - The heading's text; defaults to the localised comment count.
 * @slot empty - Shown when there are no comments; defaults to "No comments yet."
 * @slot closed - Shown instead of the form when comments are closed.
 *
 * @csspart base - The wrapper (a `section`).
 * @csspart heading - The heading with the comment count.
 * @csspart list - The list of top-level threads.
 * @csspart replies - A nested list of replies.
 * @csspart item - One list item: a comment and its replies.
 * @csspart comment - One comment (an `article`).
 * @csspart meta - A comment's header: avatar, author and date.
 * @csspart avatar - The author's initials (no images from third parties).
 * @csspart author - The author's name (a link when they gave a website).
 * @csspart date - The comment's `time`.
 * @csspart moderation - "Your comment is awaiting moderation" on the reader's held comment.
 * @csspart body - The comment's text.
 * @csspart reply-button - A comment's Reply button.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart empty - The "No comments yet" text.
 * @csspart error - A failure message (loading, loading more, or posting).
 * @csspart retry-button - Retry after a failed load.
 * @csspart load-more - The "Show more comments" button.
 * @csspart notice - The "Comments are closed" notice.
 * @csspart form - The comment form.
 * @csspart form-heading - The form's heading ("Leave a comment" / "Reply to …").
 * @csspart hint - The required-fields note and the email note.
 * @csspart field - A label, its control and its messages.
 * @csspart label - A field's label.
 * @csspart input - The name, email and website inputs.
 * @csspart textarea - The comment textarea.
 * @csspart counter - The visible character counter.
 * @csspart field-error - A field's validation message.
 * @csspart consent - The "save my details" label with its checkbox.
 * @csspart checkbox - The consent checkbox.
 * @csspart actions - The row of form buttons.
 * @csspart submit - The submit button.
 * @csspart cancel-button - Cancels a reply.
 * @csspart status - The polite live region announcing results.
 *
 * @cssprop --comment-box-accent-color - Links, buttons and focus rings.
 * @cssprop --comment-box-text-color - Text.
 * @cssprop --comment-box-muted-color - Dates, hints, counters.
 * @cssprop --comment-box-background - Inputs and the form.
 * @cssprop --comment-box-border-color - Borders and thread lines.
 * @cssprop --comment-box-error-color - Validation and failure messages.
 * @cssprop --comment-box-radius - Corner radius of inputs and buttons.
 * @cssprop --comment-box-gap - Space between comments.
 * @cssprop --comment-box-indent - Indentation of each reply level.
 */
export class CommentBoxElement extends LitElement {
  static override styles = styles;

  static define(tag = 'comment-box', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  /** Every plain string has a `<kebab-key>-label` attribute that overrides it. */
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, ...LABEL_ATTRIBUTES];
  }

  private readonly locale = new LangController(this);
  private activeBackend?: CommentBackend;
  private store?: DraftStore;
  private counterTimer?: ReturnType<typeof setTimeout>;
  private rendering = false;

  private readonly listTask = new Task(this, {
    args: () => [this.activeBackend, this.order, this.pageSize, this.comments] as const,
    task: async ([backend, order, pageSize, comments], { signal }) => {
      if (comments) return { comments: [...comments], total: comments.length, next: null, open: false };
      if (!backend) return initialState;
      this.moreTask.abort();
      const page = await backend.list({ order: this.orderOf(order), pageSize: this.clamp(pageSize, 100), cursor: null, signal });
      this.pages = [];
      this.added = [];
      this.closedByServer = false;
      const listed = new Set(page.comments.map((c) => c.id));
      this.pending = this.store?.loadPending() ?? [];
      // A held comment a moderator has approved since is listed by the server now.
      if (this.pending.some((c) => listed.has(c.id))) this.savePending(this.pending.filter((c) => !listed.has(c.id)));
      return page;
    },
    // Property-given comments are the host's own change: no event for them.
    onComplete: (page) => !this.comments && this.emit(new CommentBoxLoadEvent(page.comments, page.total)),
    onError: (error) => this.emitError(error),
  });

  private readonly moreTask = new Task(this, {
    autoRun: false,
    task: async ([backend, cursor]: [CommentBackend, string], { signal }) => {
      const page = await backend.list({ order: this.orderOf(this.order), pageSize: this.clamp(this.pageSize, 100), cursor, signal });
      const before = new Set(this.allComments().map((c) => c.id));
      this.pages = [...this.pages, page];
      const first = page.comments.find((c) => !before.has(c.id));
      // Keyboard and screen reader users carry on reading where the new comments start.
      if (first) this.afterRender(() => this.focusComment(first.id));
      return page;
    },
    onComplete: (page) => this.emit(new CommentBoxLoadEvent(page.comments, page.total)),
    onError: (error) => this.emitError(error),
  });

  private readonly postTask = new Task(this, {
    autoRun: false,
    task: async ([draft, attempt, honeypot]: [CommentDraft, Attempt, string], { signal }) => {
      const backend = this.activeBackend!;
      let result: CommentPostResult;
      try {
        result = await backend.post({ draft, idempotencyKey: attempt.key, honeypot, signal });
      } catch (caught) {
        const error = CommentError.from(caught);
        if (error.reason === 'duplicate' && attempt.uncertain) {
          // A retry after a lost answer: the first attempt had arrived after all.
          this.received(attempt);
          return undefined;
        }
        this.rejected(error, attempt);
        throw error;
      }
      return this.accepted(result, attempt);
    },
    onComplete: (shown) => {
      if (!shown) return;
      this.emit(new CommentBoxPostedEvent(shown, shown.status!));
      this.afterRender(() => this.focusComment(shown.id));
    },
    onError: (error) => {
      this.emitError(error);
      this.afterRender(() => this.focusAfter(error));
    },
  });

  /**
   * Work that waits for the render after a task settled: events, so listeners find what
   * they report in the DOM, and focus moves, so the target exists and is enabled.
   */
  private queued: Array<() => void> = [];

  @state() private draft: StoredDraft = emptyDraft();
  @state() private problems: Partial<Record<CommentField, Problem>> = {};
  @state() private serverProblems: Partial<Record<CommentField, Problem>> = {};
  @state() private touched = new Set<CommentField>();
  @state() private submitted = false;
  @state() private formProblem?: Problem;
  @state() private announcement?: Problem;
  @state() private counterAnnouncement = '';
  @state() private pages: CommentPage[] = [];
  @state() private added: CommentData[] = [];
  @state() private pending: CommentData[] = [];
  @state() private closedByServer = false;

  /** The comments collection URL (our protocol), or `.../wp-json/wp/v2/comments?post=ID` with `api="wordpress"`. */
  @property() src?: string;

  /** `wordpress` for the WordPress REST API; omitted for the Lapa comments protocol. */
  @property() api?: 'wordpress';

  /** Order of the top-level threads: `oldest` (default) or `newest`. Replies are always oldest first. */
  @property() order: CommentOrder = 'oldest';

  /** Top-level threads per page (with all their replies), 1–100. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;

  /** Levels of replies shown indented; deeper replies line up with the last level. */
  @property({ type: Number, attribute: 'max-depth' }) maxDepth = 5;

  /** Longest comment accepted, in characters. */
  @property({ type: Number, attribute: 'maxlength' }) maxLength = 5000;

  /** Milliseconds before a request of the built-in backends gives up with kind `timeout`; 0 waits for ever. */
  @property({ type: Number }) timeout = DEFAULT_TIMEOUT;

  /** `light` or `dark` forces a colour scheme; by default the host page's `color-scheme` applies. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  /** Where comments come from and go to, instead of `src`/`api` (see `CommentBackend`). */
  @property({ attribute: false }) backend?: CommentBackend;

  /** The fetch the built-in backends use (a wrapper adding auth, logging...); the global one by default. */
  @property({ attribute: false }) fetch?: typeof fetch;

  /** Comments to show as given (npm users): read-only, nothing is fetched, no form. */
  @property({ attribute: false }) comments?: readonly CommentData[];

  /** Overrides of any message, plural ones included (`{ count: { one: '{n} reply', other: '{n} replies' } }`). */
  @property({ attribute: false }) messages?: Partial<CommentBoxMessages>;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.listTask.error === DISCONNECTED) void this.listTask.run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Reading requests are dropped; a POST in flight is left to finish, so its answer
    // (and the clearing of the draft) is not lost when the element only moves.
    this.listTask.abort(DISCONNECTED);
    this.moreTask.abort(DISCONNECTED);
    clearTimeout(this.counterTimer);
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (old !== value && name.endsWith('-label')) this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('src') || changed.has('api') || changed.has('backend') || changed.has('fetch') || changed.has('timeout')) {
      this.activeBackend = this.backend ?? this.builtInBackend();
      const key = this.activeBackend?.key;
      if (key !== undefined && key !== this.store?.article) this.loadDraft(key);
    }
  }

  protected override update(changed: PropertyValues<this>): void {
    this.rendering = true;
    try {
      super.update(changed);
    } finally {
      this.rendering = false;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('theme')) {
      // Through the CSSOM: a strict CSP (style-src without 'unsafe-inline') refuses a
      // style attribute, even an empty one, but not this.
      const scheme = this.theme === 'light' || this.theme === 'dark' ? this.theme : '';
      this.renderRoot.querySelector<HTMLElement>('.base')?.style.setProperty('color-scheme', scheme);
    }
    const queued = this.queued;
    this.queued = [];
    for (const work of queued) work();
  }

  private builtInBackend(): CommentBackend | undefined {
    if (!this.src) return undefined;
    let src: string;
    try {
      src = new URL(this.src, document.baseURI).href;
    } catch {
      return undefined;
    }
    const options = { fetch: this.fetch, timeout: Number.isFinite(this.timeout) && this.timeout >= 0 ? this.timeout : DEFAULT_TIMEOUT };
    return this.api === 'wordpress' ? new WordPressBackend(src, options) : new LapaBackend(src, options);
  }

  private loadDraft(key: string): void {
    this.store = new DraftStore(key);
    const identity = DraftStore.loadIdentity();
    this.draft = this.store.loadDraft() ?? Object.assign(emptyDraft(), identity, { consent: Boolean(identity) });
    this.problems = {};
    this.serverProblems = {};
    this.touched = new Set();
    this.submitted = false;
    this.formProblem = undefined;
  }

  private orderOf(order: string): CommentOrder {
    return order === 'newest' ? 'newest' : 'oldest';
  }

  private clamp(n: number, max: number): number {
    return Number.isFinite(n) ? Math.min(Math.max(1, Math.floor(n)), max) : 1;
  }

  // ---- messages ----------------------------------------------------------------

  private t(key: CommentBoxMessageKey): string {
    const label = this.getAttribute(`${kebab(key)}-label`);
    if (label !== null) return label;
    return message(messages, this.locale.value, key, this.messages) as string;
  }

  private count(key: 'count' | 'textTooLong' | 'charsLeft' | 'tooFastWait', n: number): string {
    return plural(message(messages, this.locale.value, key, this.messages) as PluralMessage, n, this.locale.value);
  }

  private say(problem: Problem): string {
    const { key, n } = problem;
    let text = n !== undefined && (key === 'textTooLong' || key === 'tooFastWait' || key === 'charsLeft') ? this.count(key, n) : this.t(key);
    if (problem.quote) text += ` “${problem.quote}”`;
    if (problem.then) text += ` ${this.t(problem.then)}`;
    return text;
  }

  private problemOf(error: CommentError): Problem {
    switch (error.reason) {
      case 'network':
        return { key: navigator.onLine === false ? 'offline' : 'network', then: 'kept' };
      case 'timeout':
      case 'server':
      case 'invalid':
        return { key: error.reason, then: 'kept' };
      case 'too-fast':
        return error.retryAfter ? { key: 'tooFastWait', n: error.retryAfter } : { key: 'tooFast' };
      case 'duplicate':
      case 'spam':
      case 'expired':
      case 'closed':
        return { key: error.reason };
      case 'login-required':
        return { key: 'loginRequired' };
      case 'too-large':
        return { key: 'tooLarge' };
      case 'reply-gone':
        return { key: 'replyGone' };
      case 'field':
        return { key: ({ name: 'nameRejected', email: 'emailInvalid', url: 'urlInvalid', text: 'textRejected' } as const)[error.field ?? 'text'] };
      default:
        return { key: 'rejected', quote: error.serverMessage };
    }
  }

  private afterRender(work: () => void): void {
    this.queued.push(work);
  }

  private emit(event: Event): void {
    this.afterRender(() => this.dispatchEvent(event));
  }

  private emitError(error: unknown): void {
    if (isAbort(error)) return;
    const e = CommentError.from(error);
    this.emit(new CommentBoxErrorEvent(e.kind, e.status, e.code, error));
  }

  // ---- the list ------------------------------------------------------------------

  /** Every comment shown: the pages loaded, then the reader's own posted since. */
  private allComments(): CommentData[] {
    const first = this.listTask.value;
    if (!first) return [];
    const listed = [first, ...this.pages].flatMap((page) => page.comments);
    const ids = new Set(listed.map((c) => c.id));
    const own = [...this.added, ...this.pending].filter((c) => !ids.has(c.id));
    // A new thread goes where the chosen order puts it: last, or first when newest first.
    if (this.orderOf(this.order) === 'oldest') return [...listed, ...own];
    return [...own.filter((c) => c.parent === null).reverse(), ...listed, ...own.filter((c) => c.parent !== null)];
  }

  private total(): number {
    const last = [this.listTask.value, ...this.pages].at(-1);
    const listed = new Set([this.listTask.value, ...this.pages].flatMap((page) => page?.comments ?? []).map((c) => c.id));
    return (last?.total ?? 0) + this.added.filter((c) => !listed.has(c.id)).length;
  }

  private isOpen(): boolean {
    return Boolean(this.listTask.value?.open) && !this.closedByServer && !this.comments && Boolean(this.activeBackend);
  }

  private loadMore(): void {
    const next = [this.listTask.value, ...this.pages].at(-1)?.next;
    if (next && this.activeBackend && this.moreTask.status !== TaskStatus.PENDING) void this.moreTask.run([this.activeBackend, next]);
  }

  private async retry(): Promise<void> {
    await this.listTask.run().catch(() => {});
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#heading')?.focus();
  }

  private focusComment(id: string): void {
    this.renderRoot.querySelector<HTMLElement>(`#c-${domId(id)}`)?.focus();
  }

  /** After a failed post: the field at fault, the closed notice, or the button (and the message before it). */
  private focusAfter(error: unknown): void {
    const e = CommentError.from(error);
    const target =
      e.reason === 'closed'
        ? this.renderRoot.querySelector<HTMLElement>('[part="notice"]')
        : e.reason === 'field' || e.reason === 'too-large'
          ? this.control(e.field ?? 'text')
          : this.renderRoot.querySelector<HTMLElement>('[part="submit"]');
    target?.focus();
  }

  // ---- the form ------------------------------------------------------------------

  private control(field: CommentField): HTMLInputElement | HTMLTextAreaElement | null {
    return this.renderRoot.querySelector(`#f-${field}`);
  }

  private setDraft(change: Partial<StoredDraft>): void {
    this.draft = { ...this.draft, ...change };
    this.store?.saveDraft(this.draft);
  }

  /** Runs the browser's constraint validation on one field, with our own checks and words. */
  private check(field: CommentField): Problem | undefined {
    const el = this.control(field);
    if (!el) return undefined;
    const value = el.value.trim();
    let custom: Problem | undefined;
    if (field === 'name' || field === 'text') {
      if (el.value !== '' && value === '') custom = { key: field === 'name' ? 'nameMissing' : 'textMissing' };
      const over = field === 'text' ? value.length - this.clamp(this.maxLength, Infinity) : 0;
      if (over > 0) custom = { key: 'textTooLong', n: over };
    } else if (field === 'email' && value && !/@[^@.\s]+(\.[^@.\s]+)+$/.test(value)) {
      // The browser takes "anna@localhost"; comment servers want a domain with a dot.
      custom = { key: 'emailInvalid' };
    } else if (field === 'url' && value && !/^https?:\/\//i.test(value)) {
      custom = { key: 'urlInvalid' };
    }
    el.setCustomValidity(custom ? this.say(custom) : '');
    const v = el.validity;
    if (v.valid) return undefined;
    if (custom) return custom;
    if (v.valueMissing) return { key: `${field as 'name' | 'email' | 'text'}Missing` };
    if (v.typeMismatch) return { key: field === 'email' ? 'emailInvalid' : 'urlInvalid' };
    return { key: field === 'name' ? 'nameRejected' : field === 'email' ? 'emailInvalid' : field === 'url' ? 'urlInvalid' : 'textRejected' };
  }

  private visibleProblem(field: CommentField): Problem | undefined {
    return this.serverProblems[field] ?? (this.touched.has(field) || this.submitted ? this.problems[field] : undefined);
  }

  private onInput(event: Event): void {
    const el = event.target as HTMLInputElement;
    const field = el.name as CommentField;
    if (!FIELDS.includes(field)) return;
    this.setDraft({ [field]: el.value });
    if (this.serverProblems[field]) this.serverProblems = { ...this.serverProblems, [field]: undefined };
    this.problems = { ...this.problems, [field]: this.check(field) };
    if (field === 'text') this.scheduleCounter();
  }

  private onFocusOut(event: FocusEvent): void {
    const el = event.target as HTMLInputElement;
    const field = el.name as CommentField;
    // A focused field that a render removes (the form moving) fires focusout too, but
    // the reader did not leave it.
    if (!FIELDS.includes(field) || this.rendering) return;
    // "anna.example" is what people type for a website; the servers want a full URL.
    if (field === 'url' && el.value.trim() && !/^[a-z][a-z\d+.-]*:/i.test(el.value.trim())) {
      el.value = `https://${el.value.trim()}`;
      this.setDraft({ url: el.value });
    }
    this.touched = new Set(this.touched).add(field);
    this.problems = { ...this.problems, [field]: this.check(field) };
  }

  private onConsent(event: Event): void {
    const consent = (event.target as HTMLInputElement).checked;
    this.setDraft({ consent });
    // Unticking means "forget me": now, not after the next comment.
    if (!consent) DraftStore.forgetIdentity();
  }

  private scheduleCounter(): void {
    clearTimeout(this.counterTimer);
    this.counterTimer = setTimeout(() => {
      const max = this.clamp(this.maxLength, Infinity);
      const left = max - this.draft.text.trim().length;
      this.counterAnnouncement = left <= Math.max(10, max * COUNTER_SHARE) ? (left >= 0 ? this.count('charsLeft', left) : this.count('textTooLong', -left)) : '';
    }, COUNTER_DELAY_MS);
  }

  private async startReply(id: string): Promise<void> {
    this.setDraft({ parent: id });
    this.formProblem = undefined;
    await this.updateComplete;
    this.control('text')?.focus();
  }

  private async cancelReply(): Promise<void> {
    const id = this.draft.parent;
    this.setDraft({ parent: null });
    await this.updateComplete;
    const opener = id === null ? null : this.renderRoot.querySelector<HTMLElement>(`#c-${domId(id)} [part='reply-button']`);
    (opener ?? this.control('text'))?.focus();
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.draft.parent !== null) {
      event.preventDefault();
      void this.cancelReply();
    }
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    // The button is disabled while sending; this also stops a second submit that
    // arrives before the re-render (Enter twice, a double click).
    if (this.postTask.status === TaskStatus.PENDING || !this.activeBackend) return;
    this.submitted = true;
    this.formProblem = undefined;
    this.announcement = undefined;
    const problems: Partial<Record<CommentField, Problem>> = {};
    for (const field of FIELDS) problems[field] = this.check(field);
    this.problems = problems;
    const invalid = FIELDS.find((field) => this.visibleProblem(field));
    if (invalid) {
      await this.updateComplete;
      this.control(invalid)?.focus();
      return;
    }
    const d = this.draft;
    const draft: CommentDraft = { name: d.name.trim(), email: d.email.trim(), url: d.url.trim(), text: d.text.trim(), parent: d.parent };
    const fingerprint = fingerprintOf(draft);
    const attempt = d.attempt?.fingerprint === fingerprint ? d.attempt : { key: newKey(), fingerprint, uncertain: false };
    this.setDraft({ attempt });
    const submit = new CommentBoxSubmitEvent(draft);
    this.dispatchEvent(submit);
    if (submit.defaultPrevented) return;
    const honeypot = this.renderRoot.querySelector<HTMLInputElement>('input[name="website2"]')?.value ?? '';
    void this.postTask.run([draft, attempt, honeypot]).catch(() => {});
  }

  private accepted({ comment, status }: CommentPostResult, attempt: Attempt): CommentData {
    const d = this.draft;
    // Like WordPress's cookies, the identity is written when a comment is accepted; it
    // is removed only by unticking the box.
    if (d.consent) DraftStore.saveIdentity({ name: d.name.trim(), email: d.email.trim(), url: d.url.trim() });
    // Name, email and website stay in the form for another comment; they are stored
    // again only with the next draft (or across visits with consent). Text typed while
    // the comment was on its way is a new draft, and kept.
    if (fingerprintOf(d) === attempt.fingerprint) {
      this.store?.clearDraft();
      this.draft = { ...d, text: '', parent: null, attempt: undefined };
    } else {
      this.setDraft({ attempt: undefined });
    }
    this.submitted = false;
    this.touched = new Set();
    this.problems = {};
    const shown = { ...comment, status };
    if (status === 'pending') this.savePending([...this.pending, shown]);
    else this.added = [...this.added, shown];
    this.announcement = { key: status === 'pending' ? 'pending' : 'posted' };
    return shown;
  }

  private received(attempt: Attempt): void {
    if (fingerprintOf(this.draft) === attempt.fingerprint) {
      this.store?.clearDraft();
      this.draft = { ...this.draft, text: '', parent: null, attempt: undefined };
    } else {
      this.setDraft({ attempt: undefined });
    }
    this.submitted = false;
    this.announcement = { key: 'received' };
    // It may be listed now (approved) or not (held): the list says which.
    void this.listTask.run().catch(() => {});
  }

  private rejected(error: CommentError, attempt: Attempt): void {
    if (this.draft.attempt?.key === attempt.key) this.setDraft({ attempt: { ...attempt, uncertain: attempt.uncertain || error.uncertain } });
    const problem = this.problemOf(error);
    if (error.reason === 'closed') this.closedByServer = true;
    else if (error.reason === 'field' || error.reason === 'too-large') this.serverProblems = { ...this.serverProblems, [error.field ?? 'text']: problem };
    else this.formProblem = problem;
  }

  private savePending(pending: CommentData[]): void {
    this.pending = pending;
    this.store?.savePending(pending);
  }

  // ---- rendering -----------------------------------------------------------------

  /**
   * Everything a rendered comment depends on besides the comment itself. Each keystroke
   * re-renders the element; a comment whose inputs did not change is not rendered again
   * (with 1,000 comments on the page, that was most of every keystroke's time: BENCHMARKS.md).
   */
  private commentInputs(): unknown[] {
    return [this.locale.value, this.t('anonymous'), this.t('pending'), this.t('reply'), this.isOpen(), this.activeBackend];
  }

  private renderList(nodes: readonly ThreadNode[], depth: number, inputs = this.commentInputs()): TemplateResult {
    const max = this.clamp(this.maxDepth, 100);
    // At the deepest level, replies to replies line up instead of indenting further.
    const items = depth >= max ? flatten(nodes) : nodes;
    return html`<ol part=${depth === 1 ? 'list' : 'replies'} class="list" role="list">
      ${repeat(
        items,
        (node) => node.comment.id,
        (node) =>
          html`<li part="item">
            ${guard([node.comment, depth < max, ...inputs], () => this.renderComment(node.comment, depth < max))}
            ${this.draft.parent === node.comment.id && this.isOpen() ? this.renderForm(node.comment) : nothing}
            ${depth < max && node.children.length ? this.renderList(node.children, depth + 1, inputs) : nothing}
          </li>`,
      )}
    </ol>`;
  }

  private renderComment(comment: CommentData, canReply: boolean): TemplateResult {
    const id = domId(comment.id);
    const name = comment.author.name.trim() || this.t('anonymous');
    const url = authorUrl(comment.author.url);
    const date = new Date(comment.date);
    const pending = comment.status === 'pending';
    return html`<article part="comment" id="c-${id}" class=${pending ? 'pending' : ''} tabindex="-1" aria-labelledby="a-${id}">
      <header part="meta">
        <span part="avatar" aria-hidden="true">${initials(name)}</span>
        ${url
          ? html`<a part="author" id="a-${id}" href=${url} rel="nofollow ugc noopener noreferrer" referrerpolicy="no-referrer">${name}</a>`
          : html`<span part="author" id="a-${id}">${name}</span>`}
        ${Number.isNaN(date.getTime())
          ? nothing
          : html`<time part="date" datetime=${date.toISOString()}>${formatDate(date, this.locale.value, { time: true })}</time>`}
      </header>
      ${pending ? html`<p part="moderation">${this.t('pending')}</p>` : nothing}
      <div part="body" class=${comment.html ? 'html' : 'text'}>${comment.html ? sanitizedHtml(comment.text, 'comment', this.activeBackend?.baseUrl) : linkify(comment.text)}</div>
      ${canReply && !pending && this.isOpen()
        ? html`<button part="reply-button" type="button" aria-describedby="a-${id}" @click=${() => this.startReply(comment.id)}>
            ${this.t('reply')}
          </button>`
        : nothing}
    </article>`;
  }

  private renderField(field: 'name' | 'email' | 'url', type: 'text' | 'email' | 'url', autocomplete: 'name' | 'email' | 'url', maxlength: number, note?: string): TemplateResult {
    const required = field !== 'url';
    const problem = this.visibleProblem(field);
    const describedBy = [note ? `${field}-note` : '', problem ? `${field}-error` : ''].filter(Boolean).join(' ');
    return html`<div part="field">
      <label part="label" for="f-${field}">${this.t(field)}${required ? html`<span class="star" aria-hidden="true"> *</span>` : nothing}</label>
      <input
        part="input"
        id="f-${field}"
        name=${field}
        type=${type}
        autocomplete=${autocomplete}
        maxlength=${maxlength}
        spellcheck=${field === 'name' ? 'true' : 'false'}
        ?required=${required}
        .value=${live(this.draft[field])}
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${ifDefined(describedBy || undefined)}
      />
      ${note ? html`<p part="hint" id="${field}-note">${note}</p>` : nothing}
      ${problem ? html`<p part="field-error" id="${field}-error">${this.say(problem)}</p>` : nothing}
    </div>`;
  }

  private renderForm(target?: CommentData): TemplateResult {
    const sending = this.postTask.status === TaskStatus.PENDING;
    const problem = this.visibleProblem('text');
    const max = this.clamp(this.maxLength, Infinity);
    const [before, after] = this.t('required').split('{mark}');
    const replying = this.draft.parent !== null;
    const targetName = target ? target.author.name.trim() || this.t('anonymous') : undefined;
    return html`<form
      part="form"
      class=${replying ? 'form reply' : 'form'}
      novalidate
      aria-labelledby="form-heading"
      @submit=${this.onSubmit}
      @input=${this.onInput}
      @focusout=${this.onFocusOut}
      @keydown=${this.onKeyDown}
    >
      <h3 part="form-heading" id="form-heading">${targetName ? fill(this.t('replyHeading'), { name: targetName }) : this.t('formHeading')}</h3>
      <p part="hint">${before}<span aria-hidden="true">*</span><span class="sr-only">${this.t('asterisk')}</span>${after ?? ''}</p>
      ${this.renderField('name', 'text', 'name', NAME_MAX)}
      ${this.renderField('email', 'email', 'email', EMAIL_MAX, this.t('emailNote'))}
      ${this.renderField('url', 'url', 'url', URL_MAX)}
      <div part="field">
        <label part="label" for="f-text">${this.t('text')}<span class="star" aria-hidden="true"> *</span></label>
        <textarea
          part="textarea"
          id="f-text"
          name="text"
          rows="5"
          required
          .value=${live(this.draft.text)}
          aria-invalid=${problem ? 'true' : 'false'}
          aria-describedby=${ifDefined(problem ? 'text-error' : undefined)}
        ></textarea>
        <p part="counter" class=${this.draft.text.trim().length > max ? 'over' : ''} aria-hidden="true">${this.draft.text.trim().length} / ${max}</p>
        <p class="sr-only" aria-live="polite">${this.counterAnnouncement}</p>
        ${problem ? html`<p part="field-error" id="text-error">${this.say(problem)}</p>` : nothing}
      </div>
      <div class="hp" .inert=${true}>
        <label>${this.t('honeypot')} <input name="website2" type="text" tabindex="-1" autocomplete="off" /></label>
      </div>
      <label part="consent"><input part="checkbox" type="checkbox" .checked=${live(this.draft.consent)} @change=${this.onConsent} /> ${this.t('consent')}</label>
      ${this.formProblem ? html`<p part="error" role="alert">${this.say(this.formProblem)}</p>` : nothing}
      <div part="actions">
        <button part="submit" type="submit" ?disabled=${sending}>${sending ? this.t('sending') : this.t('submit')}</button>
        ${replying ? html`<button part="cancel-button" type="button" @click=${this.cancelReply}>${this.t('cancel')}</button>` : nothing}
      </div>
    </form>`;
  }

  private renderBody(): TemplateResult | typeof nothing {
    const task = this.listTask;
    if (task.status === TaskStatus.INITIAL) return nothing;
    if (task.status === TaskStatus.PENDING) {
      return html`<div part="skeleton" class="skeleton" aria-hidden="true">
          ${[0, 1, 2].map(() => html`<div class="sk"><span></span><span></span><span></span></div>`)}
        </div>
        <p class="sr-only">${this.t('loading')}</p>`;
    }
    if (task.status === TaskStatus.ERROR) {
      const problem = isAbort(task.error) ? undefined : this.problemOf(CommentError.from(task.error));
      return html`<div part="error" class="load-error">
        <p>${this.t('loadError')} ${problem && problem.then ? this.t(problem.key) : nothing}</p>
        <button part="retry-button" type="button" @click=${this.retry}>${this.t('retry')}</button>
      </div>`;
    }
    const comments = this.allComments();
    const threads = buildThreads(comments);
    const replyTarget = this.draft.parent === null ? undefined : comments.find((c) => c.id === this.draft.parent);
    const next = [task.value, ...this.pages].at(-1)?.next;
    const moreFailed = this.moreTask.status === TaskStatus.ERROR && !isAbort(this.moreTask.error);
    const loadingMore = this.moreTask.status === TaskStatus.PENDING;
    return html`${threads.length
        ? this.renderList(threads, 1)
        : html`<p part="empty"><slot name="empty">${this.t('empty')}</slot></p>`}
      ${next
        ? html`${moreFailed ? html`<p part="error">${this.t('loadMoreError')}</p>` : nothing}
            <button part="load-more" type="button" ?disabled=${loadingMore} aria-busy=${loadingMore ? 'true' : 'false'} @click=${this.loadMore}>
              ${loadingMore ? this.t('loading') : moreFailed ? this.t('retry') : this.t('loadMore')}
            </button>`
        : nothing}
      ${this.isOpen()
        ? replyTarget
          ? nothing
          : this.renderForm()
        : this.activeBackend && !this.comments
          ? html`<p part="notice" tabindex="-1"><slot name="closed">${this.t('closed')}</slot></p>`
          : nothing}`;
  }

  override render(): TemplateResult {
    const task = this.listTask;
    const loading = task.status === TaskStatus.PENDING;
    const heading = task.status === TaskStatus.COMPLETE ? this.count('count', this.total()) : this.t('heading');
    return html`<section part="base" class="base" aria-labelledby="heading" aria-busy=${loading ? 'true' : 'false'}>
      <h2 part="heading" id="heading" tabindex="-1"><slot name="heading">${heading}</slot></h2>
      ${this.renderBody()}
      <p part="status" class="status" role="status">${this.announcement ? this.say(this.announcement) : nothing}</p>
    </section>`;
  }
}
