import { css } from 'lit';
import { textReset } from '../internal/base.styles.js';
import cardStyles from '../internal/article/article.styles.js';

/**
 * `<news-card>`'s styles (each item is a `card`: an element with the classes `base card`),
 * and the list around them. The cards read `--news-card-*`; the list sets those from its
 * own `--news-feed-*` properties, else the shared `--lapa-*` ones, else the defaults, so a
 * page's news-card theme does not leak into a feed and one `--lapa-*` theme styles both.
 */
export default [
  ...cardStyles,
  css`
  .feed {
    --news-card-background: var(--news-feed-background, var(--lapa-background, light-dark(#fff, #1d2127)));
    --news-card-color: var(--news-feed-color, var(--lapa-color, light-dark(#1b1f24, #e8eaed)));
    --news-card-muted-color: var(--news-feed-muted-color, var(--lapa-muted-color, light-dark(#535b67, #a9b0bb)));
    --news-card-accent-color: var(--news-feed-accent-color, var(--lapa-accent-color, light-dark(#0b5cad, #8ab4f8)));
    --news-card-accent-contrast-color: var(--news-feed-accent-contrast-color, var(--lapa-accent-contrast-color, light-dark(#fff, #10243d)));
    --news-card-error-color: var(--news-feed-error-color, var(--lapa-error-color, light-dark(#a4262c, #ff9b9b)));
    --news-card-border-color: var(--news-feed-border-color, var(--lapa-border-color, light-dark(#d5d9df, #3a414b)));
    --news-card-border-radius: var(--news-feed-border-radius, var(--lapa-radius, 0.75rem));
    --news-card-font-family: inherit;
    --news-card-title-font-family: var(--news-feed-title-font-family, inherit);
    --news-card-title-font-size: var(--news-feed-title-font-size, 1.0625rem);
    --news-card-padding: var(--news-feed-card-padding, 0.875rem);
    --news-card-image-aspect-ratio: var(--news-feed-image-aspect-ratio, 16 / 9);
    --news-card-summary-lines: var(--news-feed-summary-lines, 3);
    --news-card-skeleton-color: var(--news-feed-skeleton-color, light-dark(#e6e9ee, #2c323a));
    --news-card-tag-background: transparent;
    --_gap: var(--news-feed-gap, 1rem);
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
    color: var(--news-card-color);
    font-family: var(--news-feed-font-family, var(--lapa-font-family, inherit));
    line-height: 1.5;
    ${textReset}
  }
  .feed:focus {
    outline: none;
  }
  .heading {
    margin: 0;
    font-size: var(--news-feed-heading-font-size, 1.25rem);
    line-height: 1.25;
  }
  .items {
    container-type: inline-size;
    display: grid;
    gap: var(--_gap);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .grid .items {
    grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--news-feed-column-width, 15rem)), 1fr));
  }
  .item {
    margin: 0;
    min-inline-size: 0;
    /* One container, the list, instead of one per card (news-card's): a query container
       costs its own style pass, and 50 of them were a measurable part of a list's render. */
    container-type: normal;
  }
  /* A list row puts the image beside the text once the list has room for both. */
  @container (min-inline-size: 34rem) {
    .list .item article,
    .list .item .skeleton {
      display: grid;
      grid-template-columns: minmax(0, 14rem) minmax(0, 1fr);
      align-items: start;
    }
    .list .item article > .content:only-child {
      grid-column: 1 / -1;
    }
    .list .item .image-box {
      block-size: 100%;
      min-block-size: 100%;
    }
    .list .item .skeleton .shimmer {
      grid-column: 1 / -1;
    }
  }
  .frame {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
  }
  .title a {
    color: inherit;
    text-decoration-color: var(--news-card-accent-color);
  }
  .title a:hover {
    color: var(--news-card-accent-color);
  }
  /* Each card keeps the skeleton's boxes: three headline lines, two meta lines, the summary's lines. */
  .card .summary {
    min-block-size: calc(var(--news-card-summary-lines) * 1lh);
  }
  .skeleton .summary {
    --_n: var(--news-card-summary-lines);
  }
  .more {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }
  .load-more,
  .feed .retry {
    min-block-size: 2.75rem;
    padding: 0.5rem 1rem;
    border: 1px solid var(--news-card-accent-color);
    border-radius: 0.5rem;
    background: transparent;
    color: var(--news-card-accent-color);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .feed .error .retry {
    background: var(--news-card-accent-color);
    color: var(--news-card-accent-contrast-color);
  }
  .more-bone {
    inline-size: 8rem;
    block-size: 2.75rem;
    border-radius: 0.5rem;
    background: var(--news-card-skeleton-color);
  }
  .load-more[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.7;
  }
  .more-error {
    margin: 0;
    color: var(--news-card-error-color);
  }
  .state {
    border: 1px solid var(--news-card-border-color);
    border-radius: var(--news-card-border-radius);
    background: var(--news-card-background);
  }
  @media (forced-colors: active) {
    .load-more,
    .feed .retry {
      border-color: ButtonText;
    }
  }
`,
];
