// `lapa-widgets/news-feed/define` alone: the tag, its element type, its events.
import 'lapa-widgets/news-feed/define';

const feed = document.createElement('news-feed');
feed.src = '/feed.json';
feed.addEventListener('news-feed-load', (event) => console.log(event.articles[0]?.title));
document.querySelector('news-feed')?.addEventListener('news-feed-error', (event) => console.log(event.kind));
