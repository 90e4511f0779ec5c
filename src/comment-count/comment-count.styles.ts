import { css } from 'lit';
import { themeScheme } from '../internal/theme.styles.js';

// - :host is inline, so a count sits in a line of text (a teaser's meta line).
// - The base is a one-cell inline grid: hidden sizers (every form the count can take, with
//   a three-digit number) and what is shown (the skeleton, then the count) share the cell,
//   so the cell is as wide as the widest form from the first frame, and the number arriving
//   moves nothing. Its baseline is the first sizer's text, so the skeleton and the count
//   sit on the surrounding text's baseline alike.
// - Font and colour are the page's (inherited) unless a custom property says otherwise: a
//   var() with nothing defined falls back to inheriting for these inherited properties.
export default [
  themeScheme,
  css`
    :host {
      display: inline !important;
    }
    :host([hidden]) {
      display: none !important;
    }
    .base {
      display: inline-grid;
      font-family: var(--comment-count-font-family, var(--lapa-font-family));
      color: var(--comment-count-color, var(--lapa-muted-color, currentColor));
      white-space: nowrap;
      text-indent: 0;
      text-transform: none;
    }
    .base > * {
      grid-area: 1 / 1;
    }
    .sizer {
      visibility: hidden;
    }
    .skeleton {
      align-self: center;
      height: 0.9em;
      border-radius: 0.25em;
      background: var(--comment-count-skeleton-color, var(--lapa-skeleton-color, light-dark(#e6e9ee, #2c323a)));
    }
    .count {
      justify-self: start;
    }
    a {
      color: var(--comment-count-link-color, var(--lapa-accent-color, currentColor));
      text-decoration: underline;
    }
    a:focus-visible {
      outline: 2px solid var(--comment-count-focus-ring-color, var(--lapa-focus-ring-color, currentColor));
      outline-offset: 2px;
    }
    @media (forced-colors: active) {
      .skeleton {
        background: GrayText;
      }
    }
  `,
];
