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

/**
 * The one way the `theme` attribute reaches the styles, in every element: it sets the
 * `color-scheme` of `part="base"`, which every `light-dark()` below it follows. Without
 * it the page's own `color-scheme` is inherited (a light page gets light widgets).
 */
export const themeScheme = css`
  :host([theme='light']) [part~='base'] {
    color-scheme: light;
  }
  :host([theme='dark']) [part~='base'] {
    color-scheme: dark;
  }
`;
