// `lapa-widgets/news-card` alone: the class, its events typed.
import { NewsCardElement } from 'lapa-widgets/news-card';

const card = new NewsCardElement();
card.variant = 'card';
card.addEventListener('news-card-load', (event) => console.log(event.article.title));
card.addEventListener('news-card-error', (event) => console.log(event.kind, event.status));
