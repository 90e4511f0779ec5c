// `lapa-widgets/comment-box` alone: the class, its events typed.
import { CommentBoxElement } from 'lapa-widgets/comment-box';

const box = new CommentBoxElement();
box.addEventListener('comment-box-load', (event) => console.log(event.total, event.comments.length));
box.addEventListener('comment-box-error', (event) => console.log(event.kind, event.status, event.code));
box.addEventListener('comment-box-submit', (event) => console.log(event.draft.text));
box.addEventListener('comment-box-posted', (event) => console.log(event.comment.id, event.status));
