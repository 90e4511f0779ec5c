export { NewsCardElement } from './news-card/news-card.js';
export { CommentBoxElement } from './comment-box/comment-box.js';
export { ScrollToTopElement } from './scroll-to-top/scroll-to-top.js';
export * from './internal/events.js';
export type { Article, ArticleAuthor, ArticleImage } from './internal/formats/article.js';
export type { FetchErrorKind } from './internal/fetch-json.js';
export type { Lang, PluralMessage } from './internal/i18n.js';
export { CommentError, LapaBackend, WordPressBackend } from './comment-box/comment-box.js';
export type {
  CommentBackend,
  CommentPage,
  CommentListRequest,
  CommentPostRequest,
  CommentPostResult,
  CommentField,
  CommentOrder,
  CommentBoxMessages,
  CommentErrorReason,
} from './comment-box/comment-box.js';
