// `lapa-widgets/define` alone: the tags, their element types and their events.
import 'lapa-widgets/define';

const card = document.createElement('news-card');
card.variant = 'full';
card.addEventListener('news-card-load', (event) => console.log(event.article.title));
card.addEventListener('news-card-error', (event) => console.log(event.kind, event.status));
const box = document.createElement('comment-box');
box.addEventListener('comment-box-posted', (event) => console.log(event.comment.id, event.status));
box.addEventListener('comment-box-load', (event) => console.log(event.total));
const top = document.createElement('scroll-to-top');
top.threshold = 200;
