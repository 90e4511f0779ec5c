import { css } from 'lit';
import { themeScheme } from '../internal/base.styles.js';

// - :host has no box, so that in a scroll container the sticky base is laid out by the
//   container itself rather than trapped in a host box.
// - Bottom is physical and the inline end logical (right in LTR, left in RTL), with the
//   writing mode pinned so a vertical page does not turn the corner.
// - .fixed: the viewport's corner, clear of notches and home indicators. .contained: a
//   zero-height strip stuck to the container's bottom edge, so the button rides in the
//   container's corner and takes no room.
// - Hidden is `visibility: hidden` (plus `inert` on the element): neither focusable nor
//   exposed, also while it fades out.
// - The border is transparent until forced colours draw it.
// - The button, not the base, slides in: a translated sticky base would stretch the
//   container's scrollable area.
// - The ring: the script fallback writes --_progress (0..1); a scroll timeline overrides it.
export default [
  themeScheme,
  css`
    :host {
      display: contents !important;
    }
    :host([hidden]) {
      display: none !important;
    }
    .base {
      --_size: max(44px, var(--scroll-to-top-size, 3rem));
      --_block: var(--scroll-to-top-offset-block, 1rem);
      --_inline: var(--scroll-to-top-offset-inline, 1rem);
      /* The button follows the page's accent colour (--lapa-accent-color) unless given its
         own; its hover shade is mixed from whichever background it has. */
      --_bg: var(--scroll-to-top-background, var(--lapa-accent-color, light-dark(#1f2937, #e5e7eb)));
      --_hover: color-mix(in oklab, var(--_bg) 82%, light-dark(#fff, #000));
      writing-mode: horizontal-tb;
      z-index: var(--scroll-to-top-z-index, 100);
      visibility: hidden;
      opacity: 0;
      transition: opacity .2s, visibility 0s .2s;
    }
    .shown {
      visibility: visible;
      opacity: 1;
      transition-delay: 0s;
    }
    .fixed {
      position: fixed;
      bottom: calc(var(--_block) + env(safe-area-inset-bottom, 0px));
      inset-inline-end: calc(var(--_inline) + env(safe-area-inset-right, 0px));
    }
    :host(:dir(rtl)) .fixed {
      inset-inline-end: calc(var(--_inline) + env(safe-area-inset-left, 0px));
    }
    .contained {
      position: sticky;
      bottom: 0;
      display: block;
      height: 0;
    }
    .button {
      position: relative;
      box-sizing: border-box;
      display: grid;
      place-items: center;
      width: var(--_size);
      height: var(--_size);
      margin: 0;
      padding: 0;
      border: 2px solid transparent;
      border-radius: var(--scroll-to-top-border-radius, 50%);
      background: var(--_bg);
      color: var(--scroll-to-top-color, var(--lapa-accent-contrast-color, light-dark(#fff, #111827)));
      box-shadow: var(--scroll-to-top-shadow, 0 2px 6px rgb(0 0 0 / .3));
      font: inherit;
      cursor: pointer;
      touch-action: manipulation;
      translate: 0 .5rem;
      transition: translate .2s;
    }
    .shown .button {
      translate: 0;
    }
    .contained .button {
      position: absolute;
      bottom: var(--_block);
      inset-inline-end: var(--_inline);
    }
    .button:hover {
      background: var(--scroll-to-top-hover-background, var(--_hover));
    }
    .button:focus-visible {
      outline: 3px solid var(--scroll-to-top-focus-ring-color, var(--lapa-accent-color, light-dark(#1d4ed8, #93c5fd)));
      outline-offset: 3px;
    }
    .icon, ::slotted(*) {
      width: 50%;
      height: 50%;
    }
    .icon {
      fill: none;
      stroke: currentColor;
      stroke-width: 2.25;
      stroke-linecap: round;
      stroke-linejoin: round;
    }
    .progress {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      rotate: -90deg;
      fill: none;
      stroke-width: 3;
    }
    .track {
      stroke: var(--scroll-to-top-progress-track-color, light-dark(#fff4, #0003));
    }
    .indicator {
      stroke: var(--scroll-to-top-progress-color, light-dark(#93c5fd, #1d4ed8));
      stroke-dasharray: 100;
      stroke-dashoffset: calc((1 - var(--_progress, 0)) * 100px);
    }
    .timeline .indicator {
      animation: scroll-to-top-progress linear both;
      animation-timeline: scroll(root);
    }
    .contained .timeline .indicator {
      animation-timeline: scroll(nearest);
    }
    @keyframes scroll-to-top-progress {
      from {
        stroke-dashoffset: 100;
      }
      to {
        stroke-dashoffset: 0;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .base, .button {
        transition: none;
      }
    }
    @media (forced-colors: active) {
      .button {
        border-color: ButtonText;
      }
      .indicator {
        stroke: Highlight;
      }
      .track {
        stroke: transparent;
      }
    }
  `,
];
