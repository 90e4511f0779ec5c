import { CommentBoxElement } from './comment-box.js';

CommentBoxElement.define();

declare global {
  interface HTMLElementTagNameMap {
    'comment-box': CommentBoxElement;
  }
}
