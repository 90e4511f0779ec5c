import { LitElement, html, noChange, nothing, render } from 'lit';
import type { PropertyDeclarations, PropertyValues, TemplateResult } from 'lit';
import { defineElement } from '../internal/define.js';
import { DEFAULT_TIMEOUT } from '../internal/fetch-json.js';
import { CommentBoxErrorEvent, CommentBoxLoadEvent, CommentBoxPostedEvent, CommentBoxSubmitEvent } from '../internal/events.js';
import type { CommentData, CommentDraft } from '../internal/data.js';
import { LangController, fill, formatDate, labelAttribute, message, plural } from '../internal/i18n.js';
import type { PluralMessage } from '../internal/i18n.js';
import { sanitizedHtml } from '../internal/sanitized-html.js';
import type { CommentBackend, CommentField, CommentOrder, CommentPage } from './backend.js';
import { LapaBackend } from './backends/lapa.js';
import { authorUrl } from './backends/parse.js';
import { WordPressBackend } from './backends/wordpress.js';
import { CommentError } from './comment-error.js';
import { messages } from './comment-box.messages.js';
import type { CommentBoxMessageKey, CommentBoxMessages } from './comment-box.messages.js';
import styles from './comment-box.styles.js';
import { storeDraft, storeIdentity, storePending, storedDraft, storedIdentity, storedPending } from './draft-store.js';
import type { Attempt, StoredDraft } from './draft-store.js';
import { linkify } from './linkify.js';
import { buildThreads, flatten } from './threads.js';
import type { ThreadNode } from './threads.js';

export type { CommentBackend, CommentField, CommentListRequest, CommentOrder, CommentPage, CommentPostRequest, CommentPostResult } from './backend.js';
export type { CommentBoxMessages } from './comment-box.messages.js';
export type { CommentErrorReason, CommentErrorInit } from './comment-error.js';
export { CommentError } from './comment-error.js';
export { LapaBackend } from './backends/lapa.js';
export { WordPressBackend } from './backends/wordpress.js';

const FIELDS: readonly CommentField[] = ['name', 'email', 'url', 'text'];
/**
 * Comments shown at once from the loaded pages; "Show more comments" shows the next ones
 * before asking the server. A page holds whole threads, so a server (or a hostile one) can
 * send thousands of comments in one, and rendering them all would freeze the host page.
 */
const SHOWN_STEP = 500;
/** The inputs' maxlength: what comment servers store. */
const MAX_LENGTH = { name: 100, email: 254, url: 2000 };
/** The words for a value the browser or the server refused, per field. */
const REJECTED = { name: 'nameRejected', email: 'emailInvalid', url: 'urlInvalid', text: 'textRejected' } as const;

/** A message to show: a key of the table, with a count or the server's own words. */
interface Problem {
  key: CommentBoxMessageKey;
  n?: number;
  /** "Your comment is kept here..." follows. */
  kept?: boolean;
  /** The server's own message, shown only when no translated one says more. */
  quote?: string;
}

const isAbort = (error: unknown) => (error as Error | undefined)?.name === 'AbortError';
const clamp = (n: number, max: number) => (Number.isFinite(n) ? Math.min(Math.max(1, Math.floor(n)), max) : 1);

const trimmed = ({ name, email, url, text, parent }: CommentDraft): CommentDraft => ({ name: name.trim(), email: email.trim(), url: url.trim(), text: text.trim(), parent });
/** What makes two sends the same comment. */
const fingerprintOf = (d: CommentDraft) => JSON.stringify(Object.values(trimmed(d)));

/** Comment ids are the server's strings: made safe for `id` attributes and selectors. */
const domId = (id: string) => id.replace(/[^A-Za-z0-9-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`);

/** Georgian script has no capitals in use: upper-casing gives Mtavruli, which few fonts have. */
const GEORGIAN = /[\u10d0-\u10ff]/;
const initials = (name: string) =>
  name
    .trim()
    .split(/\s+/)
    .slice(0, 2)
    .map(([first = '']) => (GEORGIAN.test(first) ? first : first.toLocaleUpperCase()))
    .join('');

const EMPTY: StoredDraft = { name: '', email: '', url: '', text: '', parent: null, consent: false };

// randomUUID needs a secure context; partners' pages are not all https.
const newKey = () =>
  crypto.randomUUID?.() ?? Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

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

  static override properties: PropertyDeclarations = {
    src: {},
    api: {},
    order: {},
    pageSize: { type: Number, attribute: 'page-size' },
    maxDepth: { type: Number, attribute: 'max-depth' },
    maxLength: { type: Number, attribute: 'maxlength' },
    timeout: { type: Number },
    theme: { reflect: true },
    backend: { attribute: false },
    fetch: { attribute: false },
    comments: { attribute: false },
    messages: { attribute: false },
    // Internal state: a change re-renders.
    ...Object.fromEntries(
      'draft problems serverProblems formProblem announcement counter pages listError more sending added pending closedByServer'
        .split(' ')
        .map((name) => [name, { state: true }]),
    ),
  };

  static define(tag = 'comment-box', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  /** Every plain string has a `<kebab-key>-label` attribute that overrides it. */
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, ...Object.keys(messages.en).map(labelAttribute)];
  }

  private readonly locale = new LangController(this);
  /**
   * The form's place, kept across renders and moved under the comment being answered.
   * Its content is rendered apart from the list, so typing re-renders the form, never
   * the 1,000 comments around it (BENCHMARKS.md).
   */
  private readonly form = document.createElement('div');
  private activeBackend?: CommentBackend;
  /** The key drafts are kept under: the backend's. */
  private article?: string;
  /** The request for a page of comments in flight (the first or the next). */
  private request?: AbortController;
  private counterTimer?: ReturnType<typeof setTimeout>;
  private rendering?: boolean;
  /** What the list was last rendered from: while it stays the same, it is not rendered again. */
  private listInputs: unknown[] = [];
  private threads!: ThreadNode[];
  private total!: number;
  /** The comment being answered, when it is listed. */
  private target?: CommentData;

  private draft = EMPTY;
  /** Each field's problem, once it is shown: the field was left, or the form submitted. */
  private problems: Partial<Record<CommentField, Problem>> = {};
  /** A field the server refused, until it is edited. */
  private serverProblems: Partial<Record<CommentField, Problem>> = {};
  private formProblem?: Problem;
  private announcement?: Problem;
  /** The character count, announced near the limit. */
  private counter?: Problem;
  /** The pages loaded; none while the first is loading or failed. */
  private pages: CommentPage[] = [];
  private listError?: unknown;
  /** `true` while the next page loads, then why it failed. */
  private more?: unknown;
  /** How many of the loaded comments are shown (SHOWN_STEP more at a time). */
  private limit = SHOWN_STEP;
  /** The first loaded comment not shown yet. */
  private firstHidden?: CommentData;
  private sending?: boolean;
  /** The reader's own comments, published or held, since the list was loaded. */
  private added: CommentData[] = [];
  private pending: CommentData[] = [];
  private closedByServer?: boolean;

  /** The comments collection URL (our protocol), or `.../wp-json/wp/v2/comments?post=ID` with `api="wordpress"`. */
  src?: string;

  /** `wordpress` for the WordPress REST API; omitted for the Lapa comments protocol. */
  api?: 'wordpress';

  /** Order of the top-level threads: `oldest` (default) or `newest`. Replies are always oldest first. */
  order: CommentOrder = 'oldest';

  /** Top-level threads per page (with all their replies), 1–100. */
  pageSize = 20;

  /** Levels of replies shown indented; deeper replies line up with the last level. */
  maxDepth = 5;

  /** Longest comment accepted, in characters. */
  maxLength = 5000;

  /** Milliseconds before a request of the built-in backends gives up with kind `timeout`; 0 waits for ever. */
  timeout = DEFAULT_TIMEOUT;

  /** `light` or `dark` forces a colour scheme; by default the host page's `color-scheme` applies. */
  theme?: 'light' | 'dark';

  /** Where comments come from and go to, instead of `src`/`api` (see `CommentBackend`). */
  backend?: CommentBackend;

  /** The fetch the built-in backends use (a wrapper adding auth, logging...); the global one by default. */
  fetch?: typeof fetch;

  /** Comments to show as given (npm users): read-only, nothing is fetched, no form. */
  comments?: readonly CommentData[];

  /** Overrides of any message, plural ones included (`{ count: { one: '{n} reply', other: '{n} replies' } }`). */
  messages?: Partial<CommentBoxMessages>;

  override connectedCallback(): void {
    super.connectedCallback();
    if (isAbort(this.listError)) void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Reading requests are dropped (the first page is asked for again on reconnecting);
    // a POST in flight is left to finish, so its answer (and the clearing of the draft)
    // is not lost when the element only moves.
    this.request?.abort();
    clearTimeout(this.counterTimer);
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    // A `*-label` may change any text, the comments' included.
    this.listInputs = [];
    this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues): void {
    const has = (names: string) => names.split(' ').some((name) => changed.has(name));
    const backend = this.activeBackend;
    if (has('src api backend fetch timeout')) {
      this.activeBackend = this.backend;
      if (!this.backend && this.src) {
        try {
          this.activeBackend = new (this.api === 'wordpress' ? WordPressBackend : LapaBackend)(new URL(this.src, document.baseURI).href, {
            fetch: this.fetch,
            timeout: Number.isFinite(this.timeout) && this.timeout >= 0 ? this.timeout : DEFAULT_TIMEOUT,
          });
        } catch {
          // Not a URL: nothing to load.
        }
      }
      const key = this.activeBackend?.key;
      if (key !== undefined && key !== this.article) {
        this.article = key;
        const identity = storedIdentity();
        this.draft = storedDraft(key) ?? { ...EMPTY, ...identity, consent: !!identity };
        this.resetForm();
      }
    }
    if (this.activeBackend !== backend || has('order pageSize comments')) void this.load();
  }

  protected override update(changed: PropertyValues): void {
    this.rendering = true;
    try {
      super.update(changed);
      // The form is in place when comments are open.
      if (this.form.parentNode) render(this.renderForm(), this.form, { host: this });
    } finally {
      this.rendering = false;
    }
  }

  // ---- messages ----------------------------------------------------------------

  /** A message; with `n`, its plural form for that count. */
  private t(key: CommentBoxMessageKey, n?: number): string {
    const lang = this.locale.value;
    const text = message(messages, lang, key, this.messages);
    return n === undefined ? (this.getAttribute(labelAttribute(key)) ?? (text as string)) : plural(text as PluralMessage, n, lang);
  }

  private say({ key, n, kept, quote }: Problem): string {
    return `${this.t(key, n)}${quote ? ` “${quote}”` : ''}${kept ? ` ${this.t('kept')}` : ''}`;
  }

  private problemOf(error: unknown): Problem {
    const e = CommentError.from(error);
    const { reason } = e;
    if (e.uncertain) return { key: reason === 'network' && !navigator.onLine ? 'offline' : (reason as 'network'), kept: true };
    if (reason === 'too-fast' && e.retryAfter) return { key: 'tooFastWait', n: e.retryAfter };
    if (reason === 'field') return { key: REJECTED[e.field ?? 'text'] };
    // The other reasons have a message of their own: `login-required` -> `loginRequired`.
    const key = reason.replace(/-./g, (s) => s[1]!.toUpperCase()) as CommentBoxMessageKey;
    return typeof messages.en[key] === 'string' && key !== 'rejected' ? { key } : { key: 'rejected', quote: e.serverMessage };
  }

  /**
   * Work that waits for the render after a request settled: events, so listeners find
   * what they report in the DOM, and focus moves, so the target exists and is enabled.
   */
  private afterRender(work: () => void): void {
    this.requestUpdate();
    void this.updateComplete.then(work);
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

  /** The first page (without `cursor`: the list from the start again), or the next one. */
  private async load(cursor?: string): Promise<void> {
    const backend = this.activeBackend!;
    this.request?.abort();
    const request = (this.request = new AbortController());
    this.more = cursor && true;
    if (!cursor) {
      this.limit = SHOWN_STEP;
      this.listError = undefined;
      this.closedByServer = false;
      this.added = [];
      // Property-given comments are the host's own change: no event for them.
      this.pages = this.comments ? [{ comments: [...this.comments], total: this.comments.length, next: null, open: false }] : [];
      if (this.comments || !backend) return;
    }
    try {
      const page = await backend.list({ order: this.order === 'newest' ? 'newest' : 'oldest', pageSize: clamp(this.pageSize, 100), cursor: cursor ?? null, signal: request.signal });
      if (request !== this.request) return;
      if (cursor) {
        // Keyboard and screen reader users carry on reading where the new comments start.
        const first = page.comments.find((c) => !this.comment(c.id));
        if (first) this.afterRender(() => this.comment(first.id)?.focus());
      } else {
        const listed = new Set(page.comments.map((c) => c.id));
        // A held comment a moderator has approved since is listed by the server now.
        this.savePending(storedPending(this.article!).filter((c) => !listed.has(c.id)));
      }
      this.more = undefined;
      this.pages = [...this.pages, page];
      this.emit(new CommentBoxLoadEvent(page.comments, page.total));
    } catch (error) {
      if (request !== this.request) return;
      if (cursor) this.more = error;
      else this.listError = error;
      this.emitError(error);
    }
  }

  /** The next loaded comments not shown yet; focus goes to the first, where reading goes on. */
  private showMore(): void {
    const first = this.firstHidden!;
    this.limit += SHOWN_STEP;
    this.afterRender(() => this.comment(first.id)?.focus());
  }

  private async retry(): Promise<void> {
    await this.load();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#heading')!.focus();
  }

  /** A comment's element, when it is shown. */
  private comment(id: string): HTMLElement | null {
    return this.renderRoot.querySelector(`#c-${domId(id)}`);
  }

  private savePending(pending: CommentData[]): void {
    this.pending = pending;
    storePending(this.article!, pending);
  }

  // ---- the form ------------------------------------------------------------------

  private control(field: CommentField | 'website2'): HTMLInputElement {
    return this.form.querySelector(`[name=${field}]`)!;
  }

  private setDraft(change: Partial<StoredDraft>): void {
    this.draft = { ...this.draft, ...change };
    storeDraft(this.article!, this.draft);
  }

  private resetForm(): void {
    this.problems = {};
    this.serverProblems = {};
    this.formProblem = undefined;
  }

  /** Runs the browser's constraint validation on one field, with our own checks and words. */
  private check(field: CommentField): Problem | undefined {
    const el = this.control(field);
    const value = el.value.trim();
    const over = field === 'text' ? value.length - clamp(this.maxLength, Infinity) : 0;
    // Blank (spaces only, too) is missing; the browser takes "anna@localhost", comment
    // servers want a domain with a dot; a website is a web address.
    const key: CommentBoxMessageKey | undefined =
      over > 0
        ? 'textTooLong'
        : !value
          ? field === 'url' ? undefined : (`${field}Missing` as 'textMissing')
          : !(field === 'email' ? /@[^@.\s]+(\.[^@.\s]+)+$/ : field === 'url' ? /^https?:\/\//i : /./).test(value)
            ? REJECTED[field]
            : undefined;
    const custom: Problem | undefined = key && { key, n: over > 0 ? over : undefined };
    el.setCustomValidity(custom ? this.say(custom) : '');
    return el.validity.valid ? undefined : (custom || { key: REJECTED[field] });
  }

  private visibleProblem(field: CommentField): Problem | undefined {
    return this.serverProblems[field] ?? this.problems[field];
  }

  /** `input` and `focusout` of the four fields. */
  private onField(event: Event): void {
    const el = event.target as HTMLInputElement;
    const field = el.name as CommentField;
    const value = el.value.trim();
    const input = event.type === 'input';
    // A focused field that a render removes (the form moving) fires focusout too, but
    // the reader did not leave it.
    if (!FIELDS.includes(field) || this.rendering) return;
    if (input) {
      this.setDraft({ [field]: el.value });
      this.serverProblems = { ...this.serverProblems, [field]: undefined };
      if (field === 'text') {
        clearTimeout(this.counterTimer);
        this.counterTimer = setTimeout(() => {
          const max = clamp(this.maxLength, Infinity);
          const left = max - this.draft.text.trim().length;
          // Announced once a tenth of the limit (at least 10) is left.
          this.counter = left > Math.max(10, max * 0.1) ? undefined : left < 0 ? { key: 'textTooLong', n: -left } : { key: 'charsLeft', n: left };
        }, 800);
      }
    } else if (field === 'url' && value && !/^[a-z][a-z\d+.-]*:/i.test(value)) {
      // "anna.example" is what people type for a website; the servers want a full URL.
      this.setDraft({ url: (el.value = `https://${value}`) });
    }
    // A problem shows once the field was left (or the form submitted), then follows the typing.
    if (!input || field in this.problems) this.problems = { ...this.problems, [field]: this.check(field) };
  }

  private onConsent(event: Event): void {
    const consent = (event.target as HTMLInputElement).checked;
    this.setDraft({ consent });
    // Unticking means "forget me": now, not after the next comment.
    if (!consent) storeIdentity();
  }

  /** Moves the form under comment `id` (focus in its text), or back (`null`: focus on the Reply it came from). */
  private async reply(id: string | null): Promise<void> {
    const from = this.draft.parent;
    this.setDraft({ parent: id });
    if (id !== null) this.formProblem = undefined;
    await this.updateComplete;
    const opener = id === null ? this.comment(from!)?.querySelector<HTMLElement>('[part=reply-button]') : null;
    (opener ?? this.control('text')).focus();
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.draft.parent !== null) {
      event.preventDefault();
      void this.reply(null);
    }
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    // The button is disabled while sending; this also stops a second submit that
    // arrives before the re-render (Enter twice, a double click).
    if (this.sending) return;
    this.formProblem = this.announcement = undefined;
    this.problems = Object.fromEntries(FIELDS.map((field) => [field, this.check(field)]));
    const invalid = FIELDS.find((field) => this.visibleProblem(field));
    if (invalid) {
      await this.updateComplete;
      this.control(invalid).focus();
      return;
    }
    const draft = trimmed(this.draft);
    const fingerprint = fingerprintOf(draft);
    const attempt = this.draft.attempt?.fingerprint === fingerprint ? this.draft.attempt : { key: newKey(), fingerprint, uncertain: false };
    this.setDraft({ attempt });
    const submit = new CommentBoxSubmitEvent(draft);
    this.dispatchEvent(submit);
    if (!submit.defaultPrevented) void this.send(draft, attempt, this.control('website2').value);
  }

  private async send(draft: CommentDraft, attempt: Attempt, honeypot: string): Promise<void> {
    this.sending = true;
    try {
      const { comment, status } = await this.activeBackend!.post({ draft, idempotencyKey: attempt.key, honeypot, signal: new AbortController().signal });
      // Like WordPress's cookies, the identity is written when a comment is accepted; it
      // is removed only by unticking the box.
      const { consent, name, email, url } = { ...this.draft, ...trimmed(this.draft) };
      if (consent) storeIdentity({ name, email, url });
      this.settle(attempt);
      this.resetForm();
      const shown = { ...comment, status };
      if (status === 'pending') this.savePending([...this.pending, shown]);
      else this.added = [...this.added, shown];
      this.announcement = { key: status === 'pending' ? 'pending' : 'posted' };
      // Through emit(): the manifest analyzer takes `dispatchEvent(new X(shown))` for an event named "shown".
      this.emit(new CommentBoxPostedEvent(shown, status));
      this.afterRender(() => this.comment(shown.id)?.focus());
    } catch (caught) {
      const error = CommentError.from(caught);
      const { reason } = error;
      if (reason === 'duplicate' && attempt.uncertain) {
        // A retry after a lost answer: the first attempt had arrived after all.
        this.settle(attempt);
        this.announcement = { key: 'received' };
        // It may be listed now (approved) or not (held): the list says which.
        void this.load();
      } else {
        if (this.draft.attempt?.key === attempt.key) this.setDraft({ attempt: { ...attempt, uncertain: attempt.uncertain || error.uncertain } });
        const problem = this.problemOf(error);
        const field = error.field ?? 'text';
        // Then focus goes to the field at fault, the closed notice, or the button (after the message).
        let focus = '[part=submit]';
        if (reason === 'closed') {
          this.closedByServer = true;
          focus = '[part=notice]';
        } else if (reason === 'field' || reason === 'too-large') {
          this.serverProblems = { ...this.serverProblems, [field]: problem };
          focus = `#f-${field}`;
        } else {
          this.formProblem = problem;
        }
        this.emitError(error);
        this.afterRender(() => this.renderRoot.querySelector<HTMLElement>(focus)?.focus());
      }
    }
    this.sending = false;
  }

  /**
   * The server has the comment: the draft goes with it. Name, email and website stay in
   * the form for another comment; they are stored again only with the next draft (or
   * across visits with consent). Text typed while the comment was on its way is a new
   * draft, and kept.
   */
  private settle(attempt: Attempt): void {
    if (fingerprintOf(this.draft) === attempt.fingerprint) {
      storeDraft(this.article!);
      this.draft = { ...this.draft, text: '', parent: null, attempt: undefined };
    } else {
      this.setDraft({ attempt: undefined });
    }
  }

  // ---- rendering -----------------------------------------------------------------

  private nameOf(comment: CommentData): string {
    return comment.author.name.trim() || this.t('anonymous');
  }

  private renderList(nodes: readonly ThreadNode[], depth: number, open: boolean): TemplateResult {
    const indent = depth < clamp(this.maxDepth, 100);
    // At the deepest level, replies to replies line up instead of indenting further.
    return html`<ol part=${depth > 1 ? 'replies' : 'list'} class="list" role="list">${(indent ? nodes : flatten(nodes)).map(
      ({ comment, children }) =>
        html`<li part="item">${this.renderComment(comment, indent && open)}${open && comment.id === this.draft.parent ? this.form : nothing}${
          indent && children.length ? this.renderList(children, depth + 1, open) : nothing
        }</li>`,
    )}</ol>`;
  }

  private renderComment(comment: CommentData, canReply: boolean): TemplateResult {
    const id = domId(comment.id);
    const name = this.nameOf(comment);
    const url = authorUrl(comment.author.url);
    const date = new Date(comment.date);
    const pending = comment.status === 'pending';
    const author = url
      ? html`<a part="author" id="a-${id}" href=${url} rel="nofollow ugc noopener noreferrer" referrerpolicy="no-referrer">${name}</a>`
      : html`<span part="author" id="a-${id}">${name}</span>`;
    const time = isNaN(+date) ? nothing : html`<time part="date" datetime=${date.toISOString()}>${formatDate(date, this.locale.value, { time: true })}</time>`;
    const body = comment.html ? sanitizedHtml(comment.text, 'comment', this.activeBackend?.baseUrl) : linkify(comment.text);
    return html`<article part="comment" id="c-${id}" class=${pending ? 'pending' : ''} tabindex="-1" aria-labelledby="a-${id}"><header part="meta"><span
      part="avatar" aria-hidden="true">${initials(name)}</span>${author}${time}</header>${pending ? html`<p part="moderation">${this.t('pending')}</p>` : nothing}<div part="body" class=${comment.html ? 'html' : 'text'}>${body}</div>${
      canReply && !pending
        ? html`<button part="reply-button" type="button" aria-describedby="a-${id}" @click=${() => this.reply(comment.id)}>${this.t('reply')}</button>`
        : nothing
    }</article>`;
  }

  private renderField(field: CommentField): TemplateResult {
    const { draft } = this;
    const problem = this.visibleProblem(field);
    const invalid = problem ? 'true' : 'false';
    const describedBy = `${field === 'email' ? 'email-note ' : ''}${problem ? `${field}-error` : ''}`.trim() || nothing;
    const length = draft.text.trim().length;
    const max = clamp(this.maxLength, Infinity);
    const star = field === 'url' ? nothing : html`<span class="star" aria-hidden="true"> *</span>`;
    const control =
      field === 'text'
        ? html`<textarea part="textarea" id="f-text" name="text" rows="5" required .value=${draft.text} aria-invalid=${invalid} aria-describedby=${describedBy}></textarea><p part="counter" class=${
            length > max ? 'over' : ''
          } aria-hidden="true">${length} / ${max}</p><p class="sr-only" aria-live="polite">${this.counter ? this.say(this.counter) : ''}</p>`
        : html`<input part="input" id="f-${field}" name=${field} type=${field === 'name' ? 'text' : field} autocomplete=${field} maxlength=${MAX_LENGTH[field]} spellcheck=${
            field === 'name' ? 'true' : 'false'
          } ?required=${field !== 'url'} .value=${draft[field]} aria-invalid=${invalid} aria-describedby=${describedBy} />${
            field === 'email' ? html`<p part="hint" id="email-note">${this.t('emailNote')}</p>` : nothing
          }`;
    return html`<div part="field"><label part="label" for="f-${field}">${this.t(field)}${star}</label>${control}${
      problem ? html`<p part="field-error" id="${field}-error">${this.say(problem)}</p>` : nothing
    }</div>`;
  }

  private renderForm(): TemplateResult {
    const { draft, sending, target } = this;
    const [before, after] = this.t('required').split('{mark}');
    const heading = target ? fill(this.t('replyHeading'), { name: this.nameOf(target) }) : this.t('formHeading');
    const cancel = html`<button part="cancel-button" type="button" @click=${() => this.reply(null)}>${this.t('cancel')}</button>`;
    return html`<form part="form" class=${draft.parent === null ? '' : 'reply'} novalidate aria-labelledby="form-heading" @submit=${this.onSubmit} @input=${
      this.onField
    } @focusout=${this.onField} @keydown=${this.onKeyDown}><h3 part="form-heading" id="form-heading">${heading}</h3><p part="hint">${before}<span aria-hidden="true">*</span><span class="sr-only">${
      this.t('asterisk')
    }</span>${after}</p>${FIELDS.map((field) => this.renderField(field))}<div class="hp" .inert=${true}><label>${
      this.t('honeypot')
    } <input name="website2" type="text" tabindex="-1" autocomplete="off" /></label></div><label part="consent"><input part="checkbox" type="checkbox" .checked=${
      draft.consent
    } @change=${this.onConsent} /> ${this.t('consent')}</label>${
      this.formProblem ? html`<p part="error" role="alert">${this.say(this.formProblem)}</p>` : nothing
    }<div part="actions"><button part="submit" type="submit" ?disabled=${sending}>${this.t(sending ? 'sending' : 'submit')}</button>${
      draft.parent === null ? nothing : cancel
    }</div></form>`;
  }

  /** The loaded list, "load more", and the form or the closed notice. */
  private renderComments(pages: CommentPage[]): TemplateResult {
    const open = !!pages[0]!.open && !this.closedByServer;
    const inputs = [pages, this.added, this.pending, this.order, this.maxDepth, this.draft.parent, open, this.locale.value, this.messages, this.limit];
    const changed = inputs.some((input, i) => input !== this.listInputs[i]);
    if (changed) {
      this.listInputs = inputs;
      // Every comment shown: the pages loaded (up to the limit), then the reader's own posted since.
      const listed = pages.flatMap((page) => page.comments);
      const ids = new Set(listed.map((c) => c.id));
      const shown = listed.slice(0, this.limit);
      this.firstHidden = listed[this.limit];
      const own = [...this.added, ...this.pending].filter((c) => !ids.has(c.id));
      // A new thread goes where the chosen order puts it: last, or first when newest first.
      const comments =
        this.order === 'newest'
          ? [...own.filter((c) => c.parent === null).reverse(), ...shown, ...own.filter((c) => c.parent !== null)]
          : [...shown, ...own];
      this.threads = buildThreads(comments);
      this.target = comments.find((c) => c.id === this.draft.parent);
      this.total = pages.at(-1)!.total + this.added.filter((c) => !ids.has(c.id)).length;
    }
    const next = pages.at(-1)!.next;
    const busy = this.more === true;
    const failed = !busy && !!this.more && !isAbort(this.more);
    const more = html`${failed ? html`<p part="error">${this.t('loadMoreError')}</p>` : nothing}<button part="load-more" type="button" ?disabled=${busy} aria-busy=${
      busy ? 'true' : 'false'
    } @click=${() => (this.firstHidden ? this.showMore() : this.load(next!))}>${this.t(busy ? 'loading' : failed ? 'retry' : 'loadMore')}</button>`;
    const notice = html`<p part="notice" tabindex="-1"><slot name="closed">${this.t('closed')}</slot></p>`;
    // Rendered again only when what it shows changed: not while the reader types.
    const list = !changed ? noChange : this.threads.length ? this.renderList(this.threads, 1, open) : html`<p part="empty"><slot name="empty">${this.t('empty')}</slot></p>`;
    return html`${list}${next || this.firstHidden ? more : nothing}${
      open ? (this.target ? nothing : this.form) : this.activeBackend && !this.comments ? notice : nothing
    }`;
  }

  override render(): TemplateResult {
    const { pages, listError } = this;
    const loading = !pages[0] && !listError && !!this.activeBackend;
    let body: unknown = nothing;
    if (pages[0]) {
      body = this.renderComments(pages);
    } else {
      // The list's part goes with this render: the next list is rendered afresh.
      this.listInputs = [];
      if (listError) {
        const problem = isAbort(listError) ? undefined : this.problemOf(listError);
        body = html`<div part="error" class="load-error"><p>${this.t('loadError')} ${problem?.kept ? this.t(problem.key) : nothing}</p> <button part="retry-button" type="button" @click=${
          this.retry
        }>${this.t('retry')}</button></div>`;
      } else if (loading) {
        const lines = html`<div class="sk"><span></span><span></span><span></span></div>`;
        body = html`<div part="skeleton" aria-hidden="true">${lines}${lines}${lines}</div><p class="sr-only">${this.t('loading')}</p>`;
      }
    }
    const heading = pages[0] ? this.t('count', this.total) : this.t('heading');
    return html`<section part="base" class="base" aria-labelledby="heading" aria-busy=${loading ? 'true' : 'false'}><h2 part="heading" id="heading" tabindex="-1"><slot
      name="heading">${heading}</slot></h2>${body}<p part="status" role="status">${this.announcement ? this.say(this.announcement) : nothing}</p></section>`;
  }
}
