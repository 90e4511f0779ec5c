import { NewsFeedElement } from './news-feed.js';

NewsFeedElement.define();

declare global {
  interface HTMLElementTagNameMap {
    'news-feed': NewsFeedElement;
  }
}
