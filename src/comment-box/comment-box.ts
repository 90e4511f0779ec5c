import { LitElement, html, nothing } from 'lit';
import type { PropertyDeclarations, PropertyValues, TemplateResult } from 'lit';
import { defineElement } from '../internal/define.js';
import { DEFAULT_TIMEOUT } from '../internal/fetch-json.js';
import { CommentBoxErrorEvent, CommentBoxLoadEvent, CommentBoxPostedEvent } from '../internal/events.js';
import type { CommentData } from '../internal/data.js';
import { LangController, labelAttribute } from '../internal/i18n.js';
import type { LoadOutcome } from '../internal/load.js';
import type { CommentBackend, CommentPage } from './backend.js';
import { createBackend } from './backends/create.js';
import { CommentError } from './comment-error.js';
import { messages } from './comment-box.messages.js';
import type { CommentBoxMessages } from './comment-box.messages.js';
import styles from './comment-box.styles.js';
import { CommentFormController } from './form/form-controller.js';
import { renderForm } from './form/form.view.js';
import { CommentListController } from './list/list-controller.js';
import { renderList, renderLoadState } from './list/list.view.js';
import { ReportController } from './list/report-controller.js';
import { domId } from './list/thread-list.js';
import { textsFor } from './texts.js';

export type {
  CommentBackend,
  CommentField,
  CommentListRequest,
  CommentOrder,
  CommentPage,
  CommentPostRequest,
  CommentPostResult,
  CommentReportReason,
  CommentReportRequest,
} from './backend.js';
export type { CommentBoxMessages } from './comment-box.messages.js';
export type { CommentErrorReason, CommentErrorInit } from './comment-error.js';
export { CommentError } from './comment-error.js';
export { LapaBackend } from './backends/lapa.js';
export { WordPressBackend } from './backends/wordpress.js';
// The element's events, from its own module, so the entry's declarations carry their
// HTMLElementEventMap entries whatever else they happen to refer to.
export type {
  CommentBoxErrorEvent,
  CommentBoxErrorKind,
  CommentBoxLoadEvent,
  CommentBoxPostedEvent,
  CommentBoxSubmitEvent,
} from '../internal/events.js';

const clamp = (n: number, max: number) => (Number.isFinite(n) ? Math.min(Math.max(1, Math.floor(n)), max) : 1);

/**
 * @tagname comment-box
 * @summary The comments of one article: a threaded, paged list and a form to post one,
 * against the Lapa comments protocol or a WordPress site's REST API.
 *
 * @fires {CommentBoxLoadEvent} comment-box-load - A page of comments arrived (`.comments`, `.total`).
 * @fires {CommentBoxErrorEvent} comment-box-error - Loading or posting failed (`.kind`, `.status`, the server's `.code`).
 * @fires {CommentBoxSubmitEvent} comment-box-submit - Before a comment is sent; synchronous and cancelable (`.draft`).
 * @fires {CommentBoxPostedEvent} comment-box-posted - The server accepted a comment (`.comment`, `.status`: `approved` | `pending`).
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
 * @csspart more-replies - The "Show more replies" button under a thread whose replies go on past its page.
 * @csspart report-button - A comment's Report button (backends that take reports: our protocol).
 * @csspart report-form - The form that confirms a report: reason and optional contact.
 * @csspart report-reason - Its reason `select`.
 * @csspart report-submit - Its "Send report" button.
 * @csspart report-cancel - Its Cancel button.
 * @csspart reported - "Reported", in place of the Report button once sent.
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
 * @cssprop [--comment-box-accent-color=var(--lapa-accent-color, light-dark(#0b57d0, #8ab4f8))] - Links, buttons and focus rings.
 * @cssprop [--comment-box-accent-contrast-color=var(--lapa-accent-contrast-color, light-dark(#fff, #131314))] - Text on the accent colour (the Post button).
 * @cssprop [--comment-box-color=var(--lapa-color, inherit)] - Text.
 * @cssprop [--comment-box-muted-color=var(--lapa-muted-color, light-dark(#5b6470, #a8b0ba))] - Dates, hints, counters.
 * @cssprop [--comment-box-background=var(--lapa-background, light-dark(#fff, #1e1f22))] - Inputs and the form.
 * @cssprop [--comment-box-border-color=var(--lapa-border-color, light-dark(#c9cdd3, #474c53))] - Borders and thread lines.
 * @cssprop [--comment-box-error-color=var(--lapa-error-color, light-dark(#b3261e, #f2b8b5))] - Validation and failure messages.
 * @cssprop [--comment-box-border-radius=var(--lapa-radius, 0.375rem)] - Corner radius of inputs and buttons.
 * @cssprop [--comment-box-font-family=var(--lapa-font-family, inherit)] - Font of the comments and the form.
 * @cssprop [--comment-box-gap=1.25em] - Space between comments.
 * @cssprop [--comment-box-indent=1.5em] - Indentation of each reply level (at most 4vw).
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
    headingLevel: { type: Number, attribute: 'heading-level' },
    timeout: { type: Number },
    theme: { reflect: true },
    backend: { attribute: false },
    fetch: { attribute: false },
    comments: { attribute: false },
    messages: { attribute: false },
  };

  static define(tag = 'comment-box', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  /** Every plain string has a `<kebab-key>-label` attribute that overrides it. */
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, ...Object.keys(messages.en).map(labelAttribute)];
  }

  private readonly locale = new LangController(this);
  private activeBackend?: CommentBackend;
  /** Counts attribute changes: a `*-label` may change any text, the comments' included. */
  private labels = 0;
  private readonly texts = textsFor(this, () => this.locale.value);

  private readonly list = new CommentListController(this, {
    backend: () => this.activeBackend,
    order: () => (this.order === 'newest' ? 'newest' : 'oldest'),
    pageSize: () => clamp(this.pageSize, 100),
    given: () => this.comments,
    settled: (outcome, fresh) => this.loaded(outcome, fresh),
  });

  private readonly form = new CommentFormController(this, {
    backend: () => this.activeBackend,
    maxLength: () => clamp(this.maxLength, Infinity),
    say: (problem) => this.texts.say(problem),
    form: () => this.renderRoot.querySelector<HTMLFormElement>('form[part=form]'),
    submitting: () => this.announce(undefined),
    posted: ({ comment, status }) => {
      const shown = { ...comment, status };
      const event = new CommentBoxPostedEvent(shown, status);
      this.list.add(shown);
      this.announce(status === 'pending' ? 'pending' : 'posted');
      this.afterRender(() => {
        this.dispatchEvent(event);
        this.comment(shown.id)?.focus();
      });
    },
    received: () => {
      this.announce('received');
      // It may be listed now (approved) or not (held): the list says which.
      this.list.reload();
    },
    failed: (error) => this.afterRender(() => this.emitError(error)),
    closed: () => this.list.close(),
    replyButton: (id) => this.comment(id)?.querySelector<HTMLElement>('[part=reply-button]'),
  });

  private readonly reports = new ReportController(this, () => this.activeBackend);

  /** What the status line announces: the outcome of the last send. */
  private announcement?: 'posted' | 'pending' | 'received';

  /** The comments collection URL (our protocol), or `.../wp-json/wp/v2/comments?post=ID` with `api="wordpress"`. */
  src?: string;
  /** `wordpress` for the WordPress REST API; omitted for the Lapa comments protocol. */
  api?: 'wordpress';
  /** Order of the top-level threads: `oldest` (default) or `newest`. Replies are always oldest first. */
  // The union written out for the manifest (and the framework typings made from it).
  order: 'oldest' | 'newest' = 'oldest';
  /** Top-level threads per page (with all their replies), 1–100. */
  pageSize = 20;
  /** Levels of replies shown indented; deeper replies line up with the last level. */
  maxDepth = 5;
  /** Longest comment accepted, in characters. */
  maxLength = 5000;
  /**
   * Level (1–6) of the heading, the comment count ("6 comments"), which is the heading
   * of the comments: pages put no heading of their own above it. The form's heading is
   * one level below.
   */
  headingLevel = 2;
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

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    this.labels++;
    this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (['src', 'api', 'backend', 'fetch', 'timeout'].some((name) => changed.has(name))) this.activeBackend = this.backend ?? createBackend(this);
  }

  /**
   * Work that waits for the render after a request settled: events, so listeners find
   * what they report in the DOM, and focus moves, so the target exists and is enabled.
   */
  private afterRender(work: () => void): void {
    this.requestUpdate();
    void this.updateComplete.then(work);
  }

  /** The error event of a failure (none for an abort: the element's own doing). */
  private emitError(error: unknown): void {
    const e = CommentError.from(error);
    const event = new CommentBoxErrorEvent(e.kind, e.status, e.code, error);
    if ((error as Error | undefined)?.name !== 'AbortError') this.dispatchEvent(event);
  }

  /** A page's outcome, rendered: the event, and for a next page focus where reading goes on. */
  private loaded({ value, error }: LoadOutcome<CommentPage>, fresh?: CommentData): void {
    if (!value) return this.emitError(error);
    if (fresh) this.comment(fresh.id)?.focus();
    // Built apart: the manifest analyzer takes `dispatchEvent(new X(...))` for an unnamed event.
    const event = new CommentBoxLoadEvent(value.comments, value.total);
    this.dispatchEvent(event);
  }

  private announce(announcement: CommentBoxElement['announcement']): void {
    this.announcement = announcement;
    this.requestUpdate();
  }

  /** A comment's element, when it is shown. */
  private comment(id: string): HTMLElement | null {
    return this.renderRoot.querySelector(`#c-${domId(id)}`);
  }

  /** The next loaded comments not shown yet; focus goes to the first, where reading goes on. */
  private showMore(first: CommentData): void {
    this.list.showMore();
    this.afterRender(() => this.comment(first.id)?.focus());
  }

  private async retry(): Promise<void> {
    this.list.retry();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#heading')!.focus();
  }

  override render(): TemplateResult {
    const { list, texts } = this;
    const { pages } = list;
    const shown = pages && list.arrange(pages);
    const loading = !pages && list.error === undefined && !!this.activeBackend;
    const level = clamp(this.headingLevel, 6);
    const body = !shown
      ? list.error !== undefined || loading ? renderLoadState(list.error, texts, () => void this.retry()) : nothing
      : renderList({
          pages: pages!,
          shown,
          next: list.next,
          open: !!pages![0]!.open && !list.closed,
          parent: this.form.draft.parent,
          notice: !!this.activeBackend && !this.comments,
          maxDepth: clamp(this.maxDepth, 100),
          baseUrl: this.activeBackend?.baseUrl,
          wording: [this.locale.value, this.messages, this.labels],
          texts,
          form: (replyingTo) => renderForm({ form: this.form, texts, maxLength: clamp(this.maxLength, Infinity), replyingTo, level: Math.min(level + 1, 6) }),
          reply: (id) => void this.form.reply(id),
          replies: list.replies,
          moreReplies: (id) => void list.loadReplies(id),
          report: this.activeBackend?.report && !this.comments ? this.reports : undefined,
          more: () => (shown.firstHidden ? this.showMore(shown.firstHidden) : void list.loadNext()),
        });
    return html`
      <section part="base" class="base" aria-labelledby="heading" aria-busy=${loading ? 'true' : 'false'}>
        <div part="heading" id="heading" role="heading" aria-level=${level} tabindex="-1">
          <slot name="heading">${shown ? texts.t('count', shown.total) : texts.t('heading')}</slot>
        </div>
        ${body}
        <p part="status" role="status">${this.announcement ? texts.t(this.announcement) : nothing}</p>
      </section>
    `;
  }
}
