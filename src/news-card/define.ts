import { NewsCardElement } from './news-card.js';

NewsCardElement.define();

declare global {
  interface HTMLElementTagNameMap {
    'news-card': NewsCardElement;
  }
}
