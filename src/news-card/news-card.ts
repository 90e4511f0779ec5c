import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { Task, TaskStatus, initialState } from '@lit/task';
import { defineElement } from '../internal/define.js';
import { NewsCardErrorEvent, NewsCardLoadEvent } from '../internal/events.js';
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, FetchError, forgetSharedFetch, sharedFetchJson } from '../internal/fetch-json.js';
import type { Article, ArticleAuthor } from '../internal/formats/article.js';
import { checkArticle, parseArticle } from '../internal/formats/detect.js';
import { cleanText, shorten } from '../internal/formats/validate.js';
import { LangController, formatNumber, fill, formatDate, message, plural } from '../internal/i18n.js';
import { htmlToText, safeSrcset, safeUrl } from '../internal/sanitize.js';
import { messages } from './news-card.messages.js';
import type { NewsCardMessages } from './news-card.messages.js';
import { whenNearViewport } from './near-viewport.js';
import { sanitizedHtml } from '../internal/sanitized-html.js';
import styles from './news-card.styles.js';

/** What the card shows: one of these at a time. */
export type NewsCardState = 'initial' | 'loading' | 'loaded' | 'empty' | 'error';
export type NewsCardVariant = 'card' | 'full';
export type { NewsCardMessages };

/** What a load resolved to: an article, or null for an empty feed. */
interface LoadResult {
  article: Article | null;
}

const WORDS_PER_MINUTE = 200;
// What a card shows at most: a valid feed under the size limit can carry 100,000 tags,
// and rendering all of them would freeze the host page for seconds.
const MAX_TAGS = 12;
const MAX_AUTHORS = 5;
/** The image is as wide as the card; `auto` lets a lazy image use its laid-out width. */
const IMAGE_SIZES = 'auto, (max-width: 45rem) 100vw, 45rem';
const CREDENTIALS: readonly RequestCredentials[] = ['omit', 'same-origin', 'include'];

/** A static switch, not a dynamic tag: the headline keeps its real element, and only this small template changes with the level. */
function heading(level: number, title: string, lang: string | undefined): TemplateResult {
  switch (level) {
    case 1:
      return html`<h1 id="title" part="title" class="title" lang=${ifDefined(lang)}>${title}</h1>`;
    case 3:
      return html`<h3 id="title" part="title" class="title" lang=${ifDefined(lang)}>${title}</h3>`;
    case 4:
      return html`<h4 id="title" part="title" class="title" lang=${ifDefined(lang)}>${title}</h4>`;
    case 5:
      return html`<h5 id="title" part="title" class="title" lang=${ifDefined(lang)}>${title}</h5>`;
    case 6:
      return html`<h6 id="title" part="title" class="title" lang=${ifDefined(lang)}>${title}</h6>`;
    default:
      return html`<h2 id="title" part="title" class="title" lang=${ifDefined(lang)}>${title}</h2>`;
  }
}

/**
 * Dispatches `event` from `target`. A function of its own because the manifest analyzer
 * lists every `this.dispatchEvent(new X())` as an event without a name; the events are
 * documented with `@fires` instead.
 */
function emit(target: EventTarget, event: Event): void {
  target.dispatchEvent(event);
}

/** An abort is the card's own doing (src changed, card removed), never an error to show. */
function isAbort(error: unknown): boolean {
  return !(error instanceof FetchError);
}

/**
 * @tagname news-card
 * @summary An article from a JSON Feed or a WordPress post, rendered safely inside any page.
 *
 * @fires news-card-load - A load the element performed succeeded; `.article` is the normalised article. Not fired for `.article` set by code, nor for an empty feed.
 * @fires news-card-error - A load failed; `.kind` is `http`, `not-json`, `invalid`, `too-large`, `timeout` or `network`, `.status` the HTTP status when there was one.
 *
 * @slot - Fallback content, such as a plain link to the article: shown before the element upgrades, while it has no `src`, and on error.
 *
 * @csspart base - The card: background, border, padding, font.
 * @csspart image - The article's image.
 * @csspart title - The headline (an `h1`-`h6`, see `heading-level`).
 * @csspart meta - The line with authors, date and reading time.
 * @csspart author - Each author's name (a link when the data gives a safe URL).
 * @csspart date - The publication date, a `<time>`.
 * @csspart summary - The summary (`card` variant).
 * @csspart body - The whole article body (`full` variant).
 * @csspart tags - The list of tags.
 * @csspart tag - Each tag.
 * @csspart read-more - The link to the article (`card` variant).
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart empty - The message shown when the feed has no article.
 * @csspart error - The error message and its Retry button.
 * @csspart retry - The Retry button.
 *
 * @cssprop [--news-card-background=light-dark(#fff, #1d2127)] - Card background.
 * @cssprop [--news-card-color=light-dark(#1b1f24, #e8eaed)] - Text colour.
 * @cssprop [--news-card-muted-color=light-dark(#535b67, #a9b0bb)] - Meta line and secondary text.
 * @cssprop [--news-card-accent-color=light-dark(#0b5cad, #8ab4f8)] - Links, focus ring, Retry button.
 * @cssprop [--news-card-accent-contrast-color=light-dark(#fff, #10243d)] - Text on the accent colour.
 * @cssprop [--news-card-error-color=light-dark(#a4262c, #ff9b9b)] - Error message accent.
 * @cssprop [--news-card-border-color=light-dark(#d5d9df, #3a414b)] - Card border and rules.
 * @cssprop [--news-card-border-radius=0.75rem] - Card corner radius.
 * @cssprop [--news-card-padding=clamp(0.875rem, 4%, 1.5rem)] - Space inside the card.
 * @cssprop [--news-card-font-family=inherit] - Font of the card.
 * @cssprop [--news-card-title-font-family=inherit] - Font of the headline.
 * @cssprop [--news-card-title-font-size=clamp(1.125rem, 1rem + 1vw, 1.5rem)] - Size of the headline (`full`: 1.25 times larger).
 * @cssprop [--news-card-image-aspect-ratio=16 / 9] - Shape of the image box (the image is cropped to fill it).
 * @cssprop [--news-card-summary-lines=4] - Lines of summary shown on a `card` before it is cut.
 * @cssprop [--news-card-tag-background=light-dark(#eef1f5, #2a3038)] - Tag background.
 * @cssprop [--news-card-skeleton-color=light-dark(#e6e9ee, #2c323a)] - Placeholder blocks while loading.
 */
export class NewsCardElement extends LitElement {
  static override styles = styles;

  static define(tag = 'news-card', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  private readonly i18n = new LangController(this);
  private readonly load = new Task(this, {
    task: async ([src, itemId, timeout, maxBytes, credentials, active], { signal }): Promise<LoadResult | typeof initialState> => {
      if (!src || !active) return initialState;
      const response = await sharedFetchJson(src, { signal, timeout, maxBytes, credentials });
      try {
        return { article: parseArticle(response.data, { itemId, baseUrl: response.url }) };
      } catch (error) {
        // The answer arrived (with its status) but holds no article; Retry must ask again.
        forgetSharedFetch(response);
        throw new FetchError('invalid', (error as Error).message, response.status);
      }
    },
    args: () => [this.src, this.itemId || undefined, this.timeoutMs, this.maxBytesLimit, this.credentialsMode, this.active] as const,
  });

  /** The outcome `news-card-load`/`-error` was last fired for: each is reported once. */
  private reported?: unknown;
  private stopWaiting?: () => void;
  private retryTimer?: ReturnType<typeof setTimeout>;
  /** A Retry-After hint is followed once per failure streak, so a server can't make the card loop. */
  private followedRetryAfter = false;
  /** The card left the page while loading: it loads again when it comes back. */
  private abortedByRemoval = false;
  private checked?: { input: unknown; result: Article | FetchError };
  private derived?: { article: Article; summary: string; paragraphs: string[]; minutes: number };

  private readonly onOnline = (): void => {
    if (this.state === 'error' && !this.provided) this.retry();
  };

  private readonly onRetryClick = async (): Promise<void> => {
    this.retry();
    // The button goes away with the error; focus stays on the card, which shows what follows.
    await this.updateComplete;
    this.baseElement?.focus();
  };

  private readonly onImageError = (event: Event): void => {
    this.brokenImage = (event.target as HTMLImageElement).getAttribute('src') ?? undefined;
  };

  @query('.base') private baseElement?: HTMLElement;

  /** Set once a lazy card has come near the viewport. */
  @state() private near = false;
  /** The image URL that failed to load; the card is shown without it. */
  @state() private brokenImage?: string;

  /** URL of the article JSON: a JSON Feed, one feed item, a WordPress post or list of posts. */
  @property() src?: string;
  /** With a feed or post list: the id (WordPress: id or slug) of the item to show; without, the first. */
  @property({ attribute: 'item-id' }) itemId?: string;
  /** `card` (summary and a Read more link) or `full` (the whole body). */
  @property() variant: NewsCardVariant = 'card';
  /** `lazy` waits until the card nears the viewport before fetching. */
  @property() loading: 'eager' | 'lazy' = 'eager';
  /** Milliseconds before a load gives up with `timeout`; 0 waits for ever. */
  @property({ type: Number }) timeout = DEFAULT_TIMEOUT;
  /** Largest accepted answer, in bytes; larger ones fail with `too-large`. */
  @property({ attribute: 'max-bytes', type: Number }) maxBytes = DEFAULT_MAX_BYTES;
  /** Whether the request sends cookies: `omit` (default), `same-origin` or `include`. */
  @property() credentials: RequestCredentials = 'omit';
  /** Level of the headline, 1-6, so the page's outline stays right. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;
  /** Forces `light` or `dark` colours; by default the page's `color-scheme` decides. */
  @property() theme?: 'light' | 'dark';
  /** An article to show instead of loading `src` (no request, no events); `undefined` or `null` goes back to `src`. */
  @property({ attribute: false }) article?: Article;
  /** Overrides for any UI string, plurals included, e.g. `{ readingTime: { one: '…', other: '…' } }`. */
  @property({ attribute: false }) messages: Partial<NewsCardMessages> = {};
  /** Overrides the "Read more" link text. */
  @property({ attribute: 'read-more-label' }) readMoreLabel?: string;
  /** Overrides the Retry button text. */
  @property({ attribute: 'retry-label' }) retryLabel?: string;
  /** Overrides the text read out while loading. */
  @property({ attribute: 'loading-label' }) loadingLabel?: string;
  /** Overrides the message of an empty feed. */
  @property({ attribute: 'empty-label' }) emptyLabel?: string;
  /** Overrides the accessible name of the tag list. */
  @property({ attribute: 'tags-label' }) tagsLabel?: string;
  /** Overrides the message for 404 and 410 answers. */
  @property({ attribute: 'error-not-found-label' }) errorNotFoundLabel?: string;
  /** Overrides the message for other refused requests (`{status}` is the HTTP status). */
  @property({ attribute: 'error-http-label' }) errorHttpLabel?: string;
  /** Overrides the message for 5xx answers. */
  @property({ attribute: 'error-server-label' }) errorServerLabel?: string;
  /** Overrides the message for an answer that is not JSON. */
  @property({ attribute: 'error-not-json-label' }) errorNotJsonLabel?: string;
  /** Overrides the message for JSON that is not an article. */
  @property({ attribute: 'error-invalid-label' }) errorInvalidLabel?: string;
  /** Overrides the message for an answer over `max-bytes`. */
  @property({ attribute: 'error-too-large-label' }) errorTooLargeLabel?: string;
  /** Overrides the message for a timeout. */
  @property({ attribute: 'error-timeout-label' }) errorTimeoutLabel?: string;
  /** Overrides the message shown while the browser is offline. */
  @property({ attribute: 'error-offline-label' }) errorOfflineLabel?: string;
  /** Overrides the message for a server that could not be reached. */
  @property({ attribute: 'error-network-label' }) errorNetworkLabel?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.onOnline);
    this.watchViewport();
    if (this.abortedByRemoval) {
      this.abortedByRemoval = false;
      void this.load.run();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.onOnline);
    this.stopWaiting?.();
    this.stopWaiting = undefined;
    clearTimeout(this.retryTimer);
    // A card moved within the page is disconnected and connected again in one go: it keeps its request.
    queueMicrotask(() => {
      if (this.isConnected || this.load.status !== TaskStatus.PENDING) return;
      this.abortedByRemoval = true;
      this.load.abort(new DOMException('The card left the page', 'AbortError'));
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('loading')) this.watchViewport();
    if (changed.has('src')) {
      clearTimeout(this.retryTimer);
      this.followedRetryAfter = false;
    }
  }

  protected override updated(): void {
    this.report();
  }

  private get active(): boolean {
    return this.article == null && (this.loading !== 'lazy' || this.near);
  }

  private get timeoutMs(): number {
    return Number.isFinite(this.timeout) && this.timeout >= 0 ? this.timeout : DEFAULT_TIMEOUT;
  }

  private get maxBytesLimit(): number {
    return Number.isFinite(this.maxBytes) && this.maxBytes > 0 ? this.maxBytes : DEFAULT_MAX_BYTES;
  }

  private get credentialsMode(): RequestCredentials {
    return CREDENTIALS.includes(this.credentials) ? this.credentials : 'omit';
  }

  /** The `article` property, checked (once per object): JavaScript callers get no type checks. */
  private get provided(): Article | FetchError | undefined {
    if (this.article == null) return undefined;
    if (this.checked?.input !== this.article) {
      let result: Article | FetchError;
      try {
        result = checkArticle(this.article);
      } catch (error) {
        result = error instanceof FetchError ? error : new FetchError('invalid', String(error));
      }
      this.checked = { input: this.article, result };
    }
    return this.checked.result;
  }

  private get shownArticle(): Article | undefined {
    const provided = this.provided;
    if (provided) return provided instanceof FetchError ? undefined : provided;
    return this.load.status === TaskStatus.COMPLETE ? (this.load.value?.article ?? undefined) : undefined;
  }

  private get shownError(): FetchError | undefined {
    const provided = this.provided;
    if (provided) return provided instanceof FetchError ? provided : undefined;
    const error = this.load.status === TaskStatus.ERROR ? this.load.error : undefined;
    return error instanceof FetchError ? error : undefined;
  }

  private watchViewport(): void {
    const wait = this.loading === 'lazy' && !this.near && this.isConnected;
    if (wait && !this.stopWaiting) {
      this.stopWaiting = whenNearViewport(this, () => {
        this.stopWaiting = undefined;
        this.near = true;
      });
    } else if (!wait && this.stopWaiting) {
      this.stopWaiting();
      this.stopWaiting = undefined;
    }
  }

  /** Fires the event for a load's outcome once it is rendered, so listeners see the new DOM. */
  private report(): void {
    const { status } = this.load;
    const outcome = status === TaskStatus.COMPLETE ? this.load.value : status === TaskStatus.ERROR ? this.load.error : undefined;
    if (outcome === undefined || outcome === this.reported || (status === TaskStatus.ERROR && isAbort(outcome))) return;
    this.reported = outcome;
    if (outcome instanceof FetchError) {
      emit(this, new NewsCardErrorEvent(outcome.kind, outcome.status, outcome));
      const wait = outcome.retryAfter;
      if (wait !== undefined && wait <= 120 && !this.followedRetryAfter) {
        this.followedRetryAfter = true;
        this.retryTimer = setTimeout(() => this.reload(), Math.max(1, wait) * 1000);
      }
    } else if ((outcome as LoadResult).article) {
      this.followedRetryAfter = false;
      emit(this, new NewsCardLoadEvent((outcome as LoadResult).article!));
    }
  }

  private reload(): void {
    clearTimeout(this.retryTimer);
    if (this.src && this.active && this.load.status !== TaskStatus.PENDING) void this.load.run();
  }

  private get overrides(): Partial<NewsCardMessages> {
    const labels: Partial<NewsCardMessages> = {
      readMore: this.readMoreLabel,
      retry: this.retryLabel,
      loading: this.loadingLabel,
      empty: this.emptyLabel,
      tags: this.tagsLabel,
      errorNotFound: this.errorNotFoundLabel,
      errorHttp: this.errorHttpLabel,
      errorServer: this.errorServerLabel,
      errorNotJson: this.errorNotJsonLabel,
      errorInvalid: this.errorInvalidLabel,
      errorTooLarge: this.errorTooLargeLabel,
      errorTimeout: this.errorTimeoutLabel,
      errorOffline: this.errorOfflineLabel,
      errorNetwork: this.errorNetworkLabel,
    };
    const out: Partial<NewsCardMessages> = { ...this.messages };
    for (const [key, value] of Object.entries(labels)) if (value != null) Object.assign(out, { [key]: value });
    return out;
  }

  private text<K extends keyof NewsCardMessages>(key: K, overrides: Partial<NewsCardMessages>): NewsCardMessages[K] {
    return message(messages, this.i18n.value, key, overrides);
  }

  /** Text derived from an article, computed once per article. */
  private derive(article: Article): NonNullable<NewsCardElement['derived']> {
    if (this.derived?.article !== article) {
      const body = article.contentHtml ? htmlToText(article.contentHtml) : cleanText(article.contentText ?? '');
      const given = article.summaryText ? cleanText(article.summaryText) : htmlToText(article.summaryHtml);
      const words = body.split(' ').filter(Boolean).length;
      this.derived = {
        article,
        // WordPress ends excerpts with "[…]"; the card's own link already says there is more.
        summary: given ? given.replace(/\s*\[(…|\.\.\.)\]$/u, '…') : shorten(body, 320),
        paragraphs: (article.contentText || article.summaryText || given || '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean),
        minutes: words ? Math.max(1, Math.round(words / WORDS_PER_MINUTE)) : 0,
      };
    }
    return this.derived;
  }

  private renderSkeleton(overrides: Partial<NewsCardMessages>): TemplateResult {
    const full = this.variant === 'full';
    const lines = full ? 9 : 4;
    return html`<div part="skeleton" class="skeleton">
      <span class="visually-hidden">${this.text('loading', overrides)}</span>
      <div class="bone image-box" aria-hidden="true"></div>
      <div class="content" aria-hidden="true">
        <div class="title"><div class="bone line"></div><div class="bone line short"></div></div>
        <div class="meta"><div class="bone line short"></div></div>
        <div class=${full ? 'body' : 'summary'}>
          ${Array.from({ length: lines }, (_, i) => html`<div class="bone line ${i === lines - 1 ? 'short' : ''}"></div>`)}
        </div>
        <div class="tags"><div class="bone line"></div><div class="bone line"></div><div class="bone line"></div></div>
        ${full ? nothing : html`<div class="read-more"><div class="bone line tiny"></div></div>`}
      </div>
    </div>`;
  }

  private renderAuthor(author: ArticleAuthor, base: string | undefined): TemplateResult {
    const url = safeUrl(author.url, base);
    return url
      ? html`<a part="author" class="author" href=${url} rel="author noopener noreferrer">${author.name}</a>`
      : html`<span part="author" class="author">${author.name}</span>`;
  }

  private renderArticle(article: Article, overrides: Partial<NewsCardMessages>): TemplateResult {
    const full = this.variant === 'full';
    const { summary, paragraphs, minutes } = this.derive(article);
    const base = article.baseUrl;
    const lang = article.language;
    const ui = this.i18n.value;
    const url = safeUrl(article.url, base);
    const image = article.image;
    const imageSrc = image ? safeUrl(image.src, base) : undefined;
    const srcset = image ? safeSrcset(image.srcset, base) : undefined;
    const date = article.datePublished;
    const hasMeta = article.authors.length > 0 || date || minutes > 0;
    return html`<article class="article" aria-labelledby="title">
      ${imageSrc && !imageSrc.startsWith('mailto:') && imageSrc !== this.brokenImage
        ? html`<img
            part="image"
            class="image-box"
            src=${imageSrc}
            srcset=${ifDefined(srcset)}
            sizes=${ifDefined(srcset ? IMAGE_SIZES : undefined)}
            width=${ifDefined(image!.width)}
            height=${ifDefined(image!.height)}
            alt=${image!.alt}
            loading="lazy"
            decoding="async"
            referrerpolicy="no-referrer"
            @error=${this.onImageError}
          />`
        : nothing}
      <div class="content">
        ${heading(Math.trunc(this.headingLevel), article.title, lang)}
        ${hasMeta
          ? html`<p part="meta" class="meta">
              ${article.authors.length
                ? html`<span class="authors"
                    >${article.authors.slice(0, MAX_AUTHORS).map((a, i) => html`${i ? ', ' : ''}${this.renderAuthor(a, base)}`)}${article.authors.length > MAX_AUTHORS
                      ? ` +${formatNumber(article.authors.length - MAX_AUTHORS, ui)}`
                      : nothing}</span
                  >`
                : nothing}
              ${date ? html`<time part="date" class="date" datetime=${date}>${formatDate(new Date(date), ui)}</time>` : nothing}
              ${minutes ? html`<span class="reading-time">${plural(this.text('readingTime', overrides), minutes, ui)}</span>` : nothing}
            </p>`
          : nothing}
        ${full
          ? article.contentHtml
            ? html`<div part="body" class="body" lang=${ifDefined(lang)}>${sanitizedHtml(article.contentHtml, 'article', base)}</div>`
            : paragraphs.length
              ? html`<div part="body" class="body text" lang=${ifDefined(lang)}>${paragraphs.map((p) => html`<p>${p}</p>`)}</div>`
              : nothing
          : summary
            ? html`<p part="summary" class="summary" lang=${ifDefined(lang)}>${summary}</p>`
            : nothing}
        ${article.tags.length
          ? html`<ul part="tags" class="tags" aria-label=${this.text('tags', overrides)}>
              ${article.tags.slice(0, MAX_TAGS).map((tag) => html`<li part="tag" class="tag" lang=${ifDefined(lang)}>${tag}</li>`)}
            </ul>`
          : nothing}
        ${!full && url
          ? html`<a part="read-more" class="read-more" href=${url} rel="noopener noreferrer" aria-describedby="title">${this.text('readMore', overrides)}</a>`
          : nothing}
      </div>
    </article>`;
  }

  private errorText(error: FetchError, overrides: Partial<NewsCardMessages>): string {
    switch (error.kind) {
      case 'http': {
        const status = error.status ?? 0;
        if (status === 404 || status === 410) return this.text('errorNotFound', overrides);
        if (status >= 500) return this.text('errorServer', overrides);
        return fill(this.text('errorHttp', overrides), { status });
      }
      case 'not-json':
        return this.text('errorNotJson', overrides);
      case 'invalid':
        return this.text('errorInvalid', overrides);
      case 'too-large':
        return this.text('errorTooLarge', overrides);
      case 'timeout':
        return this.text('errorTimeout', overrides);
      default:
        return navigator.onLine === false ? this.text('errorOffline', overrides) : this.text('errorNetwork', overrides);
    }
  }

  private renderError(error: FetchError, overrides: Partial<NewsCardMessages>): TemplateResult {
    return html`<div part="error" class="error">
        <p class="message">${this.errorText(error, overrides)}</p>
        ${this.provided
          ? nothing
          : html`<button part="retry" class="retry" type="button" @click=${this.onRetryClick}>${this.text('retry', overrides)}</button>`}
      </div>
      <slot></slot>`;
  }

  private renderState(state: NewsCardState, overrides: Partial<NewsCardMessages>): unknown {
    switch (state) {
      case 'loaded':
        return this.renderArticle(this.shownArticle!, overrides);
      case 'loading':
        return this.renderSkeleton(overrides);
      case 'empty':
        return html`<p part="empty" class="message">${this.text('empty', overrides)}</p>`;
      case 'error':
        return this.renderError(this.shownError!, overrides);
      default:
        return html`<slot></slot>`;
    }
  }

  /** What the card shows now. */
  get state(): NewsCardState {
    if (this.article != null) return this.provided instanceof FetchError ? 'error' : 'loaded';
    if (!this.src) return 'initial';
    switch (this.load.status) {
      case TaskStatus.COMPLETE:
        return this.load.value?.article ? 'loaded' : 'empty';
      case TaskStatus.ERROR:
        return isAbort(this.load.error) ? 'loading' : 'error';
      default:
        return 'loading';
    }
  }

  /** Loads `src` again, as the Retry button does. */
  retry(): void {
    this.followedRetryAfter = false;
    this.reload();
  }

  override render(): TemplateResult {
    const state = this.state;
    const variant = this.variant === 'full' ? 'full' : 'card';
    const theme = this.theme === 'light' || this.theme === 'dark' ? ` theme-${this.theme}` : '';
    return html`<div part="base" class="base ${variant} ${state}${theme}" aria-busy=${state === 'loading' ? 'true' : 'false'} tabindex="-1">
      ${this.renderState(state, this.overrides)}
    </div>`;
  }
}
