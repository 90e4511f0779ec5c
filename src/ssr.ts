/**
 * `lapa-widgets/ssr`: server rendering helpers, for Node only (the browser never loads it).
 * Needs the optional peer dependencies `@lit-labs/ssr` (rendering) and `jsdom` (the server
 * DOM in which a card builds its article and sanitises a `full` body). See the README's
 * "Server-side rendering" section.
 */
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
// Registers <news-card> in Lit SSR's registry (as in a page's).
import './news-card/define.js';
import type { NewsCardVariant } from './news-card/news-card.js';
import type { Article } from './internal/formats/article.js';
import { parseArticle } from './internal/formats/detect.js';
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
        heading-level=${ifDefined(headingLevel?.toString())}
        theme=${ifDefined(theme)}
        src=${ifDefined(src)}
        item-id=${ifDefined(itemId)}
        .article=${article}
      ></news-card>`,
    ),
  );
}

/**
 * Fetches `url` (a JSON Feed, one feed item, a WordPress post or list of posts) and gives
 * its article (`itemId` picks one of a list, as the element's `item-id` does); null for an
 * empty feed. Throws on an HTTP error or an answer that holds no article.
 */
export async function fetchArticle(url: string, { itemId, signal }: { itemId?: string; signal?: AbortSignal } = {}): Promise<Article | null> {
  const response = await fetch(url, { headers: { accept: 'application/feed+json, application/json' }, signal });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const data: unknown = await response.json();
  return withServerDom(() => parseArticle(data, { itemId, baseUrl: response.url }));
}
