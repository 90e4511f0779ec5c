import { css } from 'lit';

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
