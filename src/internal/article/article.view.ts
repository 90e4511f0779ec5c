/**
 * What `<news-card>` renders in each state, as functions of what the element hands them.
 * Templates keep their elements next to each other (no white space between tags): white
 * space would become text nodes that change inline layout in the sources but not in the
 * minified build.
 */
import { html, isServer, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { FetchError } from '../fetch-json.js';
import type { Article } from '../formats/article.js';
import type { FormatError } from '../formats/format-error.js';
import { cleanText, countHtmlWords, countWords, shorten } from '../formats/validate.js';
import { fill, formatDate, formatNumber, plural } from '../i18n.js';
import { htmlToText, safeSrcset, safeUrl, sanitizeHtml } from '../sanitize.js';
import { fitTags } from './fit-tags.js';
import type { MoreTags } from './fit-tags.js';
import type { NewsCardMessages } from '../../news-card/news-card.messages.js';

/** Why a card shows an error: the request failed, or its answer holds no article. */
export type Failure = FetchError | FormatError;

/** A UI string of the card (attribute, `messages` property, or the language's table). */
export type Text = <K extends keyof NewsCardMessages>(key: K) => NewsCardMessages[K];

// What a card shows at most: a valid feed under the size limit can carry 100,000 tags,
// and rendering all of them would freeze the host page for seconds.
const MAX_TAGS = 12;
const MAX_AUTHORS = 5;

/** The message key of each error kind (`http` and `network` depend on more). */
const ERROR_KEYS = { 'not-json': 'errorNotJson', 'not-xml': 'errorNotXml', invalid: 'errorInvalid', 'too-large': 'errorTooLarge', timeout: 'errorTimeout' } as const;

/** Text derived from an article once: the summary shown, the paragraphs of a text body, the reading time. */
export interface ArticleText {
  readonly summary: string;
  readonly paragraphs: readonly string[];
  readonly minutes: number;
}

/** The summary a card shows: the given one (WordPress's "[…]" made "…"), else the start of the body. */
function summaryOf(given: string, { contentHtml, contentText }: Article): string {
  // WordPress ends excerpts with "[…]"; the card's own link already says there is more.
  return given ? given.replace(/\s*\[(…|\.\.\.)\]$/u, '…') : shorten(contentHtml ? htmlToText(contentHtml) : cleanText(contentText ?? ''), 320);
}

/**
 * The texts a card shows, derived once per article (and once per answer for all the cards
 * that share it). The body's words are counted over its HTML, without parsing it: the
 * sanitiser parses it anyway when a `full` card shows it, and a `card` never does.
 */
export function articleText(article: Article, compact = false): ArticleText {
  const { contentHtml, contentText } = article;
  const given = article.summaryText ? cleanText(article.summaryText) : htmlToText(article.summaryHtml);
  // A compact card shows neither the reading time nor a text body: nothing to count or split.
  if (compact) return Object.freeze({ summary: summaryOf(given, article), paragraphs: [], minutes: 0 });
  const words = contentHtml ? countHtmlWords(contentHtml) : countWords(contentText ?? '');
  return Object.freeze({
    summary: summaryOf(given, article),
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
  /**
   * A compact card (`<news-feed>`'s items): the headline is the link to the article, and
   * there are no tags, reading time or "Read more".
   */
  compact?: boolean;
  /** The headline's id, which the `<article>` is labelled by (unique in its shadow root); `title` by default. */
  titleId?: string;
  /** The image URL that failed to load: the card is shown without it. */
  brokenImage?: string;
  onImageError: (event: Event) => void;
  /** The `full` body, sanitised: the element keeps it, so a re-render never sanitises again. */
  body(): Node | undefined;
}

/** An element with attributes and text content (never HTML). */
function el(tag: string, content: string, attrs: Record<string, string | undefined> = {}): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined) node.setAttribute(name, value);
  node.textContent = content;
  return node;
}

/** The meta line's items: authors (one item; a lone author is the item itself), date, reading time. */
function metaNodes({ article, derived, ui, text, compact }: ArticleView): Node[] {
  const { authors, datePublished: date, baseUrl: base } = article;
  const items: Node[] = [];
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
  if (derived.minutes && !compact) items.push(el('span', plural(text('readingTime'), derived.minutes, ui), { class: 'reading-time' }));
  return items;
}

/**
 * The `full` body: the sanitised HTML, or the paragraphs of a text body. The element calls
 * it once per article and keeps the node (see ArticleView.body).
 */
export function bodyNode(article: Article, derived: ArticleText): Node | undefined {
  const { contentHtml, language: lang, baseUrl: base } = article;
  if (!contentHtml && !derived.paragraphs.length) return undefined;
  // The class as the template wrote it before (the hostile-input suites' recorded renders compare it).
  const body = el('div', '', { part: 'body', class: `body ${contentHtml ? '' : 'text'}`, lang });
  if (contentHtml) body.append(sanitizeHtml(contentHtml, 'article', base));
  else body.append(...derived.paragraphs.map((p) => el('p', p)));
  return body;
}

/** The image, when the article has a safe one that did not fail to load. */
function imageNode({ article, brokenImage, onImageError }: ArticleView): HTMLImageElement | undefined {
  const { baseUrl: base, image } = article;
  const src = image && safeUrl(image.src, base);
  if (!src || src.startsWith('mailto:') || src === brokenImage) return undefined;
  const srcset = safeSrcset(image!.srcset, base);
  const img = el('img', '', {
    part: 'image',
    class: 'image-box',
    // The image is as wide as the card; `auto` lets a lazy image use its laid-out width.
    sizes: srcset && 'auto, (max-width: 45rem) 100vw, 45rem',
    srcset,
    width: image!.width?.toString(),
    height: image!.height?.toString(),
    alt: image!.alt,
    loading: 'lazy',
    decoding: 'async',
    referrerpolicy: 'no-referrer',
    // Last: the other attributes apply to the first request.
    src,
  }) as HTMLImageElement;
  img.addEventListener('error', onImageError);
  return img;
}

/** The nodes an ArticleBox changes in place when only the language or a wording changed. */
interface Wording {
  meta?: HTMLElement;
  tags?: HTMLElement;
  /** The "+N" after the tags, and how many tags past the cap were not rendered. */
  more?: { item: HTMLElement; dropped: number };
  readMore?: HTMLElement;
}

/**
 * What follows the image: headline, meta line, summary or body, tags, "Read more". Built
 * as nodes, not as templates: a card shows hundreds of times on a page and every template
 * part costs a marker node (Lit's markers were 43 of a loaded card's 74 nodes, issue 14).
 * Texts are `textContent` and every URL passes safeUrl; only the body is HTML, sanitised.
 * The language-dependent texts are left to ArticleBox (see `wording`).
 */
function contentNodes(view: ArticleView, wording: Wording): Node[] {
  const { article, derived, full, headingLevel, compact, titleId = 'title' } = view;
  const { baseUrl: base, tags, language: lang } = article;
  const level = Math.trunc(headingLevel);
  const url = !full && safeUrl(article.url, base);
  const title = el(`h${level >= 1 && level <= 6 ? level : 2}`, compact && url ? '' : article.title, { id: titleId, part: 'title', class: 'title', lang });
  if (compact && url) title.append(el('a', article.title, { part: 'title-link', href: url, rel: 'noopener noreferrer' }));
  const nodes: Node[] = [title];
  if (article.authors.length || article.datePublished || (derived.minutes && !compact)) nodes.push((wording.meta = el('p', '', { part: 'meta', class: 'meta' })));
  const body = full ? view.body() : derived.summary ? el('p', derived.summary, { part: 'summary', class: 'summary', lang }) : undefined;
  if (body) nodes.push(body);
  if (tags.length && !compact) {
    const list = (wording.tags = el('ul', '', { part: 'tags', class: 'tags' }));
    list.append(...tags.slice(0, MAX_TAGS).map((tag) => el('li', tag, { part: 'tag', class: 'tag', lang })));
    // "+N": the tags a `card` has no room for on its one row, and those past the cap.
    const dropped = Math.max(0, tags.length - MAX_TAGS);
    if (!full || dropped) {
      const item = el('li', '', { part: 'more-tags', class: 'tag more' });
      item.append(el('span', '', { 'aria-hidden': 'true' }), el('span', '', { class: 'visually-hidden' }));
      item.hidden = true;
      list.append(item);
      wording.more = { item, dropped };
    }
    nodes.push(list);
  }
  if (url && !compact) nodes.push((wording.readMore = el('a', '', { part: 'read-more', class: 'read-more', href: url, rel: 'noopener noreferrer', 'aria-describedby': titleId })));
  return nodes;
}

const changed = (last: unknown[] | undefined, next: unknown[]) => !last || next.some((value, i) => value !== last[i]);

/**
 * The loaded article as one `<article>` element the card keeps and hands to Lit as a node
 * (no template instance, no marker). It is built again only when what it shows changed (the
 * article, the variant, the heading level, a failed image); a change of language or of a
 * wording only rewrites the meta line and two texts.
 */
export class ArticleBox {
  readonly element: HTMLElement;
  private shown?: unknown[];
  private worded?: unknown[];
  private wording: Wording = {};
  /** Refits the `card`'s tag row when its width changes. */
  private resize?: ResizeObserver;

  /** `adopted`: a server render's `<article>` of the first view shown (internal/adopt.ts), kept as it is. */
  constructor(private adopted?: HTMLElement) {
    this.element = adopted ?? el('article', '', { 'aria-labelledby': 'title' });
  }

  show(view: ArticleView): HTMLElement {
    const { text, ui } = view;
    const shown = [view.article, view.derived, view.full, view.headingLevel, view.brokenImage, view.body(), view.compact, view.titleId];
    if (this.adopted) {
      this.adopted = undefined;
      this.shown = shown;
      const find = (name: string) => this.element.querySelector<HTMLElement>(`:scope > .content > .${name}`) ?? undefined;
      const tags = find('tags');
      const item = tags?.querySelector<HTMLElement>(':scope > .more') ?? undefined;
      // The server could not fit the tag row (no layout there): the browser fits it now.
      this.wording = { meta: find('meta'), tags, readMore: find('read-more'), more: item && { item, dropped: Math.max(0, view.article.tags.length - MAX_TAGS) } };
      this.element.querySelector(':scope > img')?.addEventListener('error', view.onImageError);
    }
    if (changed(this.shown, shown)) {
      this.shown = shown;
      this.element.setAttribute('aria-labelledby', view.titleId ?? 'title');
      this.worded = undefined;
      this.wording = {};
      this.resize?.disconnect();
      this.resize = undefined;
      const img = imageNode(view);
      const box = el('div', '', { class: 'content' });
      box.append(...contentNodes(view, this.wording));
      this.element.replaceChildren(...(img ? [img, box] : [box]));
    }
    const worded = [ui, text('tags'), text('readMore'), text('readingTime'), text('moreTags')];
    if (changed(this.worded, worded)) {
      this.worded = worded;
      const { meta, tags, more, readMore } = this.wording;
      meta?.replaceChildren(...metaNodes(view));
      tags?.setAttribute('aria-label', text('tags'));
      if (readMore) readMore.textContent = text('readMore');
      if (tags && more) this.fitTags(tags, { ...more, say: (n) => ({ visible: `+${formatNumber(n, ui)}`, spoken: plural(text('moreTags'), n, ui) }) }, view.full);
    }
    return this.element;
  }

  /**
   * `full`: every tag wraps, "+N" counts only those past the cap. `card`: one row, fitted
   * now (when the card is laid out) and whenever its width changes.
   */
  private fitTags(list: HTMLElement, more: MoreTags, full: boolean): void {
    this.resize?.disconnect();
    fitTags(list, more, !full);
    // A server has no layout to fit: the browser fits the row when it adopts the card.
    if (full || isServer) return;
    this.resize = new ResizeObserver(() => fitTags(list, more, true));
    // The border box: the room made for "+N" (padding) does not change it, so no loop.
    this.resize.observe(list, { box: 'border-box' });
  }

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
 * `shimmer` sweeps over the whole card (a transform, which the compositor runs), shown only
 * while the card is in the viewport (`moving`) and the reader allows motion (CSS).
 */
export function renderSkeleton(full: boolean, text: Text, moving: boolean, compact = false): TemplateResult {
  return html`<div part="skeleton" class="skeleton"><span class="visually-hidden" .textContent=${text('loading')}></span><div
      class="bone image-box"
      aria-hidden="true"
    ></div><div class="content" aria-hidden="true"><div class="bone lines title"></div><div class="bone lines meta"></div><div
      class="bone lines ${full ? 'body' : 'summary'}"
    ></div>${compact ? nothing : html`<div class="bone pills tags"></div>`}${full || compact ? nothing : html`<div class="bone lines read-more"></div>`}</div><div
      class="shimmer ${moving ? 'moving' : ''}"
      aria-hidden="true"
    ></div></div>`;
}
