import { LitElement, html, isServer } from 'lit';
import type { PropertyDeclarations, TemplateResult } from 'lit';
import { defineElement } from '../internal/define.js';
import { NewsFeedErrorEvent, NewsFeedLoadEvent } from '../internal/events.js';
import type { NewsFeedErrorKind } from '../internal/events.js';
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, FetchError, derivedFrom, sharedFetchJson } from '../internal/fetch-json.js';
import type { JsonResponse } from '../internal/fetch-json.js';
import type { Article } from '../internal/formats/article.js';
import { FormatError, checkArticle } from '../internal/formats/detect.js';
import { MAX_PAGES, itemOrSkip, parseArticleList } from '../internal/formats/list.js';
import { looksLikeXml, xmlFeedOf } from '../internal/formats/looks-like-xml.js';
import type { ArticleList } from '../internal/formats/list.js';
import { LoadController } from '../internal/load.js';
import type { LoadOutcome } from '../internal/load.js';
import { LangController, labelAttribute, message } from '../internal/i18n.js';
import { whenNearViewport, whileInViewport } from '../internal/near-viewport.js';
import { ArticleBox, articleText } from '../internal/article/article.view.js';
import type { Failure } from '../internal/article/article.view.js';
import { removeServerNodes, serverRender } from '../internal/adopt.js';
import type { ServerRender } from '../internal/adopt.js';
import { renderOnServer, serialized } from '../internal/server-render.js';
import { hasServerWindow, withServerDom } from '../internal/server-dom.js';
import { messages } from './news-feed.messages.js';
import type { NewsFeedMessages } from './news-feed.messages.js';
import styles from './news-feed.styles.js';
import { FeedList, levels, renderEmpty, renderFeedError, renderHeading, renderMore, renderSkeletons } from './news-feed.view.js';
import type { FeedItem } from './news-feed.view.js';

/** What the list shows: one of these at a time. */
export type NewsFeedState = 'initial' | 'loading' | 'loaded' | 'empty' | 'error';
export type NewsFeedLayout = 'list' | 'grid';
export type { NewsFeedMessages };
// The element's events, from its own module, so `lapa-widgets/news-feed` (and its
// `/define`) users get their HTMLElementEventMap entries.
export type { NewsFeedErrorEvent, NewsFeedLoadEvent } from '../internal/events.js';

export const DEFAULT_LIMIT = 5;
export const MAX_LIMIT = 50;
/** Items that are no article (or were given already) skipped in one go before the list gives up on the rest of a page. */
const MAX_SKIPPED = 50;

/** What tells two articles apart: the id when both have one, else the URL. */
const sameArticle = (a: Article, b: Article): boolean => (a.id && b.id ? a.id === b.id : !!a.url && a.url === b.url);

/** One answer's list, with the URL it came from (the pages already loaded are not asked for again). */
interface Page {
  readonly list: ArticleList;
  readonly url: string;
}

/** Freezes an article and everything in it: lists that share an answer share its articles (and so do their events). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * An article as a server render hands it to the browser: without its body, which a compact
 * card never shows (a page of WordPress posts would carry every post whole, twice), and its
 * summary as the text the card shows (made from the body when there is no summary).
 */
function compactArticle(article: Article): Article {
  const { summary } = articleText(article, true);
  const compact: Article = { ...article, summaryText: summary || undefined };
  delete compact.contentHtml;
  delete compact.contentText;
  delete compact.summaryHtml;
  return compact;
}

/** `articles` given by code, as a list (each checked: a bad one makes the whole property `invalid`). */
function listOfArticles(articles: readonly unknown[]): ArticleList {
  const checked = articles.map((article) => deepFreeze(checkArticle(article)));
  return Object.freeze({ format: 'jsonfeed', count: checked.length, item: (i: number) => checked[i]! });
}

/**
 * @tagname news-feed
 * @summary The latest articles of a JSON Feed, RSS 2.0 or Atom 1.0 feed or WordPress posts list, as a list of compact cards with "load more".
 *
 * @fires {NewsFeedLoadEvent} news-feed-load - A load the element performed succeeded (the first page, or a "load more"); `.articles` is every article shown, `.hasMore` whether "load more" shows more. Not fired for `.articles` set by code, until a "load more" goes on to `src`.
 * @fires {NewsFeedErrorEvent} news-feed-error - A load failed; `.kind` is `http`, `not-json`, `not-xml`, `invalid`, `too-large`, `timeout` or `network`, `.status` the HTTP status when there was one. After a failed "load more" the items shown stay.
 *
 * @slot - Fallback content, such as a plain link to the news page: shown before the element upgrades, while it has no `src`, and on error.
 *
 * @csspart base - The whole element: heading, list and "load more".
 * @csspart heading - The visible heading (`heading`), an `h1`-`h6` (see `heading-level`).
 * @csspart list - The `<ul>` of articles.
 * @csspart item - Each `<li>`: one compact card.
 * @csspart image - An article's image.
 * @csspart title - An article's headline.
 * @csspart title-link - The link to the article inside the headline.
 * @csspart meta - The line with authors and date.
 * @csspart author - Each author's name (a link when the data gives a safe URL).
 * @csspart date - The publication date, a `<time>`.
 * @csspart summary - An article's summary.
 * @csspart skeleton - The placeholder list shown while loading.
 * @csspart empty - The message shown when the feed has no article.
 * @csspart error - The error message and its Retry button (the first page failed).
 * @csspart retry - The Retry button of that error.
 * @csspart load-more - The "load more" button (also Retry after a failed "load more").
 * @csspart load-more-error - The message of a failed "load more".
 *
 * @cssprop [--news-feed-background=var(--lapa-background, light-dark(#fff, #1d2127))] - Card background.
 * @cssprop [--news-feed-color=var(--lapa-color, light-dark(#1b1f24, #e8eaed))] - Text colour.
 * @cssprop [--news-feed-muted-color=var(--lapa-muted-color, light-dark(#535b67, #a9b0bb))] - Meta line.
 * @cssprop [--news-feed-accent-color=var(--lapa-accent-color, light-dark(#0b5cad, #8ab4f8))] - Links, focus ring, buttons.
 * @cssprop [--news-feed-accent-contrast-color=var(--lapa-accent-contrast-color, light-dark(#fff, #10243d))] - Text on the accent colour.
 * @cssprop [--news-feed-error-color=var(--lapa-error-color, light-dark(#a4262c, #ff9b9b))] - Error messages.
 * @cssprop [--news-feed-border-color=var(--lapa-border-color, light-dark(#d5d9df, #3a414b))] - Card borders.
 * @cssprop [--news-feed-border-radius=var(--lapa-radius, 0.75rem)] - Card corner radius.
 * @cssprop [--news-feed-font-family=var(--lapa-font-family, inherit)] - Font of the list.
 * @cssprop [--news-feed-title-font-family=inherit] - Font of the headlines.
 * @cssprop [--news-feed-title-font-size=1.0625rem] - Size of the headlines.
 * @cssprop [--news-feed-heading-font-size=1.25rem] - Size of the list's heading.
 * @cssprop [--news-feed-card-padding=0.875rem] - Space inside each card.
 * @cssprop [--news-feed-gap=1rem] - Space between cards.
 * @cssprop [--news-feed-column-width=15rem] - Narrowest column of the `grid` layout.
 * @cssprop [--news-feed-image-aspect-ratio=16 / 9] - Shape of the image boxes.
 * @cssprop [--news-feed-summary-lines=3] - Lines of summary shown (and reserved) per card.
 * @cssprop [--news-feed-skeleton-color=light-dark(#e6e9ee, #2c323a)] - Placeholder blocks while loading.
 */
export class NewsFeedElement extends LitElement {
  static override styles = styles;

  // A getter, not a field: lit-analyzer reads the attributes only from a getter (with a
  // field it flags every attribute of these elements in a template, as in src/ssr.ts).
  static override get properties(): PropertyDeclarations {
    return {
      src: {},
      limit: { type: Number },
      layout: { reflect: true },
      heading: {},
      headingLevel: { attribute: 'heading-level', type: Number },
      label: {},
      loading: {},
      timeout: { type: Number },
      maxBytes: { attribute: 'max-bytes', type: Number },
      credentials: {},
      theme: { reflect: true },
      articles: { attribute: false },
      messages: { attribute: false },
      ...Object.fromEntries(
        Object.keys(messages.en)
          .filter((key) => key !== 'added' && key !== 'list')
          .map((key) => [`${key}Label`, { attribute: labelAttribute(key) }]),
      )
    };
  }


  static define(tag = 'news-feed', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  private readonly i18n = new LangController(this);
  /** Loads the first page of `src`, and reports each outcome once it is rendered. */
  private readonly loader = new LoadController<Page>(this, {
    key: () => (this.src && this.articles == null && (this.loading !== 'lazy' || this.near) ? JSON.stringify([this.src, this.requestOptions]) : ''),
    run: (signal, again) => this.fetchPage(this.src!, signal, again),
    timeout: () => this.requestOptions.timeout,
    maxRetryAfter: 120,
    retryOnline: true,
    settled: (outcome) => this.report(outcome),
  });

  private readonly nearViewport = (): void => {
    this.near = true;
    this.requestUpdate();
  };

  private readonly inViewport = (seen: boolean): void => {
    this.seen = seen;
    this.requestUpdate();
  };

  private near = false;
  private seen = false;

  /** What the items were made from: the first page (or the `articles` property), the limit, and with `articles` the `src` "load more" goes on to. */
  private made?: [ArticleList | FormatError | undefined, number, string | undefined];
  /** The `articles` property and the list (or error) checking it gave. */
  private checked?: [unknown, ArticleList | FormatError];
  /** The pages loaded, first to last. */
  private pages: Page[] = [];
  /** The next item of the last page to show. */
  private next = 0;
  private items: FeedItem[] = [];
  /** The first page held items, none of them an article. */
  private noArticle?: FormatError;
  /** A "load more" under way, and how the last one failed. */
  private more?: AbortController;
  private moreFailure?: Failure;
  private added = 0;
  /** The height the skeleton had, kept as the list's least height so nothing below moves (CLS 0). */
  private reserved = 0;
  private wasLoading = false;
  /** The skeleton's last laid-out height, and the observer that tells it. */
  private skeletonHeight = 0;
  private sizes?: ResizeObserver;
  /** The list element, kept across renders. */
  private list?: FeedList;
  /** What a server render left in the shadow root, until the first render has taken it over. */
  private server?: ServerRender;

  /** URL of the feed: a JSON Feed, RSS 2.0 or Atom 1.0 feed, or a WordPress posts list (`/wp-json/wp/v2/posts?categories=3`). */
  declare src?: string;
  /** Articles shown at first, and added by each "load more": 1-50. */
  limit = DEFAULT_LIMIT;
  /** `list` (one card a row) or `grid` (as many columns as fit). */
  layout: NewsFeedLayout = 'list';
  /** A visible heading above the list, which also names the list. */
  declare heading?: string;
  /** Level of the heading, 1-6; the headlines are one level below it (without a heading, at this level). */
  headingLevel = 2;
  /** The list's accessible name when there is no `heading` (default: "News", localised). */
  declare label?: string;
  /** `lazy` waits until the list nears the viewport before fetching. */
  loading: 'eager' | 'lazy' = 'eager';
  /** Milliseconds before a load gives up with `timeout`; 0 waits for ever. */
  timeout = DEFAULT_TIMEOUT;
  /** Largest accepted answer, in bytes; larger ones fail with `too-large`. */
  maxBytes = DEFAULT_MAX_BYTES;
  /** Whether requests send cookies: `omit` (default), `same-origin` or `include`. */
  credentials: RequestCredentials = 'omit';
  /** Forces `light` or `dark` colours; by default the page's `color-scheme` decides. */
  declare theme?: 'light' | 'dark';
  /**
   * Articles to show instead of loading `src`'s first page (no request, no events); "load
   * more" shows those past `limit`, then, with a `src`, goes on to `src` (skipping the
   * articles given here). A server render (`lapa-widgets/ssr`) comes with them.
   */
  declare articles?: Article[];
  /** Overrides for any UI string, e.g. `{ loadMore: 'More news' }`. */
  messages: Partial<NewsFeedMessages> = {};
  /**
   * Overrides the "load more" button text.
   * @attr load-more-label
   */
  declare loadMoreLabel?: string;
  /**
   * Overrides the button text while more articles load.
   * @attr loading-more-label
   */
  declare loadingMoreLabel?: string;
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
   * Overrides the message for an answer that is neither JSON nor XML.
   * @attr error-not-json-label
   */
  declare errorNotJsonLabel?: string;
  /**
   * Overrides the message for XML that does not parse.
   * @attr error-not-xml-label
   */
  declare errorNotXmlLabel?: string;
  /**
   * Overrides the message for an answer that is no list of articles.
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
    // A server-rendered feed: its articles come with it (no request), its list is taken over.
    const server = !this.hasUpdated && serverRender(this.renderRoot, 'articles');
    if (server) {
      this.server = server;
      // After the server's nodes, not before the first of them (Lit's default): they go.
      this.renderOptions.renderBefore = null;
      if (Array.isArray(server.data)) this.articles ??= server.data as Article[];
    }
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.watchViewport();
    this.seen = false;
    this.more?.abort();
    this.sizes?.disconnect();
  }

  protected override willUpdate(): void {
    // A server renders its items in its server DOM (render()), and watches no viewport.
    if (isServer) return;
    this.watchViewport();
    this.makeItems();
    // Leaving the skeleton: the height it was last laid out at stays the list's least height.
    const loading = this.state === 'loading';
    if (this.wasLoading && !loading) this.reserved = this.skeletonHeight;
    else if (loading && !this.wasLoading) this.reserved = this.skeletonHeight = 0;
    this.wasLoading = loading;
  }

  protected override firstUpdated(): void {
    // The first render is in place (the adopted list moved into it): what else the server wrote goes.
    removeServerNodes(this.server);
    this.server = undefined;
  }

  protected override updated(): void {
    const frame = this.renderRoot.querySelector<HTMLElement>('.frame');
    if (!frame) return;
    // CSSOM, not a style attribute: a strict CSP allows it.
    frame.style.minBlockSize = this.reserved ? `${this.reserved}px` : '';
    // The skeleton's height as laid out, told after layout: reading it when the answer comes
    // would force a layout of the whole skeleton just before it is replaced.
    if (this.state === 'loading') {
      this.sizes ??= new ResizeObserver(([entry]) => (this.skeletonHeight = entry?.borderBoxSize[0]?.blockSize ?? 0));
      this.sizes.observe(frame);
    } else {
      this.sizes?.disconnect();
    }
  }

  /** `limit` as a count of 1-50 (the default for anything else). */
  private get shownLimit(): number {
    const n = Math.trunc(this.limit);
    return n >= 1 ? Math.min(n, MAX_LIMIT) : DEFAULT_LIMIT;
  }

  private get requestOptions() {
    const { timeout, maxBytes, credentials } = this;
    return {
      timeout: Number.isFinite(timeout) && timeout >= 0 ? timeout : DEFAULT_TIMEOUT,
      maxBytes: Number.isFinite(maxBytes) && maxBytes > 0 ? maxBytes : DEFAULT_MAX_BYTES,
      credentials: credentials === 'same-origin' || credentials === 'include' ? credentials : 'omit',
    } as const;
  }

  /** The first list: the checked `articles` property, else the loaded first page. */
  private get firstList(): ArticleList | FormatError | undefined {
    if (this.articles != null) {
      if (this.checked?.[0] !== this.articles) {
        try {
          this.checked = [this.articles, Array.isArray(this.articles) ? listOfArticles(this.articles) : new FormatError('Not a list of articles')];
        } catch (error) {
          this.checked = [this.articles, error instanceof FormatError ? error : new FormatError(String(error))];
        }
      }
      return this.checked[1];
    }
    return this.src ? this.loader.value?.list : undefined;
  }

  /** The items, made afresh when the first list, the limit or (with `articles`) `src` changed. */
  private makeItems(): void {
    const first = this.firstList;
    const limit = this.shownLimit;
    const src = this.articles == null ? undefined : this.src;
    if (!this.made || this.made[0] !== first || this.made[1] !== limit || this.made[2] !== src) this.reset(first, limit, src);
  }

  /** Starts the items afresh from `first`: its first `limit` articles. */
  private reset(first: ArticleList | FormatError | undefined, limit: number, src: string | undefined): void {
    this.made = [first, limit, src];
    this.more?.abort();
    this.more = this.moreFailure = this.noArticle = undefined;
    this.items = [];
    this.added = 0;
    this.next = 0;
    this.pages = first && !(first instanceof FormatError) ? [{ list: first, url: this.articles == null ? (this.loader.value?.url ?? '') : '' }] : [];
    this.take(limit);
    if (first && !(first instanceof FormatError) && first.count && !this.items.length) this.noArticle = new FormatError('No item is an article');
  }

  /**
   * Adds up to `n` articles from the last page, skipping items that are no article (at most
   * MAX_SKIPPED of them a time: a feed of 10,000 broken items is not mapped whole); the
   * number added.
   */
  private take(n: number): number {
    const page = this.pages.at(-1);
    // `src` after articles given by code: its first page likely holds them, shown already.
    const given = this.articles != null && this.pages.length > 1 ? this.pages[0]!.list : undefined;
    const shownAlready = (article: Article) => !!given && Array.from({ length: given.count }, (_, i) => given.item(i)).some((other) => sameArticle(article, other));
    const adopted = this.serverList;
    let added = 0;
    for (let skipped = 0; page && added < n && this.next < page.list.count && skipped <= MAX_SKIPPED; ) {
      const article = itemOrSkip(page.list, this.next++);
      if (!article || shownAlready(article)) {
        skipped++;
        continue;
      }
      const item: FeedItem = {
        article,
        text: articleText(article, true),
        box: new ArticleBox(adopted?.children[this.items.length]?.querySelector<HTMLElement>(':scope > article') ?? undefined),
        onImageError: (event: Event) => {
          item.brokenImage = (event.target as HTMLImageElement).getAttribute('src')!;
          this.requestUpdate();
        },
      };
      this.items.push(item);
      added++;
    }
    return added;
  }

  /** A server render's list, while the items are made from its articles: the list and their boxes adopt its nodes. */
  private get serverList(): HTMLUListElement | undefined {
    return (this.server && this.articles === this.server.data && this.server.base?.querySelector<HTMLUListElement>(':scope > .frame > ul')) || undefined;
  }

  /** The URL of the next page to load, when the shown page has none left to show. */
  private get nextUrl(): string | undefined {
    const last = this.pages.at(-1);
    // Articles given by code stand for `src`'s first page: "load more" goes on with `src` itself.
    const url = last?.list.next ?? (this.articles != null && this.pages.length === 1 ? this.src : undefined);
    return url && this.pages.length < MAX_PAGES && !this.pages.some((page) => page.url === url) ? url : undefined;
  }

  /**
   * Whether "load more" has something to show. With `articles` and a `src`, true until
   * `src` has been asked: the element cannot know before whether it holds more.
   */
  get hasMore(): boolean {
    const last = this.pages.at(-1);
    return !!last && (this.next < last.list.count || !!this.nextUrl);
  }

  /**
   * One page of the feed, parsed once per answer (lists sharing an answer share its list):
   * JSON as it is; an answer that is not JSON but XML (RSS, Atom) is read by the XML mapper,
   * loaded only then.
   */
  private async fetchPage(url: string, signal: AbortSignal, again: boolean, timeout = 0): Promise<Page> {
    const { maxBytes, credentials } = this.requestOptions;
    const response: JsonResponse = await sharedFetchJson(url, { signal, maxBytes, credentials, timeout, reload: again, orText: true });
    const requestUrl = new URL(url, document.baseURI).href;
    try {
      if (response.text === undefined) {
        const list = derivedFrom(response, `news-feed ${requestUrl}`, ({ data, url: baseUrl, headers }) => parseArticleList(data, { baseUrl, requestUrl, headers }));
        return { list, url: response.url };
      }
      if (!looksLikeXml(response.text, response.headers.get('content-type'))) throw new FetchError('not-json', 'Neither JSON nor XML', { status: response.status });
      return { list: await xmlFeedOf(response), url: response.url };
    } catch (error) {
      // A mapper that could not be loaded is the network's failure, not the answer's.
      if (!(error instanceof FormatError)) throw error;
      throw new FormatError(error.message, response.status, error.kind);
    }
  }

  private failure(error: unknown): Failure {
    return error instanceof FetchError || error instanceof FormatError ? error : new FetchError('network', String(error));
  }

  private fail(failure: Failure, error: unknown): void {
    this.dispatchEvent(new NewsFeedErrorEvent(failure.kind as NewsFeedErrorKind, failure.status, error));
  }

  private report({ error }: LoadOutcome<Page>): void {
    if (error !== undefined) this.fail(this.failure(error), error);
    else if (this.noArticle) this.fail(this.noArticle, this.noArticle);
    else this.dispatchEvent(new NewsFeedLoadEvent(Object.freeze(this.items.map((item) => item.article)), this.hasMore));
  }

  /** "Load more": the rest of the page shown, else the next page (one request per click, never on its own). */
  private async loadMore(): Promise<void> {
    if (this.more) return;
    const url = this.nextUrl;
    const last = this.pages.at(-1);
    const first = this.items.length;
    const limit = this.shownLimit;
    this.reserved = 0;
    if (last && this.next < last.list.count) {
      this.added = this.take(limit);
      this.moreFailure = undefined;
      this.requestUpdate();
      await this.shownMore(first);
      if (this.articles == null) this.dispatchEvent(new NewsFeedLoadEvent(Object.freeze(this.items.map((item) => item.article)), this.hasMore));
      return;
    }
    if (!url) return;
    const request = (this.more = new AbortController());
    const retried = !!this.moreFailure;
    this.requestUpdate();
    try {
      let added = 0;
      for (let next: string | undefined = url; next; ) {
        const page = await this.fetchPage(next, request.signal, retried, this.requestOptions.timeout);
        if (this.more !== request) return;
        this.pages.push(page);
        this.next = 0;
        added = this.take(limit);
        // After articles given by code, `src`'s first page may hold only those, shown already:
        // no answer to the click, so the same click asks for the page after it.
        next = !added && this.articles != null && this.next >= page.list.count ? this.nextUrl : undefined;
      }
      this.more = this.moreFailure = undefined;
      this.added = added;
      this.requestUpdate();
      await this.shownMore(first);
      this.dispatchEvent(new NewsFeedLoadEvent(Object.freeze(this.items.map((item) => item.article)), this.hasMore));
    } catch (error) {
      // Our own abort (a new `src`, removal) is no outcome.
      if (this.more !== request || (request.signal.aborted && error === request.signal.reason)) return;
      this.more = undefined;
      this.moreFailure = this.failure(error);
      this.added = 0;
      this.requestUpdate();
      await this.updateComplete;
      this.fail(this.moreFailure, error);
    }
  }

  /**
   * After "load more" rendered: focus on the first new item's headline link (or the item); on
   * the last item when it added none (`src` held only articles given already) and the button went.
   */
  private async shownMore(first: number): Promise<void> {
    await this.updateComplete;
    const items = this.renderRoot.querySelectorAll<HTMLElement>('.items > li');
    const item = items[first] ?? (this.renderRoot.querySelector('.load-more') ? undefined : items[items.length - 1]);
    const target = item?.querySelector<HTMLElement>('[part~="title-link"]') ?? item;
    if (target && !target.matches('a')) target.tabIndex = -1;
    target?.focus();
  }

  private watchViewport(): void {
    whenNearViewport(this, this.loading === 'lazy' && !this.near && this.isConnected ? this.nearViewport : undefined);
    whileInViewport(this, this.isConnected && this.state === 'loading' && (this.loading !== 'lazy' || this.near) ? this.inViewport : undefined);
  }

  private text<K extends keyof NewsFeedMessages>(key: K): NewsFeedMessages[K] {
    return ((this as unknown as Record<string, NewsFeedMessages[K] | undefined>)[`${key}Label`] ?? message(messages, this.i18n.value, key, this.messages));
  }

  private readonly onRetry = (): void => {
    this.retry();
    this.renderRoot.querySelector<HTMLElement>('.feed')!.focus();
  };

  private readonly onMore = (): void => void this.loadMore();

  /** What the list shows now. */
  get state(): NewsFeedState {
    const first = this.firstList;
    if (first instanceof FormatError || this.noArticle) return 'error';
    if (first) return this.items.length ? 'loaded' : 'empty';
    if (this.src && this.loader.error !== undefined) return 'error';
    return this.src ? 'loading' : 'initial';
  }

  /** Loads `src` again, as the Retry button does. */
  retry(): void {
    this.loader.retry();
  }

  override render(): TemplateResult {
    if (!isServer) return this.renderFeed(false);
    // No page to resolve the language in: the `lang` attribute, else English.
    this.i18n.value = this.getAttribute('lang') || 'en';
    const list = hasServerWindow() ? this.firstList : undefined;
    // Valid articles go compact (reading HTML summaries takes the server DOM); anything else as it is, for the browser to refuse alike.
    const data = list && !(list instanceof FormatError) ? withServerDom(() => Array.from({ length: list.count }, (_, i) => compactArticle(list.item(i)))) : this.articles;
    return renderOnServer('articles', data, (pending) => {
      if (!pending) this.makeItems();
      return this.renderFeed(pending);
    });
  }

  /** The feed; `pending` shows the placeholder (a server render without a DOM to build the items in). */
  private renderFeed(pending: boolean): TemplateResult {
    const state = pending ? 'loading' : this.state;
    const text = this.text.bind(this);
    const heading = this.heading?.trim() || undefined;
    const [headingLevel, itemLevel] = levels(this.headingLevel, !!heading);
    const first = this.firstList;
    let body: unknown;
    if (state === 'loaded') {
      const list = (this.list ??= new FeedList(this.serverList)).show(this.items, {
        labelledBy: heading && 'heading',
        label: this.label?.trim() || text('list'),
        ui: this.i18n.value,
        level: itemLevel,
        text,
      });
      body = html`${isServer ? serialized(list) : list}${renderMore(
        this.hasMore || this.more || this.moreFailure
          ? { pending: !!this.more, failure: this.moreFailure, added: this.added, ui: this.i18n.value, text, onClick: this.onMore }
          : undefined,
      )}`;
    } else if (state === 'error') {
      const failure = first instanceof FormatError ? first : (this.noArticle ?? this.failure(this.loader.error));
      body = renderFeedError(failure, text, this.articles == null ? this.onRetry : undefined);
    } else if (state === 'empty') {
      body = renderEmpty(text);
    } else if (state === 'loading') {
      body = renderSkeletons(this.shownLimit, text, this.seen);
    } else {
      body = html`<slot></slot>`;
    }
    return html`<div part="base" class="feed ${this.layout === 'grid' ? 'grid' : 'list'} ${state}" aria-busy=${state === 'loading'} tabindex="-1">${renderHeading(
      heading,
      headingLevel,
    )}<div class="frame">${body}</div></div>`;
  }
}
