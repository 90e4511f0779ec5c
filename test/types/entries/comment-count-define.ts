// `lapa-widgets/comment-count/define` alone: the tag, its element type, its events.
import 'lapa-widgets/comment-count/define';

const count = document.createElement('comment-count');
count.href = '#comments';
count.addEventListener('comment-count-load', (event) => console.log(event.count));
document.querySelector('comment-count')?.addEventListener('comment-count-error', (event) => console.log(event.kind));
