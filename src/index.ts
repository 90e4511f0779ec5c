// The package's public surface, and nothing else: the element classes, their event
// classes, the data and option types a user of them handles, and the comment backends
// (a user may pass their own). Registers nothing; everything under internal/ is private.
export { NewsCardElement } from './news-card/news-card.js';
export type { NewsCardMessages, NewsCardState, NewsCardVariant } from './news-card/news-card.js';
export { CommentBoxElement, CommentError, LapaBackend, WordPressBackend } from './comment-box/comment-box.js';
export type {
  CommentBackend,
  CommentBoxMessages,
  CommentErrorReason,
  CommentField,
  CommentListRequest,
  CommentOrder,
  CommentPage,
  CommentPostRequest,
  CommentPostResult,
} from './comment-box/comment-box.js';
export { ScrollToTopElement } from './scroll-to-top/scroll-to-top.js';
export { CommentCountElement } from './comment-count/comment-count.js';
export type { CommentCount, CommentCountApi, CommentCountMessages, CommentCountState } from './comment-count/comment-count.js';
// events.ts holds only the event classes and their kinds, all public.
export * from './internal/events.js';
export type { CommentData, CommentDraft, CommentStatus } from './internal/data.js';
export type { Article, ArticleAuthor, ArticleImage } from './internal/formats/article.js';
export type { FetchErrorKind } from './internal/fetch-json.js';
export type { Lang, PluralMessage } from './internal/i18n.js';
