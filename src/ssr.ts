/**
 * `lapa-widgets/ssr`: server rendering helpers, for Node only (the browser never loads it).
 * Needs the optional peer dependencies `@lit-labs/ssr` (rendering) and `jsdom` (the server
 * DOM in which a card builds its article and sanitises a `full` body, and a feed builds its
 * compact cards and reads HTML summaries as text). See the README's "Server-side rendering"
 * section.
 */
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
// Registers <news-card> and <news-feed> in Lit SSR's registry (as in a page's).
import './news-card/define.js';
import './news-feed/define.js';
import type { NewsCardVariant } from './news-card/news-card.js';
import type { NewsFeedLayout } from './news-feed/news-feed.js';
import type { Article } from './internal/formats/article.js';
import { parseArticle } from './internal/formats/detect.js';
import { itemOrSkip, parseArticleList } from './internal/formats/list.js';
import { loadPurifier } from './internal/sanitize.js';
import { setServerWindow as setWindow, withServerDom } from './internal/server-dom.js';

/**
 * Gives server renders a DOM window (jsdom's, or another DOM DOMPurify supports), in which a
 * card builds its article and sanitises a `full` body (await it: DOMPurify is loaded then);
 * without an argument, takes it away
 * (cards given an article then render their loading placeholder and the browser builds them).
 */
export async function setServerWindow(win?: Window): Promise<void> {
  setWindow(win, unsafeHTML);
  // A server DOM has no native Sanitizer: the card's server render needs DOMPurify loaded.
  if (win) await loadPurifier();
}

/** The one jsdom window, made on first use (the sanitiser binds to the first window it gets). */
let jsdomWindow: Window | undefined;

/** Gives server renders a jsdom window (jsdom must be installed); calling it again reuses it. */
export async function useJsdom(): Promise<void> {
  // Typed here: jsdom ships no types, and is no dependency of the widgets.
  const { JSDOM } = (await import('jsdom' as string)) as { JSDOM: new (html: string) => { window: Window } };
  await setServerWindow((jsdomWindow ??= new JSDOM('').window));
}

/** Attributes of a server-rendered `<news-card>`. */
export interface NewsCardAttributes {
  variant?: NewsCardVariant;
  lang?: string;
  headingLevel?: number;
  theme?: 'light' | 'dark';
  src?: string;
  itemId?: string;
}

/**
 * `<news-card>` showing `article`, as HTML with a declarative shadow root: paste it into a
 * page, which then loads `lapa-widgets/news-card/define` (or the script-tag bundle).
 */
export async function renderNewsCard(article: Article, attributes: NewsCardAttributes = {}): Promise<string> {
  const { variant, lang, headingLevel, theme, src, itemId } = attributes;
  return collectResult(
    render(
      html`<news-card
        variant=${ifDefined(variant)}
        lang=${ifDefined(lang)}
        heading-level=${ifDefined(headingLevel)}
        theme=${ifDefined(theme)}
        src=${ifDefined(src)}
        item-id=${ifDefined(itemId)}
        .article=${article}
      ></news-card>`,
    ),
  );
}

/** Attributes of a server-rendered `<news-feed>`. */
export interface NewsFeedAttributes {
  limit?: number;
  layout?: NewsFeedLayout;
  heading?: string;
  headingLevel?: number;
  label?: string;
  lang?: string;
  theme?: 'light' | 'dark';
  /** The feed "load more" goes on to once the articles past `limit` are shown (its first page is not fetched again before). */
  src?: string;
}

/**
 * `<news-feed>` showing the first `limit` of `articles` (all of them go with it: "load
 * more" shows the rest without a request, then goes on to `src` if there is one), as HTML
 * with a declarative shadow root: paste it into a page, which then loads
 * `lapa-widgets/news-feed/define` (or the script-tag bundle).
 */
export async function renderNewsFeed(articles: readonly Article[], attributes: NewsFeedAttributes = {}): Promise<string> {
  const { limit, layout, heading, headingLevel, label, lang, theme, src } = attributes;
  return collectResult(
    render(
      html`<news-feed
        limit=${ifDefined(limit)}
        layout=${ifDefined(layout)}
        heading=${ifDefined(heading)}
        heading-level=${ifDefined(headingLevel)}
        label=${ifDefined(label)}
        lang=${ifDefined(lang)}
        theme=${ifDefined(theme)}
        src=${ifDefined(src)}
        .articles=${articles}
      ></news-feed>`,
    ),
  );
}

/** `url`'s answer as JSON, or an error saying which HTTP status it had. */
async function fetchJson(url: string, signal: AbortSignal | undefined): Promise<{ data: unknown; response: Response }> {
  const response = await fetch(url, { headers: { accept: 'application/feed+json, application/json' }, signal });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return { data: await response.json(), response };
}

/**
 * Fetches `url` (a JSON Feed, one feed item, a WordPress post or list of posts) and gives
 * its article (`itemId` picks one of a list, as the element's `item-id` does); null for an
 * empty feed. Throws on an HTTP error or an answer that holds no article.
 */
export async function fetchArticle(url: string, { itemId, signal }: { itemId?: string; signal?: AbortSignal } = {}): Promise<Article | null> {
  const { data, response } = await fetchJson(url, signal);
  return withServerDom(() => parseArticle(data, { itemId, baseUrl: response.url }));
}

/**
 * Fetches `url` (a JSON Feed or a WordPress posts list, as `<news-feed>` reads them; RSS and
 * Atom are read only in the browser) and gives the articles of its first page, items that are
 * no article left out. Throws on an HTTP error or an answer that is no list of articles.
 */
export async function fetchArticles(url: string, { signal }: { signal?: AbortSignal } = {}): Promise<Article[]> {
  const { data, response } = await fetchJson(url, signal);
  return withServerDom(() => {
    const list = parseArticleList(data, { baseUrl: response.url, requestUrl: url, headers: response.headers });
    return Array.from({ length: list.count }, (_, i) => itemOrSkip(list, i)).filter((article): article is Article => article !== undefined);
  });
}
