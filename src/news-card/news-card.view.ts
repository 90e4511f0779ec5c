/**
 * What `<news-card>` renders in each state, as functions of what the element hands them.
 * Templates keep their elements next to each other (no white space between tags): white
 * space would become text nodes that change inline layout in the sources but not in the
 * minified build.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { FetchError } from '../internal/fetch-json.js';
import type { Article } from '../internal/formats/article.js';
import type { FormatError } from '../internal/formats/format-error.js';
import { cleanText, shorten } from '../internal/formats/validate.js';
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

/** Static templates, not a dynamic tag: the headline keeps its real element; index 1 (h2) is the default. */
const HEADINGS = [
  (title: string, lang?: string) => html`<h1 id="title" part="title" class="title" lang=${ifDefined(lang)}>${title}</h1>`,
  (title: string, lang?: string) => html`<h2 id="title" part="title" class="title" lang=${ifDefined(lang)}>${title}</h2>`,
  (title: string, lang?: string) => html`<h3 id="title" part="title" class="title" lang=${ifDefined(lang)}>${title}</h3>`,
  (title: string, lang?: string) => html`<h4 id="title" part="title" class="title" lang=${ifDefined(lang)}>${title}</h4>`,
  (title: string, lang?: string) => html`<h5 id="title" part="title" class="title" lang=${ifDefined(lang)}>${title}</h5>`,
  (title: string, lang?: string) => html`<h6 id="title" part="title" class="title" lang=${ifDefined(lang)}>${title}</h6>`,
];

/** The message key of each error kind (`http` and `network` depend on more). */
const ERROR_KEYS = { 'not-json': 'errorNotJson', invalid: 'errorInvalid', 'too-large': 'errorTooLarge', timeout: 'errorTimeout' } as const;

/** Text derived from an article once: the summary shown, the paragraphs of a text body, the reading time. */
export interface ArticleText {
  summary: string;
  paragraphs: string[];
  minutes: number;
}

export function articleText(article: Article): ArticleText {
  const body = article.contentHtml ? htmlToText(article.contentHtml) : cleanText(article.contentText ?? '');
  const given = article.summaryText ? cleanText(article.summaryText) : htmlToText(article.summaryHtml);
  const words = body.split(' ').filter(Boolean).length;
  return {
    // WordPress ends excerpts with "[…]"; the card's own link already says there is more.
    summary: given ? given.replace(/\s*\[(…|\.\.\.)\]$/u, '…') : shorten(body, 320),
    paragraphs: (article.contentText || article.summaryText || given || '')
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean),
    // 200 words a minute.
    minutes: words && Math.max(1, Math.round(words / 200)),
  };
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

function renderMeta({ article, derived, ui, text }: ArticleView): TemplateResult | typeof nothing {
  const { authors, datePublished: date, baseUrl: base } = article;
  const { minutes } = derived;
  if (!authors.length && !date && !minutes) return nothing;
  const names = authors.slice(0, MAX_AUTHORS).map((author, i) => {
    const href = safeUrl(author.url, base);
    const name = href
      ? html`<a part="author" href=${href} rel="author noopener noreferrer">${author.name}</a>`
      : html`<span part="author">${author.name}</span>`;
    return html`${i ? ', ' : ''}${name}`;
  });
  const more = authors.length > MAX_AUTHORS ? ` +${formatNumber(authors.length - MAX_AUTHORS, ui)}` : nothing;
  return html`<p part="meta" class="meta">${
    authors.length ? html`<span class="authors">${names}${more}</span>` : nothing
  }${
    date ? html`<time part="date" datetime=${date}>${formatDate(new Date(date), ui)}</time>` : nothing
  }${
    minutes ? html`<span class="reading-time">${plural(text('readingTime'), minutes, ui)}</span>` : nothing
  }</p>`;
}

function renderText({ article, derived, full }: ArticleView): TemplateResult | typeof nothing {
  const { contentHtml, language: lang, baseUrl: base } = article;
  const { summary, paragraphs } = derived;
  if (!full) return summary ? html`<p part="summary" class="summary" lang=${ifDefined(lang)}>${summary}</p>` : nothing;
  if (!contentHtml && !paragraphs.length) return nothing;
  return html`<div part="body" class="body ${contentHtml ? '' : 'text'}" lang=${ifDefined(lang)}>${
    contentHtml ? sanitizedHtml(contentHtml, 'article', base) : paragraphs.map((p) => html`<p>${p}</p>`)
  }</div>`;
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
    ? html`<ul part="tags" class="tags" aria-label=${text('tags')}>${tags
        .slice(0, MAX_TAGS)
        .map((tag) => html`<li part="tag" class="tag" lang=${ifDefined(lang)}>${tag}</li>`)}</ul>`
    : nothing;
  const readMore =
    !full && url
      ? html`<a part="read-more" class="read-more" href=${url} rel="noopener noreferrer" aria-describedby="title">${text('readMore')}</a>`
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

/** `n` placeholder lines of text, the last one `last` (shorter). */
const bones = (n: number, last = 'short'): TemplateResult[] =>
  Array.from({ length: n }, (_, i) => html`<div class="bone line ${i < n - 1 ? '' : last}"></div>`);

/** The placeholder while loading: the loaded card's boxes, so nothing moves when it arrives. */
export function renderSkeleton(full: boolean, text: Text): TemplateResult {
  const readMore = full ? nothing : html`<div class="read-more">${bones(1, 'tiny')}</div>`;
  return html`<div part="skeleton" class="skeleton"><span class="visually-hidden">${text('loading')}</span><div
      class="bone image-box"
      aria-hidden="true"
    ></div><div class="content" aria-hidden="true"><div class="title">${bones(2)}</div><div class="meta">${bones(1)}</div><div
      class=${full ? 'body' : 'summary'}
    >${bones(full ? 9 : 4)}</div><div class="tags">${bones(3, '')}</div>${readMore}</div></div>`;
}
