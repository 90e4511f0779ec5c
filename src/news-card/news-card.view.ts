/**
 * What `<news-card>` renders in each state, as functions of what the element hands them.
 * Templates keep their elements next to each other (no white space between tags): white
 * space would become text nodes that change inline layout in the sources but not in the
 * minified build.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { children } from './children.js';
import type { FetchError } from '../internal/fetch-json.js';
import type { Article } from '../internal/formats/article.js';
import type { FormatError } from '../internal/formats/format-error.js';
import { cleanText, countHtmlWords, countWords, shorten } from '../internal/formats/validate.js';
import { fill, formatDate, formatNumber, plural } from '../internal/i18n.js';
import { htmlToText, safeSrcset, safeUrl } from '../internal/sanitize.js';
import { sanitizedHtml } from '../internal/sanitized-html.js';
import type { NewsCardMessages } from './news-card.messages.js';

/** Why a card shows an error: the request failed, or its answer holds no article. */
export type Failure = FetchError | FormatError;

/** A UI string of the card (attribute, `messages` property, or the language's table). */
export type Text = <K extends keyof NewsCardMessages>(key: K) => NewsCardMessages[K];

// What a card shows at most: a valid feed under the size limit can carry 100,000 tags,
// and rendering all of them would freeze the host page for seconds.
const MAX_TAGS = 12;
const MAX_AUTHORS = 5;

/**
 * Static templates, not a dynamic tag: the headline keeps its real element; index 1 (h2) is
 * the default. Texts are set as `textContent` (a property, so no marker node per text).
 */
const HEADINGS = [
  (title: string, lang?: string) => html`<h1 id="title" part="title" class="title" lang=${ifDefined(lang)} .textContent=${title}></h1>`,
  (title: string, lang?: string) => html`<h2 id="title" part="title" class="title" lang=${ifDefined(lang)} .textContent=${title}></h2>`,
  (title: string, lang?: string) => html`<h3 id="title" part="title" class="title" lang=${ifDefined(lang)} .textContent=${title}></h3>`,
  (title: string, lang?: string) => html`<h4 id="title" part="title" class="title" lang=${ifDefined(lang)} .textContent=${title}></h4>`,
  (title: string, lang?: string) => html`<h5 id="title" part="title" class="title" lang=${ifDefined(lang)} .textContent=${title}></h5>`,
  (title: string, lang?: string) => html`<h6 id="title" part="title" class="title" lang=${ifDefined(lang)} .textContent=${title}></h6>`,
];

/** The message key of each error kind (`http` and `network` depend on more). */
const ERROR_KEYS = { 'not-json': 'errorNotJson', invalid: 'errorInvalid', 'too-large': 'errorTooLarge', timeout: 'errorTimeout' } as const;

/** Text derived from an article once: the summary shown, the paragraphs of a text body, the reading time. */
export interface ArticleText {
  readonly summary: string;
  readonly paragraphs: readonly string[];
  readonly minutes: number;
}

/**
 * The texts a card shows, derived once per article (and once per answer for all the cards
 * that share it). The body's words are counted over its HTML, without parsing it: the
 * sanitiser parses it anyway when a `full` card shows it, and a `card` never does.
 */
export function articleText(article: Article): ArticleText {
  const { contentHtml, contentText } = article;
  const given = article.summaryText ? cleanText(article.summaryText) : htmlToText(article.summaryHtml);
  const words = contentHtml ? countHtmlWords(contentHtml) : countWords(contentText ?? '');
  return Object.freeze({
    // WordPress ends excerpts with "[…]"; the card's own link already says there is more.
    summary: given ? given.replace(/\s*\[(…|\.\.\.)\]$/u, '…') : shorten(contentHtml ? htmlToText(contentHtml) : cleanText(contentText ?? ''), 320),
    paragraphs: Object.freeze(
      (contentText || article.summaryText || given || '')
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean),
    ),
    // 200 words a minute.
    minutes: words && Math.max(1, Math.round(words / 200)),
  });
}

export interface ArticleView {
  article: Article;
  derived: ArticleText;
  full: boolean;
  /** The language the card's own words are in. */
  ui: string;
  headingLevel: number;
  text: Text;
  /** The image URL that failed to load: the card is shown without it. */
  brokenImage?: string;
  onImageError: (event: Event) => void;
}

/**
 * The meta line's items as nodes: authors (one item; a lone author is the item itself),
 * date, reading time. Built directly, not as templates: a card shows hundreds of times on a
 * page and every template part costs a marker node (BENCHMARKS.md, issue 14).
 */
function metaNodes({ article, derived, ui, text }: ArticleView): Node[] {
  const { authors, datePublished: date, baseUrl: base } = article;
  const items: Node[] = [];
  const el = (tag: string, content: string, attrs: Record<string, string> = {}) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    node.textContent = content;
    return node;
  };
  const names = authors.slice(0, MAX_AUTHORS).flatMap((author, i) => {
    const href = safeUrl(author.url, base);
    const name = href ? el('a', author.name, { part: 'author', href, rel: 'author noopener noreferrer' }) : el('span', author.name, { part: 'author' });
    return i ? [', ', name] : [name];
  });
  if (authors.length > MAX_AUTHORS) names.push(` +${formatNumber(authors.length - MAX_AUTHORS, ui)}`);
  if (names.length === 1) items.push(names[0] as Node);
  else if (names.length) {
    const group = el('span', '', { class: 'authors' });
    group.append(...names);
    items.push(group);
  }
  if (date) items.push(el('time', formatDate(new Date(date), ui), { part: 'date', datetime: date }));
  if (derived.minutes) items.push(el('span', plural(text('readingTime'), derived.minutes, ui), { class: 'reading-time' }));
  return items;
}

function renderMeta(view: ArticleView): TemplateResult | typeof nothing {
  const { article, derived, ui, text } = view;
  if (!article.authors.length && !article.datePublished && !derived.minutes) return nothing;
  // Built again only when what it shows changed (the article, the language, the wording).
  return html`<p part="meta" class="meta" ${children(() => metaNodes(view), article, derived, ui, text('readingTime'))}></p>`;
}

function renderText({ article, derived, full }: ArticleView): TemplateResult | typeof nothing {
  const { contentHtml, language: lang, baseUrl: base } = article;
  const { summary, paragraphs } = derived;
  if (!full) return summary ? html`<p part="summary" class="summary" lang=${ifDefined(lang)} .textContent=${summary}></p>` : nothing;
  if (!contentHtml && !paragraphs.length) return nothing;
  return html`<div part="body" class="body ${contentHtml ? '' : 'text'}" lang=${ifDefined(lang)}>${
    contentHtml ? sanitizedHtml(contentHtml, 'article', base) : paragraphs.map((p) => html`<p .textContent=${p}></p>`)
  }</div>`;
}

/** The tags as list items (text only), built directly for the same reason as the meta line. */
function tagNodes(tags: readonly string[], lang: string | undefined): Node[] {
  return tags.slice(0, MAX_TAGS).map((tag) => {
    const item = document.createElement('li');
    item.setAttribute('part', 'tag');
    item.className = 'tag';
    if (lang) item.lang = lang;
    item.textContent = tag;
    return item;
  });
}

export function renderArticle(view: ArticleView): TemplateResult {
  const { article, full, text, headingLevel } = view;
  const { baseUrl: base, tags, image, language: lang } = article;
  const url = safeUrl(article.url, base);
  const src = image && safeUrl(image.src, base);
  const srcset = image && safeSrcset(image.srcset, base);
  const heading = HEADINGS[Math.trunc(headingLevel) - 1] ?? HEADINGS[1]!;
  // The image is as wide as the card; `auto` lets a lazy image use its laid-out width.
  const img =
    src && !src.startsWith('mailto:') && src !== view.brokenImage
      ? html`<img
          part="image"
          class="image-box"
          src=${src}
          srcset=${ifDefined(srcset)}
          sizes=${ifDefined(srcset && 'auto, (max-width: 45rem) 100vw, 45rem')}
          width=${ifDefined(image!.width)}
          height=${ifDefined(image!.height)}
          alt=${image!.alt}
          loading="lazy"
          decoding="async"
          referrerpolicy="no-referrer"
          @error=${view.onImageError}
        >`
      : nothing;
  const tagList = tags.length
    ? html`<ul part="tags" class="tags" aria-label=${text('tags')} ${children(() => tagNodes(tags, lang), tags, lang)}></ul>`
    : nothing;
  const readMore =
    !full && url
      ? html`<a part="read-more" class="read-more" href=${url} rel="noopener noreferrer" aria-describedby="title" .textContent=${text('readMore')}></a>`
      : nothing;
  return html`<article aria-labelledby="title">${img}<div class="content">${heading(article.title, lang)}${renderMeta(view)}${renderText(view)}${tagList}${readMore}</div></article>`;
}

/** The error message for a failure, and Retry unless the article came from code. */
export function renderError({ kind, status = 0 }: Failure, text: Text, onRetry?: () => void): TemplateResult {
  const message =
    kind === 'http'
      ? status === 404 || status === 410
        ? text('errorNotFound')
        : status >= 500
          ? text('errorServer')
          : fill(text('errorHttp'), { status })
      : text(kind === 'network' ? (navigator.onLine === false ? 'errorOffline' : 'errorNetwork') : ERROR_KEYS[kind]);
  const retry = onRetry ? html`<button part="retry" class="retry" type="button" @click=${onRetry}>${text('retry')}</button>` : nothing;
  return html`<div part="error" class="error"><p class="message">${message}</p>${retry}</div><slot></slot>`;
}

/**
 * The placeholder while loading: the loaded card's boxes, so nothing moves when it arrives.
 * Static: each block is one element whose lines are drawn by its background, and one
 * `shimmer` sweeps over the whole card (a transform, which the compositor runs), present only
 * while the card is in the viewport (`moving`) and the reader allows motion (CSS).
 */
export function renderSkeleton(full: boolean, text: Text, moving: boolean): TemplateResult {
  return html`<div part="skeleton" class="skeleton"><span class="visually-hidden" .textContent=${text('loading')}></span><div
      class="bone image-box"
      aria-hidden="true"
    ></div><div class="content" aria-hidden="true"><div class="bone lines title"></div><div class="bone lines meta"></div><div
      class="bone lines ${full ? 'body' : 'summary'}"
    ></div><div class="bone pills tags"></div>${full ? nothing : html`<div class="bone lines read-more"></div>`}</div>${
      moving ? html`<div class="shimmer" aria-hidden="true"></div>` : nothing
    }</div>`;
}
