// `lapa-widgets/news-card/define` alone: the tag, its element type, its events.
import 'lapa-widgets/news-card/define';

const card = document.createElement('news-card');
card.variant = 'full';
card.addEventListener('news-card-load', (event) => console.log(event.article.title));
card.addEventListener('news-card-error', (event) => console.log(event.kind, event.status));
document.querySelector('news-card')?.addEventListener('news-card-load', (event) => console.log(event.article.url));
