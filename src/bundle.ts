/**
 * The script-tag bundle (dist/lapa-widgets.min.js): registers every element and exposes
 * the classes as `window.LapaWidgets`. A second copy on the page keeps the first one's
 * global, just as `define()` keeps the first definitions.
 */
import { NewsCardElement, CommentBoxElement, ScrollToTopElement } from './define.js';
import { CommentCountElement } from './define.js';

const api = Object.freeze({ NewsCardElement, CommentBoxElement, ScrollToTopElement, CommentCountElement });

declare global {
  interface Window {
    LapaWidgets?: typeof api;
  }
}

if (!window.LapaWidgets) {
  Object.defineProperty(window, 'LapaWidgets', { value: api, configurable: true, enumerable: false, writable: false });
}
