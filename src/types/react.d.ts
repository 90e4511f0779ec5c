/**
 * JSX typings for React 19 and later, which renders custom elements natively: a prop the
 * element has as a property is set as that property (`article`, `headingLevel`,
 * `progress`), any other prop becomes an attribute (`heading-level`, `page-size`), and
 * `on` + an event name adds a listener (`onnews-card-load`).
 *
 * Bring them in once, anywhere in a project that has `@types/react`:
 *
 *     import type {} from 'lapa-widgets/react';
 *
 * A tag registered under another name reuses the props types:
 *
 *     declare module 'react' {
 *       namespace JSX {
 *         interface IntrinsicElements {
 *           'agency-news-card': import('lapa-widgets/react').NewsCardProps;
 *         }
 *       }
 *     }
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { LitElement } from 'lit';
import type { CommentBoxElement } from '../comment-box/comment-box.js';
import type { NewsCardElement } from '../news-card/news-card.js';
import type { ScrollToTopElement } from '../scroll-to-top/scroll-to-top.js';
import type { CommentCountElement } from '../comment-count/comment-count.js';
import type {
  CommentBoxErrorEvent,
  CommentBoxLoadEvent,
  CommentBoxPostedEvent,
  CommentBoxSubmitEvent,
  CommentCountErrorEvent,
  CommentCountLoadEvent,
  NewsCardEmptyEvent,
  NewsCardErrorEvent,
  NewsCardLoadEvent,
} from '../internal/events.js';

/** The element's own public, settable properties (not methods, not Lit's or HTMLElement's). */
type Properties<E> = {
  [K in keyof E as K extends keyof LitElement ? never : E[K] extends (...args: never[]) => unknown ? never : K]?: E[K];
};

/** `on<event-name>` listener props, typed with the event classes. */
type Listeners<M> = { [K in keyof M as `on${K & string}`]?: (event: M[K]) => void };

/** Any user-visible string can be overridden by a `<key>-label` attribute. */
type LabelAttributes = { [attribute: `${string}-label`]: string | undefined };

type Attribute = string | number | undefined;

/** Props of a widget: React's HTML props, the element's properties, its attributes and events. */
export type WidgetProps<E extends HTMLElement, A, M> = DetailedHTMLProps<HTMLAttributes<E>, E> & Properties<E> & A & LabelAttributes & Listeners<M>;

export type NewsCardProps = WidgetProps<
  NewsCardElement,
  { 'item-id'?: Attribute; 'max-bytes'?: Attribute; 'heading-level'?: Attribute },
  { 'news-card-load': NewsCardLoadEvent; 'news-card-empty': NewsCardEmptyEvent; 'news-card-error': NewsCardErrorEvent }
>;

export type CommentBoxProps = WidgetProps<
  CommentBoxElement,
  { 'page-size'?: Attribute; 'max-depth'?: Attribute; maxlength?: Attribute },
  {
    'comment-box-load': CommentBoxLoadEvent;
    'comment-box-error': CommentBoxErrorEvent;
    'comment-box-submit': CommentBoxSubmitEvent;
    'comment-box-posted': CommentBoxPostedEvent;
  }
>;

export type ScrollToTopProps = WidgetProps<ScrollToTopElement, { 'scroll-container'?: Attribute }, Record<never, never>>;

export type CommentCountProps = WidgetProps<
  CommentCountElement,
  { 'none-label'?: Attribute },
  { 'comment-count-load': CommentCountLoadEvent; 'comment-count-error': CommentCountErrorEvent }
>;

export interface LapaWidgetsIntrinsicElements {
  'news-card': NewsCardProps;
  'comment-box': CommentBoxProps;
  'scroll-to-top': ScrollToTopProps;
  'comment-count': CommentCountProps;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'news-card': NewsCardProps;
      'comment-box': CommentBoxProps;
      'scroll-to-top': ScrollToTopProps;
      'comment-count': CommentCountProps;
    }
  }
}
