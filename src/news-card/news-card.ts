import { LitElement, html, isServer } from 'lit';
import type { PropertyDeclarations, TemplateResult } from 'lit';
import { defineElement } from '../internal/define.js';
import { NewsCardEmptyEvent, NewsCardErrorEvent, NewsCardLoadEvent } from '../internal/events.js';
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, FetchError, derivedFrom, sharedFetchJson } from '../internal/fetch-json.js';
import type { Article } from '../internal/formats/article.js';
import { FormatError, checkArticle, parseArticle } from '../internal/formats/detect.js';
import { looksLikeXml, xmlFeedOf } from '../internal/formats/looks-like-xml.js';
import { LoadController } from '../internal/load.js';
import type { LoadOutcome } from '../internal/load.js';
import { LangController, labelAttribute, message } from '../internal/i18n.js';
import { sanitizerIsReady, sanitizerReady } from '../internal/sanitize.js';
import { messages } from './news-card.messages.js';
import type { NewsCardMessages } from './news-card.messages.js';
import { whenNearViewport, whileInViewport } from '../internal/near-viewport.js';
import { warmUpWhenIdle } from './warm-up.js';
import styles from '../internal/article/article.styles.js';
import { ArticleBox, articleText, bodyNode, renderError, renderSkeleton } from '../internal/article/article.view.js';
import { renderOnServer, serialized } from '../internal/server-render.js';
import { removeServerNodes, serverRender } from '../internal/adopt.js';
import type { ServerRender } from '../internal/adopt.js';
import type { ArticleText, Failure } from '../internal/article/article.view.js';

/** What the card shows: one of these at a time. */
export type NewsCardState = 'initial' | 'loading' | 'loaded' | 'empty' | 'error';
export type NewsCardVariant = 'card' | 'full';
export type { NewsCardMessages };
// The element's events, from its own module: their declarations carry the
// HTMLElementEventMap entries, which `lapa-widgets/news-card` (and `/news-card/define`)
// users would otherwise not get, as nothing else in this module's types refers to them.
export type { NewsCardEmptyEvent, NewsCardErrorEvent, NewsCardErrorKind, NewsCardLoadEvent } from '../internal/events.js';

/** An article with the texts the card derives from it. */
interface Derived {
  readonly article: Article;
  readonly text: ArticleText;
}

const derive = (article: Article): Derived => Object.freeze({ article, text: articleText(article) });

/** Freezes an article and everything in it: cards that share an answer share its article (and so do their load events). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * @tagname news-card
 * @summary An article from a JSON Feed, an RSS or Atom feed, or a WordPress post, rendered safely inside any page.
 *
 * @fires {NewsCardLoadEvent} news-card-load - A load the element performed succeeded; `.article` is the normalised article. Not fired for `.article` set by code, nor for an empty feed.
 * @fires {NewsCardEmptyEvent} news-card-empty - A load the element performed found no article: the feed or post list is empty, or has no item `item-id`. The card shows its empty state.
 * @fires {NewsCardErrorEvent} news-card-error - A load failed; `.kind` is `http`, `not-json`, `not-xml`, `invalid`, `too-large`, `timeout` or `network`, `.status` the HTTP status when there was one.
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
 * @csspart more-tags - The "+N" at the end of the tags: those a `card` has no room for on its one row, and any past the twelfth.
 * @csspart read-more - The link to the article (`card` variant).
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart empty - The message shown when the feed has no article.
 * @csspart error - The error message and its Retry button.
 * @csspart retry - The Retry button.
 *
 * @cssprop [--news-card-background=var(--lapa-background, light-dark(#fff, #1d2127))] - Card background.
 * @cssprop [--news-card-color=var(--lapa-color, light-dark(#1b1f24, #e8eaed))] - Text colour.
 * @cssprop [--news-card-muted-color=var(--lapa-muted-color, light-dark(#535b67, #a9b0bb))] - Meta line and secondary text.
 * @cssprop [--news-card-accent-color=var(--lapa-accent-color, light-dark(#0b5cad, #8ab4f8))] - Links, focus ring, Retry button.
 * @cssprop [--news-card-accent-contrast-color=var(--lapa-accent-contrast-color, light-dark(#fff, #10243d))] - Text on the accent colour.
 * @cssprop [--news-card-error-color=var(--lapa-error-color, light-dark(#a4262c, #ff9b9b))] - Error message accent.
 * @cssprop [--news-card-border-color=var(--lapa-border-color, light-dark(#d5d9df, #3a414b))] - Card border and rules.
 * @cssprop [--news-card-border-radius=var(--lapa-radius, 0.75rem)] - Card corner radius.
 * @cssprop [--news-card-padding=clamp(0.875rem, 4%, 1.5rem)] - Space inside the card.
 * @cssprop [--news-card-font-family=var(--lapa-font-family, inherit)] - Font of the card.
 * @cssprop [--news-card-title-font-family=inherit] - Font of the headline.
 * @cssprop [--news-card-title-font-size=clamp(1.125rem, 1rem + 1vw, 1.5rem)] - Size of the headline (`full`: 1.25 times larger).
 * @cssprop [--news-card-image-aspect-ratio=16 / 9] - Shape of the image box (the image is cropped to fill it).
 * @cssprop [--news-card-summary-lines=4] - Lines of summary shown on a `card` before it is cut.
 * @cssprop [--news-card-tag-background=light-dark(#eef1f5, #2a3038)] - Tag background.
 * @cssprop [--news-card-skeleton-color=light-dark(#e6e9ee, #2c323a)] - Placeholder blocks while loading.
 */
export class NewsCardElement extends LitElement {
  static override styles = styles;

  // A getter, not a field: lit-analyzer reads the attributes only from a getter (with a
  // field it flags every attribute of these elements in a template, as in src/ssr.ts).
  static override get properties(): PropertyDeclarations {
    return {
      src: {},
      itemId: { attribute: 'item-id' },
      variant: {},
      loading: {},
      timeout: { type: Number },
      maxBytes: { attribute: 'max-bytes', type: Number },
      credentials: {},
      headingLevel: { attribute: 'heading-level', type: Number },
      theme: { reflect: true },
      article: { attribute: false },
      messages: { attribute: false },
      // Each plain UI string's `*-label` attribute: `readMoreLabel` / `read-more-label`... (the
      // manifest reads them from the `@attr` tags of the fields below).
      ...Object.fromEntries(
        Object.keys(messages.en)
          .filter((key) => key !== 'readingTime')
          .map((key) => [`${key}Label`, { attribute: labelAttribute(key) }]),
      )
    };
  }


  static define(tag = 'news-card', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
    warmUpWhenIdle();
  }

  private readonly i18n = new LangController(this);
  /** Loads `src` (the card's one request), and reports each outcome once it is rendered. */
  private readonly loader = new LoadController<Derived | null>(this, {
    key: () => (this.src && this.article == null && (this.loading !== 'lazy' || this.near) ? JSON.stringify([this.src, this.itemId || undefined, this.requestOptions]) : ''),
    run: (signal, again) => this.fetchArticle(signal, again),
    // The transport has no timer of its own here: the controller's aborts the request.
    timeout: () => this.requestOptions.timeout,
    maxRetryAfter: 120,
    retryOnline: true,
    // A `full` body is HTML: where DOMPurify is needed, its import runs beside the request.
    sanitizer: sanitizerReady,
    settled: (outcome) => this.report(outcome),
  });
  /** The `article` property and what checking it gave. */
  private checked?: [unknown, Article | FormatError];
  /** What was derived from the `article` property (a loaded article comes with its own). */
  private derived?: Derived;

  private readonly nearViewport = (): void => {
    this.near = true;
    this.requestUpdate();
  };

  private readonly inViewport = (seen: boolean): void => {
    this.seen = seen;
    this.requestUpdate();
  };

  /** Set once a lazy card has come near the viewport. */
  private near = false;
  /** Whether the card is in the viewport, watched while it shows the skeleton (its shimmer runs only then). */
  private seen = false;
  /** The image URL that failed to load; the card is shown without it. */
  private brokenImage?: string;
  /** The sanitiser's load, for an HTML body given by code; whether it failed. */
  private sanitizerWait?: Promise<void>;
  private sanitizerFailed = false;

  /** URL of the article: a JSON Feed, one feed item, an RSS or Atom feed, a WordPress post or list of posts. */
  declare src?: string;
  /** With a feed or post list: the id (WordPress: id or slug; RSS: guid; Atom: id) of the item to show; without, the first. */
  declare itemId?: string;
  /** `card` (summary and a Read more link) or `full` (the whole body). */
  // Literal unions written out (not the aliases): the manifest copies the annotation's text,
  // and the framework typings and editor data generated from it offer these values.
  variant: 'card' | 'full' = 'card';
  /** `lazy` waits until the card nears the viewport before fetching. */
  loading: 'eager' | 'lazy' = 'eager';
  /** Milliseconds before a load gives up with `timeout`; 0 waits for ever. */
  timeout = DEFAULT_TIMEOUT;
  /** Largest accepted answer, in bytes; larger ones fail with `too-large`. */
  maxBytes = DEFAULT_MAX_BYTES;
  /** Whether the request sends cookies: `omit` (default), `same-origin` or `include`. */
  credentials: 'omit' | 'same-origin' | 'include' = 'omit';
  /** Level of the headline, 1-6, so the page's outline stays right. */
  headingLevel = 2;
  /** Forces `light` or `dark` colours; by default the page's `color-scheme` decides. */
  declare theme?: 'light' | 'dark';
  /** An article to show instead of loading `src` (no request, no events); `undefined` or `null` goes back to `src`. */
  declare article?: Article;
  /** Overrides for any UI string, plurals included, e.g. `{ readingTime: { one: '…', other: '…' } }`. */
  messages: Partial<NewsCardMessages> = {};
  /**
   * Overrides the "Read more" link text.
   * @attr read-more-label
   */
  declare readMoreLabel?: string;
  /**
   * Overrides the Retry button text.
   * @attr retry-label
   */
  declare retryLabel?: string;
  /**
   * Overrides the text read out while loading.
   * @attr loading-label
   */
  declare loadingLabel?: string;
  /**
   * Overrides the message of an empty feed.
   * @attr empty-label
   */
  declare emptyLabel?: string;
  /**
   * Overrides the accessible name of the tag list.
   * @attr tags-label
   */
  declare tagsLabel?: string;
  /**
   * Overrides the message for 404 and 410 answers.
   * @attr error-not-found-label
   */
  declare errorNotFoundLabel?: string;
  /**
   * Overrides the message for other refused requests (`{status}` is the HTTP status).
   * @attr error-http-label
   */
  declare errorHttpLabel?: string;
  /**
   * Overrides the message for 5xx answers.
   * @attr error-server-label
   */
  declare errorServerLabel?: string;
  /**
   * Overrides the message for an answer that is not JSON.
   * @attr error-not-json-label
   */
  declare errorNotJsonLabel?: string;
  /**
   * Overrides the message for an answer that looks like XML but cannot be read (or declares entities).
   * @attr error-not-xml-label
   */
  declare errorNotXmlLabel?: string;
  /**
   * Overrides the message for JSON that is not an article.
   * @attr error-invalid-label
   */
  declare errorInvalidLabel?: string;
  /**
   * Overrides the message for an answer over `max-bytes`.
   * @attr error-too-large-label
   */
  declare errorTooLargeLabel?: string;
  /**
   * Overrides the message for a timeout.
   * @attr error-timeout-label
   */
  declare errorTimeoutLabel?: string;
  /**
   * Overrides the message shown while the browser is offline.
   * @attr error-offline-label
   */
  declare errorOfflineLabel?: string;
  /**
   * Overrides the message for a server that could not be reached.
   * @attr error-network-label
   */
  declare errorNetworkLabel?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    // A server-rendered card: its article comes with it (no request), its nodes are taken over.
    const server = !this.hasUpdated && serverRender(this.renderRoot, 'article');
    if (server) {
      const box = server.base?.querySelector<HTMLElement>(':scope > article') ?? null;
      this.server = { article: server.data, box, body: box && box.querySelector(':scope > .content > .body'), render: server };
      // After the server's nodes, not before the first of them (Lit's default): they go.
      this.renderOptions.renderBefore = null;
      this.article ??= server.data as Article | undefined;
    }
    // The update watches the viewport.
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.watchViewport();
    this.seen = false;
  }

  protected override willUpdate(): void {
    if (!isServer) this.watchViewport();
  }

  protected override firstUpdated(): void {
    // The first render is in place (the adopted article moved into it): what else the server wrote goes.
    removeServerNodes(this.server?.render);
    this.server = undefined;
  }

  /** The request's options, from the attributes, with bad values replaced by the defaults. */
  private get requestOptions() {
    const { timeout, maxBytes, credentials } = this;
    return {
      timeout: Number.isFinite(timeout) && timeout >= 0 ? timeout : DEFAULT_TIMEOUT,
      maxBytes: Number.isFinite(maxBytes) && maxBytes > 0 ? maxBytes : DEFAULT_MAX_BYTES,
      credentials: credentials === 'same-origin' || credentials === 'include' ? credentials : 'omit',
    } as const;
  }

  /**
   * The article of `src` (null for an empty feed) with its texts; an answer that holds none
   * fails with FormatError. JSON as it is; an answer that is not JSON but XML (RSS, Atom) is
   * read by the XML mapper, loaded only then. Parsed and derived once per answer and item:
   * every card showing the same answer shares the result, frozen.
   */
  private async fetchArticle(signal: AbortSignal, again: boolean): Promise<Derived | null> {
    const { maxBytes, credentials } = this.requestOptions;
    // A retry asks the server again: the page's kept answer was not good enough.
    const response = await sharedFetchJson(this.src!, { signal, maxBytes, credentials, timeout: 0, reload: again, orText: true });
    const itemId = this.itemId || undefined;
    const key = `news-card ${itemId ?? ''}`;
    try {
      if (response.text === undefined) {
        return derivedFrom(response, key, ({ data, url }) => {
          const article = parseArticle(data, { itemId, baseUrl: url });
          return article && derive(deepFreeze(article));
        });
      }
      if (!looksLikeXml(response.text, response.headers.get('content-type'))) throw new FetchError('not-json', 'Neither JSON nor XML', { status: response.status });
      const feed = await xmlFeedOf(response);
      return derivedFrom(response, key, () => {
        const index = itemId === undefined ? 0 : feed.indexOf(itemId);
        return index < 0 || index >= feed.count ? null : derive(deepFreeze(feed.item(index)));
      });
    } catch (error) {
      // A mapper that could not be loaded is the network's failure, not the answer's.
      if (!(error instanceof FormatError)) throw error;
      throw new FormatError(error.message, response.status, error.kind);
    }
  }

  /** Fires the event of a load's outcome (the controller calls it once the outcome is rendered). */
  private report({ value, error }: LoadOutcome<Derived | null>): void {
    if (error !== undefined) {
      const failure = this.failure(error);
      this.dispatchEvent(new NewsCardErrorEvent(failure.kind, failure.status, error));
    } else if (value) {
      this.dispatchEvent(new NewsCardLoadEvent(value.article));
    } else {
      this.dispatchEvent(new NewsCardEmptyEvent());
    }
  }

  /** Any error a load ends with, as the card shows it (a stray exception is a network failure). */
  private failure(error: unknown): Failure {
    return error instanceof FetchError || error instanceof FormatError ? error : new FetchError('network', String(error));
  }

  /** What the card shows: the checked `article` property, else the outcome of loading `src`. */
  private get shown(): Derived | Failure | null | undefined {
    if (this.article != null) {
      const provided = this.provided;
      if (provided instanceof Error) return provided;
      // An HTML body given by code waits for the sanitiser like a loaded one (shown as loading),
      // unless it is sanitised already: made for this article, or brought by a server render.
      const sanitised = (this.body?.article === provided && this.body.full) || (this.server?.body && this.server.article === this.article);
      if (this.variant === 'full' && provided.contentHtml && !sanitised && this.waitForSanitizer()) return undefined;
      if (this.derived?.article !== provided) this.derived = derive(provided);
      return this.derived;
    }
    if (!this.src) return undefined;
    const outcome = this.loader.outcome;
    return outcome && (outcome.error !== undefined ? this.failure(outcome.error) : outcome.value);
  }

  /** The `article` property, checked (once per object): JavaScript callers get no type checks. */
  private get provided(): Article | FormatError {
    const article = this.article;
    if (this.checked?.[0] !== article) {
      try {
        this.checked = [article, checkArticle(article)];
      } catch (error) {
        this.checked = [article, error as FormatError];
      }
    }
    return this.checked![1];
  }

  /** Whether the sanitiser is still loading (a failed load is not waited for: the body shows as text). */
  private waitForSanitizer(): boolean {
    if (sanitizerIsReady() || this.sanitizerFailed) return false;
    this.sanitizerWait ??= sanitizerReady().then(
      () => this.requestUpdate(),
      () => {
        this.sanitizerFailed = true;
        this.requestUpdate();
      },
    );
    return true;
  }

  private watchViewport(): void {
    whenNearViewport(this, this.loading === 'lazy' && !this.near && this.isConnected ? this.nearViewport : undefined);
    // A lazy card that is not near yet is surely off screen: it needs no second watch.
    whileInViewport(this, this.isConnected && this.state === 'loading' && (this.loading !== 'lazy' || this.near) ? this.inViewport : undefined);
  }

  /** A UI string: the `*-label` attribute, else the `messages` property, else the language's table. */
  private text<K extends keyof NewsCardMessages>(key: K): NewsCardMessages[K] {
    return ((this as unknown as Record<string, NewsCardMessages[K] | undefined>)[`${key}Label`] ?? message(messages, this.i18n.value, key, this.messages));
  }

  private retryClicked(): void {
    this.retry();
    // The button goes away with the error; focus stays on the card, which shows what follows.
    this.renderRoot.querySelector<HTMLElement>('.base')!.focus();
  }

  /** Listeners kept across renders, so Lit does not swap them on every update. */
  private readonly onImageError = (event: Event): void => {
    this.brokenImage = (event.target as HTMLImageElement).getAttribute('src')!;
    this.requestUpdate();
  };

  private readonly onRetry = (): void => this.retryClicked();

  /** The `full` body of the article shown, sanitised once and kept across renders. */
  private body?: { article: Article; full: boolean; node: Node | undefined };
  /** The loaded article's element, kept across renders (made when first shown). */
  private box?: ArticleBox;
  /**
   * What a server render left in the shadow root, until the first render has taken it over:
   * its article, its `<article>` element and `full` body (kept as they are), all its nodes.
   */
  private server?: { article: unknown; box: HTMLElement | null; body: HTMLElement | null; render: ServerRender };

  /** What the card shows now. */
  get state(): NewsCardState {
    const shown = this.shown;
    return shown instanceof Error ? 'error' : shown ? 'loaded' : shown === null ? 'empty' : this.src || this.article != null ? 'loading' : 'initial';
  }

  /** Loads `src` again, as the Retry button does. */
  retry(): void {
    this.loader.retry();
  }

  override render(): TemplateResult {
    if (!isServer) return this.renderCard(false);
    // No page to resolve the language in: the `lang` attribute, else English.
    this.i18n.value = this.getAttribute('lang') || 'en';
    return renderOnServer('article', this.article, (pending) => this.renderCard(pending));
  }

  /** The card; `pending` shows the placeholder (a server render without a DOM to build the article in). */
  private renderCard(pending: boolean): TemplateResult {
    const shown = pending ? undefined : this.shown;
    const state = pending ? 'loading' : this.state;
    const full = this.variant === 'full';
    const text = this.text.bind(this);
    // The server's nodes are this article's: the box adopts them.
    const adopt = this.server && this.article === this.server.article ? this.server : undefined;
    const box =
      state === 'loaded' &&
      (this.box ??= new ArticleBox(adopt?.box ?? undefined)).show({
            article: (shown as Derived).article,
            derived: (shown as Derived).text,
            full,
            ui: this.i18n.value,
            headingLevel: this.headingLevel,
            text,
            brokenImage: this.brokenImage,
            onImageError: this.onImageError,
            body: () => {
              const { article, text } = shown as Derived;
              if (this.body?.article !== article || this.body.full !== full) this.body = { article, full, node: full ? (adopt?.body ?? bodyNode(article, text)) : undefined };
              return this.body.node;
            },
          });
    const body = box
      ? isServer
        ? serialized(box)
        : box
      : state === 'error'
          ? renderError(shown as Failure, text, this.article == null ? this.onRetry : undefined)
          : state === 'empty'
            ? html`<p part="empty" class="message">${this.text('empty')}</p>`
            : state === 'loading'
              ? renderSkeleton(full, text, this.seen)
              : html`<slot></slot>`;
    return html`<div part="base" class="base ${full ? 'full' : 'card'} ${state}" aria-busy=${state === 'loading'} tabindex="-1">${body}</div>`;
  }
}
