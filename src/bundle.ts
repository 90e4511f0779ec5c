/**
 * The all-in-one classic script (dist/lapa-widgets.all.min.js), for partners who self-host
 * exactly one file: registers every element and exposes the classes as `window.LapaWidgets`,
 * with the loader's `load(tag)` (here resolved at once), so a page is written the same way for
 * either file. A second copy, or one after the loader, keeps the first one's global, just as
 * `define()` keeps the first definitions.
 */
import { NewsCardElement, CommentBoxElement, ScrollToTopElement } from './define.js';
import { CommentCountElement, NewsFeedElement } from './define.js';
import type { LapaWidgetsApi, LapaWidgetsClasses } from './loader/api.js';

const classes: LapaWidgetsClasses = {
  'news-card': NewsCardElement,
  'comment-box': CommentBoxElement,
  'scroll-to-top': ScrollToTopElement,
  'comment-count': CommentCountElement,
  'news-feed': NewsFeedElement,
};

const api: LapaWidgetsApi = Object.freeze({
  NewsCardElement,
  CommentBoxElement,
  ScrollToTopElement,
  CommentCountElement,
  NewsFeedElement,
  load: <T extends keyof LapaWidgetsClasses>(tag: T) =>
    Object.hasOwn(classes, tag) ? Promise.resolve(classes[tag]) : Promise.reject(new TypeError(`lapa-widgets has no element <${tag}>`)),
});

if (!window.LapaWidgets) {
  Object.defineProperty(window, 'LapaWidgets', { value: api, configurable: true, enumerable: false, writable: false });
}
