// `lapa-widgets` alone: the classes, and the events typed on them.
import { CommentBoxElement, NewsCardElement, ScrollToTopElement } from 'lapa-widgets';
import type { Article, CommentBoxPostedEvent } from 'lapa-widgets';

const card = new NewsCardElement();
card.addEventListener('news-card-load', (event) => {
  const article: Article = event.article;
  console.log(article.title);
});
card.addEventListener('news-card-error', (event) => console.log(event.kind, event.status));
const box = new CommentBoxElement();
box.addEventListener('comment-box-posted', (event) => {
  const posted: CommentBoxPostedEvent = event;
  console.log(posted.comment.id, event.status);
});
box.addEventListener('comment-box-load', (event) => console.log(event.total, event.comments.length));
box.addEventListener('comment-box-submit', (event) => console.log(event.draft.text));
box.addEventListener('comment-box-error', (event) => console.log(event.kind, event.code));
const top = new ScrollToTopElement();
top.threshold = 200;
