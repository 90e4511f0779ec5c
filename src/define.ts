/**
 * Registers every element. This is the script-tag bundle's entry: besides registering,
 * it exposes the classes as `window.LapaWidgets` so a page can register a tag under
 * another name (`LapaWidgets.NewsCardElement.define('agency-news-card')`).
 */
import './news-card/define.js';
import './comment-box/define.js';
import './scroll-to-top/define.js';
import './comment-count/define.js';
import { NewsCardElement } from './news-card/news-card.js';
import { CommentBoxElement } from './comment-box/comment-box.js';
import { ScrollToTopElement } from './scroll-to-top/scroll-to-top.js';
import { CommentCountElement } from './comment-count/comment-count.js';

export { NewsCardElement, CommentBoxElement, ScrollToTopElement };
export { CommentCountElement };
