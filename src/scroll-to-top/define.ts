import { ScrollToTopElement } from './scroll-to-top.js';

ScrollToTopElement.define();

declare global {
  interface HTMLElementTagNameMap {
    'scroll-to-top': ScrollToTopElement;
  }
}
