/**
 * What `<news-feed>` renders: a list of `<news-card>`'s compact cards (one ArticleBox per
 * item, the same skeleton and error rendering), a heading, and "load more". Templates keep
 * their elements next to each other (no white space between tags), as news-card's do.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { Article } from '../internal/formats/article.js';
import { fill, plural } from '../internal/i18n.js';
import { ArticleBox, renderError, renderSkeleton } from '../internal/article/article.view.js';
import type { ArticleText, Failure, Text } from '../internal/article/article.view.js';
import type { NewsFeedMessages } from './news-feed.messages.js';

/** One item of the list: its article, its texts, its kept element, the image that failed. */
export interface FeedItem {
  readonly article: Article;
  readonly text: ArticleText;
  readonly box: ArticleBox;
  brokenImage?: string;
  readonly onImageError: (event: Event) => void;
}

/** A UI string of the feed. */
export type FeedText = <K extends keyof NewsFeedMessages>(key: K) => NewsFeedMessages[K];

/** The feed's strings as news-card's render functions ask for them (their error keys are the same). */
export const cardText = (text: FeedText): Text => text as unknown as Text;

/** The heading's level (1-6, 2 for anything else) and the items' headline level, one below it when there is a heading. */
export function levels(headingLevel: number, heading: boolean): [heading: number, items: number] {
  const level = Math.trunc(headingLevel);
  const own = level >= 1 && level <= 6 ? level : 2;
  return [own, heading ? Math.min(own + 1, 6) : own];
}

/** The visible heading, when there is one. */
export function renderHeading(heading: string | undefined, level: number): TemplateResult | typeof nothing {
  if (!heading) return nothing;
  // One template per level: a tag name cannot be a binding.
  const h = [
    html`<h1 id="heading" part="heading" class="heading">${heading}</h1>`,
    html`<h2 id="heading" part="heading" class="heading">${heading}</h2>`,
    html`<h3 id="heading" part="heading" class="heading">${heading}</h3>`,
    html`<h4 id="heading" part="heading" class="heading">${heading}</h4>`,
    html`<h5 id="heading" part="heading" class="heading">${heading}</h5>`,
    html`<h6 id="heading" part="heading" class="heading">${heading}</h6>`,
  ];
  return h[level - 1]!;
}

export interface ListView {
  /** The id of the visible heading, when there is one. */
  labelledBy?: string;
  label: string;
  ui: string;
  level: number;
  text: FeedText;
}

/**
 * The list itself, a real `<ul>` labelled by the heading or by `label`, kept by the element
 * and handed to Lit as a node, as ArticleBox is: its `<li>`s are appended as "load more"
 * adds items (no template instance or marker per item), and each holds its item's
 * ArticleBox, which rebuilds only what changed.
 */
export class FeedList {
  readonly element: HTMLUListElement;
  private shown: FeedItem[] = [];

  /** `adopted`: a server render's list (internal/adopt.ts), kept as it is while its items hold the items' boxes. */
  constructor(private adopted?: HTMLUListElement) {
    this.element = adopted ?? document.createElement('ul');
    this.element.setAttribute('part', 'list');
    this.element.className = 'items';
  }

  show(items: readonly FeedItem[], { labelledBy, label, ui, level, text }: ListView): HTMLUListElement {
    const list = this.element;
    if (labelledBy) {
      list.setAttribute('aria-labelledby', labelledBy);
      list.removeAttribute('aria-label');
    } else {
      list.setAttribute('aria-label', label);
      list.removeAttribute('aria-labelledby');
    }
    const card = cardText(text);
    const boxes = items.map((item, i) =>
      item.box.show({
        article: item.article,
        derived: item.text,
        full: false,
        compact: true,
        titleId: `title-${i}`,
        ui,
        headingLevel: level,
        text: card,
        brokenImage: item.brokenImage,
        onImageError: item.onImageError,
        body: () => undefined,
      }),
    );
    // Items only ever grow at the end; anything else (a new first page) starts afresh. A
    // server's list stays whole when its items hold the (adopted) boxes, in order.
    const server = [...list.children];
    const kept = this.adopted
      ? server.length <= boxes.length && server.every((li, i) => li.firstElementChild === boxes[i]) ? server.length : 0
      : this.shown.length <= items.length && this.shown.every((item, i) => items[i] === item) ? this.shown.length : 0;
    this.adopted = undefined;
    if (!kept) list.replaceChildren();
    for (const box of boxes.slice(kept)) {
      const li = document.createElement('li');
      li.setAttribute('part', 'item');
      li.className = 'item base card';
      li.append(box);
      list.append(li);
    }
    this.shown = [...items];
    return list;
  }
}

/**
 * `count` compact skeletons (read out once, as one "loading" message), and the place of
 * "load more": the list reserves the button's row before it knows whether there is more.
 */
export function renderSkeletons(count: number, text: FeedText, moving: boolean): TemplateResult {
  const silent = cardText(() => '' as never);
  return html`<p class="visually-hidden">${text('loading')}</p><div part="skeleton" class="items" aria-hidden="true">${Array.from(
    { length: count },
    () => html`<div class="item base card">${renderSkeleton(false, silent, moving, true)}</div>`,
  )}</div><div class="more" aria-hidden="true"><div class="bone more-bone"></div></div>`;
}

/** The whole list's error (the first page failed), with Retry unless the articles came from code. */
export const renderFeedError = (failure: Failure, text: FeedText, onRetry?: () => void): TemplateResult =>
  html`<div class="base card state">${renderError(failure, cardText(text), onRetry)}</div>`;

/** The empty state. */
export const renderEmpty = (text: FeedText): TemplateResult => html`<p part="empty" class="message state">${text('empty')}</p>`;

/** Where "load more" is: the button, and the inline error of a failed load more above it. */
export interface MoreView {
  /** Whether a load more is under way. */
  pending: boolean;
  failure?: Failure;
  /** Articles the last load more added (read out). */
  added: number;
  ui: string;
  text: FeedText;
  onClick: () => void;
}

/** The message of a failure, as renderError words it (without its Retry). */
function failureMessage({ kind, status = 0 }: Failure, text: FeedText): string {
  if (kind === 'http') return status === 404 || status === 410 ? text('errorNotFound') : status >= 500 ? text('errorServer') : fill(text('errorHttp'), { status });
  if (kind === 'network') return text(navigator.onLine === false ? 'errorOffline' : 'errorNetwork');
  const keys = { 'not-json': 'errorNotJson', 'not-xml': 'errorNotXml', invalid: 'errorInvalid', 'too-large': 'errorTooLarge', timeout: 'errorTimeout' } as const;
  return text(keys[kind as keyof typeof keys] ?? 'errorInvalid');
}

/**
 * "Load more", or its error and Retry. One button in one place whatever the state, so
 * the focus a reader left on it stays there (disabled buttons lose focus: a pending one is
 * `aria-disabled` instead).
 */
export function renderMore(view: MoreView | undefined): TemplateResult {
  const status = view && !view.pending && !view.failure && view.added ? plural(view.text('added'), view.added, view.ui) : '';
  const live = html`<p class="visually-hidden" role="status">${status}</p>`;
  if (!view) return live;
  const { pending, failure, text, onClick } = view;
  return html`${live}<div class="more">${failure
      ? html`<p part="load-more-error" class="more-error" role="alert">${failureMessage(failure, text)}</p>`
      : nothing}<button part="load-more" class="load-more" type="button" aria-disabled=${pending ? 'true' : 'false'} @click=${onClick}>${pending
      ? text('loadingMore')
      : failure
        ? text('retry')
        : text('loadMore')}</button></div>`;
}
