import { LitElement, html } from 'lit';
import type { TemplateResult } from 'lit';
import { defineElement } from '../internal/define.js';
import { CommentCountErrorEvent, CommentCountLoadEvent } from '../internal/events.js';
import { DEFAULT_TIMEOUT, FetchError, sharedFetchJson } from '../internal/fetch-json.js';
import { LangController, fill, formatNumber, message, plural } from '../internal/i18n.js';
import { LoadController } from '../internal/load.js';
import type { LoadOutcome } from '../internal/load.js';
import { whenNearViewport } from '../internal/near-viewport.js';
import { safeUrl } from '../internal/url.js';
import { countUrl, parseCount } from './count.js';
import type { CommentCount, CommentCountApi } from './count.js';
import { messages } from './comment-count.messages.js';
import type { CommentCountMessages } from './comment-count.messages.js';
import { queuedFetch } from './queue.js';
import styles from './comment-count.styles.js';

/** What the element shows: one of these at a time. */
export type CommentCountState = 'initial' | 'loading' | 'loaded' | 'error';
export type { CommentCount, CommentCountApi, CommentCountMessages };
// The element's events, from its own module, so `lapa-widgets/comment-count` (and its
// `/define`) users get their HTMLElementEventMap entries.
export type { CommentCountErrorEvent, CommentCountLoadEvent } from '../internal/events.js';

/** An answer of at most this many bytes: a count is a few dozen. */
const MAX_BYTES = 16 * 1024;
/** The number the reserved width is measured with: three digits. */
const WIDEST = 888;

/**
 * @tagname comment-count
 * @summary The number of comments of one article ("5 comments", "Inga kommentarer än"), for
 * a listing page's teasers: from the Lapa comments protocol or a WordPress site, as a link
 * to the comments when `href` is given. Cheap by design: counts of one `src` share one
 * request, requests start only near the viewport, and at most six run at once on a page.
 *
 * @fires {CommentCountLoadEvent} comment-count-load - The count was loaded and is shown; `.count` is the number, `.open` whether the article takes comments (when the server says).
 * @fires {CommentCountErrorEvent} comment-count-error - No count could be loaded; nothing is shown but the slotted fallback. `.kind` is `http`, `not-json`, `invalid`, `too-large`, `timeout` or `network`, `.status` the HTTP status when there was one.
 *
 * @slot - Fallback content (say, a plain "Comments" link): shown before the element upgrades, without `src`, and when the count fails.
 *
 * @csspart base - The box holding the count; as wide as the widest form of the count from the start.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart count - The count's text (a `<span>`, or the `<a>` with `href`).
 * @csspart link - The count as a link (with `href`).
 *
 * @cssprop [--comment-count-color=var(--lapa-muted-color, currentColor)] - Text colour.
 * @cssprop [--comment-count-link-color=var(--lapa-accent-color, currentColor)] - Colour of the count as a link.
 * @cssprop [--comment-count-focus-ring-color=var(--lapa-focus-ring-color, currentColor)] - Keyboard focus outline of the link.
 * @cssprop [--comment-count-font-family=var(--lapa-font-family)] - Font; the page's by default.
 * @cssprop [--comment-count-skeleton-color=var(--lapa-skeleton-color, light-dark(#e6e9ee, #2c323a))] - The placeholder while loading.
 */
export class CommentCountElement extends LitElement {
  static override styles = styles;

  // Declared without decorators, as scroll-to-top: the entry must stay within 10 KB with Lit.
  static override properties = {
    api: {},
    src: {},
    href: {},
    loading: {},
    timeout: { type: Number },
    noneLabel: { attribute: 'none-label' },
    theme: { reflect: true },
    messages: { attribute: false },
  };

  static define(tag = 'comment-count', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  private readonly i18n = new LangController(this);
  private readonly loader = new LoadController<CommentCount>(this, {
    key: () => (this.src && (this.loading === 'eager' || this.near) ? JSON.stringify([this.backend, this.src, this.requestTimeout]) : ''),
    run: (signal, again) => this.fetchCount(signal, again),
    // Retry-After of a busy server and coming back online: a count has no Retry button.
    maxRetryAfter: 60,
    retryOnline: true,
    settled: (outcome) => this.report(outcome),
  });

  private readonly nearViewport = (): void => {
    this.near = true;
    this.requestUpdate();
  };

  /** Set once the element has come near the viewport. */
  private near = false;

  /** `lapa` (the default: our comments protocol) or `wordpress` (the WordPress REST API). */
  api: CommentCountApi = 'lapa';
  /**
   * The article's comments: the collection URL of the Lapa protocol, or
   * `…/wp-json/wp/v2/comments?post=ID` with `api="wordpress"`: the `src` `<comment-box>`
   * takes. Relative URLs resolve against the page.
   */
  declare src?: string;
  /** Where the count links to (say, `#comments` or the article's comments); without, the count is text. */
  declare href?: string;
  /** `lazy` (default) asks the server only once the element is near the viewport; `eager` at once. */
  loading: 'eager' | 'lazy' = 'lazy';
  /** Milliseconds a request may take (the wait for a free slot not counted); 0 waits for ever. */
  timeout = DEFAULT_TIMEOUT;
  /**
   * Replaces what a count of zero says ("No comments yet").
   * @attr none-label
   */
  declare noneLabel?: string;
  /** Forces `light` or `dark` colours; by default the page's `color-scheme` decides. */
  declare theme?: 'light' | 'dark';
  /** Overrides for the strings, plurals included, e.g. `{ count: { one: '{n} reply', other: '{n} replies' } }`. */
  messages: Partial<CommentCountMessages> = {};

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    whenNearViewport(this);
  }

  protected override willUpdate(): void {
    whenNearViewport(this, this.isConnected && this.src && this.loading !== 'eager' && !this.near ? this.nearViewport : undefined);
  }

  private get backend(): CommentCountApi {
    return this.api === 'wordpress' ? 'wordpress' : 'lapa';
  }

  private get requestTimeout(): number {
    return Number.isFinite(this.timeout) && this.timeout >= 0 ? this.timeout : DEFAULT_TIMEOUT;
  }

  /** The count of `src`: one request per URL on the page, queued. (Reading a count costs nothing: no `derivedFrom`.) */
  private async fetchCount(signal: AbortSignal, again: boolean): Promise<CommentCount> {
    const api = this.backend;
    const url = countUrl(api, this.src!, document.baseURI);
    const response = await sharedFetchJson(url, { signal, maxBytes: MAX_BYTES, timeout: 0, fetch: queuedFetch(this.requestTimeout), reload: again });
    return parseCount(api, response);
  }

  private report({ value, error }: LoadOutcome<CommentCount>): void {
    if (value) {
      this.dispatchEvent(new CommentCountLoadEvent(value.count, value.open));
    } else {
      // Every failure is a FetchError; anything else would be a bug of ours, told as `network`.
      const failure = error instanceof FetchError ? error : undefined;
      this.dispatchEvent(new CommentCountErrorEvent(failure?.kind ?? 'network', failure?.status, error));
    }
  }

  /** What a count of `n` says, in the element's language. */
  private label(n: number): string {
    const lang = this.i18n.value;
    return n === 0 ? (this.noneLabel ?? message(messages, lang, 'none', this.messages)) : plural(message(messages, lang, 'count', this.messages), n, lang);
  }

  /** What the element shows now. */
  get state(): CommentCountState {
    const outcome = this.loader.outcome;
    return !this.src ? 'initial' : !outcome ? 'loading' : outcome.error !== undefined ? 'error' : 'loaded';
  }

  /** The count shown, once loaded. */
  get count(): number | undefined {
    return this.src ? this.loader.value?.count : undefined;
  }

  override render(): TemplateResult {
    const state = this.state;
    if (state === 'initial' || state === 'error') return html`<slot></slot>`;
    const lang = this.i18n.value;
    const widest = formatNumber(WIDEST, lang);
    const sizers = [this.label(0), ...Object.values(message(messages, lang, 'count', this.messages)).map((form) => fill(form, { n: widest }))];
    const count = this.count;
    const href = count !== undefined && this.href ? safeUrl(this.href) : undefined;
    const shown =
      count === undefined
        ? html`<span part="skeleton" class="skeleton"></span>`
        : href
          ? html`<a part="count link" class="count" href=${href}>${this.label(count)}</a>`
          : html`<span part="count" class="count">${this.label(count)}</span>`;
    return html`<span part="base" class="base" aria-busy=${state === 'loading'}>${sizers.map((text) => html`<span class="sizer" aria-hidden="true">${text}</span>`)}${shown}</span>`;
  }
}
