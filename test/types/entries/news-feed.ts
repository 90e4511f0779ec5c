// `lapa-widgets/news-feed` alone: the class, its properties and its events.
import { NewsFeedElement } from 'lapa-widgets/news-feed';

const feed = new NewsFeedElement();
feed.limit = 10;
feed.layout = 'grid';
feed.addEventListener('news-feed-load', (event) => console.log(event.articles.length, event.hasMore));
feed.addEventListener('news-feed-error', (event) => console.log(event.kind, event.status));
