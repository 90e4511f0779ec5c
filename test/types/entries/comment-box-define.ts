// `lapa-widgets/comment-box/define` alone: the tag, its element type, its events.
import 'lapa-widgets/comment-box/define';

const box = document.createElement('comment-box');
box.addEventListener('comment-box-load', (event) => console.log(event.total, event.comments.length));
box.addEventListener('comment-box-error', (event) => console.log(event.kind, event.status, event.code));
box.addEventListener('comment-box-submit', (event) => console.log(event.draft.text));
box.addEventListener('comment-box-posted', (event) => console.log(event.comment.id, event.status));
