// `lapa-widgets/comment-count` alone: the class, its properties and its events.
import { CommentCountElement } from 'lapa-widgets/comment-count';

const count = new CommentCountElement();
count.api = 'wordpress';
count.addEventListener('comment-count-load', (event) => console.log(event.count, event.open));
count.addEventListener('comment-count-error', (event) => console.log(event.kind, event.status));
