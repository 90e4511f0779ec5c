import { css } from 'lit';
import { hostBlock, textReset, themeScheme } from '../base.styles.js';

export default [
  hostBlock,
  themeScheme,
  css`
  .base {
    --_muted: var(--news-card-muted-color, var(--lapa-muted-color, light-dark(#535b67, #a9b0bb)));
    --_accent: var(--news-card-accent-color, var(--lapa-accent-color, light-dark(#0b5cad, #8ab4f8)));
    --_border: var(--news-card-border-color, var(--lapa-border-color, light-dark(#d5d9df, #3a414b)));
    --_bone: var(--news-card-skeleton-color, light-dark(#e6e9ee, #2c323a));
    --_pad: var(--news-card-padding, clamp(0.875rem, 4%, 1.5rem));
    container-type: inline-size;
    overflow: hidden;
    background: var(--news-card-background, var(--lapa-background, light-dark(#fff, #1d2127)));
    color: var(--news-card-color, var(--lapa-color, light-dark(#1b1f24, #e8eaed)));
    border: 1px solid var(--_border);
    border-radius: var(--news-card-border-radius, var(--lapa-radius, 0.75rem));
    font-family: var(--news-card-font-family, var(--lapa-font-family, inherit));
    line-height: 1.5;
    ${textReset}
  }
  /* Focused only to keep focus in the card after Retry; the card itself is no control. */
  .base:focus {
    outline: none;
  }

  .content,
  .error {
    display: flex;
    flex-direction: column;
    gap: 0.625rem;
    padding: var(--_pad);
  }
  .image-box {
    display: block;
    box-sizing: border-box;
    inline-size: 100%;
    block-size: auto;
    aspect-ratio: var(--news-card-image-aspect-ratio, 16 / 9);
    object-fit: cover;
    background: var(--_bone);
  }

  .title,
  .meta,
  .summary,
  .tags,
  .message {
    margin: 0;
  }
  .title {
    font-family: var(--news-card-title-font-family, inherit);
    font-size: var(--news-card-title-font-size, clamp(1.125rem, 0.95rem + 2cqi, 1.5rem));
    line-height: 1.25;
    text-wrap: balance;
  }
  .full .title {
    font-size: calc(1.25 * var(--news-card-title-font-size, clamp(1rem, 0.85rem + 2cqi, 1.5rem)));
  }
  .meta,
  .tags {
    display: flex;
    flex-wrap: wrap;
  }
  /* Items are separated by a dot that sits in the gap before each one; the dot of an item
     that starts a line falls outside the box and is clipped, so no line starts with one. */
  .meta {
    --_sep: 1.2em;
    column-gap: var(--_sep);
    overflow: clip;
    overflow-clip-margin: 0.3em;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .meta > * {
    margin-inline-start: calc(-1 * var(--_sep));
  }
  .meta > *::before {
    content: '·' / '';
    display: inline-block;
    inline-size: var(--_sep);
    text-align: center;
  }
  article .summary,
  .card article .title {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: var(--news-card-summary-lines, 4);
    overflow: hidden;
  }
  .card article .title {
    -webkit-line-clamp: 3;
  }

  /* The body is someone else's HTML: it is kept inside the card. */
  .body {
    contain: paint;
  }
  .body > :first-child {
    margin-block-start: 0;
  }
  .body > :last-child {
    margin-block-end: 0;
  }
  .body img {
    max-inline-size: 100%;
    block-size: auto;
  }
  .body figure,
  .body blockquote {
    margin-inline: 0;
  }
  .body figcaption {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .body blockquote {
    padding-inline-start: 1em;
    border-inline-start: 3px solid var(--_accent);
  }
  .body pre,
  .body table {
    display: block;
    max-inline-size: 100%;
    overflow-x: auto;
    border-collapse: collapse;
  }
  .body th,
  .body td {
    border: 1px solid var(--_border);
    padding: 0.25em 0.5em;
    text-align: start;
  }
  .text p {
    white-space: pre-line;
  }

  a {
    color: var(--_accent);
    text-underline-offset: 0.15em;
  }
  .tags {
    gap: 0.375rem;
    padding: 0;
    list-style: none;
  }
  .tag {
    padding: 0.125rem 0.5rem;
    border-radius: 999px;
    background: var(--news-card-tag-background, light-dark(#eef1f5, #2a3038));
    font-size: 0.8125em;
  }
  .read-more {
    align-self: flex-start;
    font-weight: 600;
  }

  .message {
    padding: var(--_pad);
  }
  .error {
    align-items: flex-start;
    gap: 0.75rem;
    border-inline-start: 0.25rem solid var(--news-card-error-color, var(--lapa-error-color, light-dark(#a4262c, #ff9b9b)));
  }
  .error .message {
    padding: 0;
  }
  .retry {
    min-block-size: 2.75rem;
    padding: 0.5rem 1rem;
    border: 1px solid transparent;
    border-radius: 0.5rem;
    background: var(--_accent);
    color: var(--news-card-accent-contrast-color, var(--lapa-accent-contrast-color, light-dark(#fff, #10243d)));
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  a:focus-visible,
  button:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
    border-radius: 2px;
  }

  /* In a row of cards nothing may move when the articles arrive (layout shift 0, see
     BENCHMARKS.md): while loading, a card reserves what a card in a row takes at most: a
     headline of three lines (two for a full article), a meta line of two, one row of tags.
     Once loaded it is as tall as its content (a lone card has no gaps); its headline stops
     at three lines and its tags at one row ("+N" says how many more, fit-tags.ts), so it
     never outgrows that reservation, and the row keeps the height of its tallest card. */
  .skeleton .title {
    min-block-size: 2lh;
  }
  .card .skeleton .title {
    min-block-size: 3lh;
  }
  .card .skeleton .meta {
    min-block-size: 2lh;
  }
  /* One row: what does not fit is clipped, and "+N" at the row's end says how many. */
  .card .tags {
    position: relative;
    max-block-size: calc(0.8125em * 1.5 + 0.25rem);
    overflow: hidden;
  }
  .card .tags.overflowing {
    padding-inline-end: 3.25em;
  }
  .card .more {
    position: absolute;
    inset-block-start: 0;
    inset-inline-end: 0;
  }
  .more[hidden] {
    display: none;
  }
  .more {
    font-variant-numeric: tabular-nums;
  }

  /* The skeleton is static: one element per block, its lines drawn by its background (a
     bar of 0.6 lines in each line, the last one shorter), so a page of 200 loading cards
     holds a dozen nodes per card and no animation at all. */
  .skeleton {
    position: relative;
  }
  .bone {
    background-color: var(--_bone);
  }
  .lines {
    --_bar: linear-gradient(transparent 0.2lh, var(--_bone) 0.2lh 0.8lh, transparent 0.8lh);
    --_n: 1;
    block-size: calc(var(--_n) * 1lh);
    background:
      var(--_bar) 0 calc((var(--_n) - 1) * 1lh) / var(--_last, 65%) 1lh no-repeat,
      repeating-linear-gradient(transparent 0 0.2lh, var(--_bone) 0.2lh 0.8lh, transparent 0.8lh 1lh) 0 0 / 100% calc((var(--_n) - 1) * 1lh) no-repeat;
  }
  .skeleton .title {
    --_n: 2;
  }
  .skeleton .summary {
    --_n: 4;
  }
  .skeleton .body {
    --_n: 9;
  }
  .skeleton .read-more {
    --_last: 7em;
    inline-size: 7em;
  }
  /* Three tag pills, as wide as short tags and as high as one (in the tags' font size). */
  .pills {
    --_t: 0.8125em;
    block-size: calc(1.5 * var(--_t) + 0.25rem);
    background: repeating-linear-gradient(90deg, var(--_bone) 0 calc(4.5 * var(--_t)), transparent 0 calc(4.5 * var(--_t) + 0.375rem)) 0 0 / calc(13.5 * var(--_t) + 0.75rem) 100% no-repeat;
  }
  /* The one moving thing: a highlight sweeping across the card, by transform only, so the
     compositor runs it, and only while the card is in the viewport (class moving). */
  .shimmer {
    display: none;
  }
  @media (prefers-reduced-motion: no-preference) {
    .shimmer.moving {
      display: block;
      position: absolute;
      inset: 0;
      background: linear-gradient(90deg, transparent 25%, light-dark(rgb(255 255 255 / 0.6), rgb(255 255 255 / 0.07)) 50%, transparent 75%);
      pointer-events: none;
      animation: news-card-shimmer 1.5s linear infinite;
    }
  }
  @keyframes news-card-shimmer {
    from {
      transform: translateX(-100%);
    }
    to {
      transform: translateX(100%);
    }
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  @media (forced-colors: active) {
    .base,
    .tag {
      border: 1px solid CanvasText;
    }
    .retry {
      border-color: ButtonText;
    }
    .error {
      border-inline-start-color: CanvasText;
    }
    .bone {
      border: 1px solid GrayText;
      background: Canvas;
    }
    .shimmer {
      display: none;
    }
    a:focus-visible,
    button:focus-visible {
      outline-color: Highlight;
    }
  }
`,
];
