/**
 * `window.LapaWidgets`, the same shape from the loader (dist/lapa-widgets.min.js) and from
 * the all-in-one file (dist/lapa-widgets.all.min.js). `load(tag)` resolves with the class once
 * its code has run (at once with the all-in-one file): the way to use an element inside a
 * shadow root the loader's document observer cannot see, or to register it under another tag.
 * The class properties are there once their element is loaded (undefined before, with the
 * loader).
 */
import type { NewsCardElement } from '../news-card/news-card.js';
import type { CommentBoxElement } from '../comment-box/comment-box.js';
import type { ScrollToTopElement } from '../scroll-to-top/scroll-to-top.js';
import type { CommentCountElement } from '../comment-count/comment-count.js';
import type { NewsFeedElement } from '../news-feed/news-feed.js';

export interface LapaWidgetsClasses {
  'news-card': typeof NewsCardElement;
  'comment-box': typeof CommentBoxElement;
  'scroll-to-top': typeof ScrollToTopElement;
  'comment-count': typeof CommentCountElement;
  'news-feed': typeof NewsFeedElement;
}

export interface LapaWidgetsApi {
  readonly NewsCardElement?: typeof NewsCardElement;
  readonly CommentBoxElement?: typeof CommentBoxElement;
  readonly ScrollToTopElement?: typeof ScrollToTopElement;
  readonly CommentCountElement?: typeof CommentCountElement;
  readonly NewsFeedElement?: typeof NewsFeedElement;
  /** Loads an element's code (once per page), registers its tag, and resolves with its class; rejects when it cannot load. */
  load<T extends keyof LapaWidgetsClasses>(tag: T): Promise<LapaWidgetsClasses[T]>;
}

declare global {
  interface Window {
    LapaWidgets?: LapaWidgetsApi;
  }
}
