import { CommentCountElement } from './comment-count.js';

CommentCountElement.define();

declare global {
  interface HTMLElementTagNameMap {
    'comment-count': CommentCountElement;
  }
}
