import { css } from 'lit';

/**
 * The host rules every block element shares: only `display`, important so that a page
 * rule like `* { all: unset }` cannot undo it (for important declarations the shadow
 * tree wins).
 */
export const hostBlock = css`
  :host {
    display: block !important;
  }
  :host([hidden]) {
    display: none !important;
  }
`;

/**
 * Declarations for an element's `part="base"`: a legacy page's inherited text layout
 * (centred, indented, uppercase, tracked, nowrap) stops here; its font and colour are
 * inherited on purpose.
 */
export const textReset = css`
  text-align: start;
  text-indent: 0;
  text-transform: none;
  letter-spacing: normal;
  word-spacing: normal;
  white-space: normal;
  overflow-wrap: anywhere;
`;

// In a module of its own, so that an element that needs only it (comment-count) does not
// load the rest: a css`` is a call, which bundlers keep whether it is used or not.
export { themeScheme } from './theme.styles.js';
