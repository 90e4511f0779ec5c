import { css } from 'lit';
import { hostBlock, textReset, themeScheme } from '../internal/base.styles.js';

export default [
  hostBlock,
  themeScheme,
  css`
  .base {
    --_accent: var(--comment-box-accent-color, var(--lapa-accent-color, light-dark(#0b57d0, #8ab4f8)));
    --_on-accent: var(--comment-box-accent-contrast-color, var(--lapa-accent-contrast-color, light-dark(#fff, #131314)));
    --_muted: var(--comment-box-muted-color, var(--lapa-muted-color, light-dark(#5b6470, #a8b0ba)));
    --_border: var(--comment-box-border-color, var(--lapa-border-color, light-dark(#c9cdd3, #474c53)));
    --_error: var(--comment-box-error-color, var(--lapa-error-color, light-dark(#b3261e, #f2b8b5)));
    --_radius: var(--comment-box-border-radius, var(--lapa-radius, 0.375rem));
    --_gap: var(--comment-box-gap, 1.25em);
    position: relative;
    /* Narrow (a phone) or not: the buttons' target size follows (below). */
    container-type: inline-size;
    color: var(--comment-box-color, var(--lapa-color, inherit));
    font-family: var(--comment-box-font-family, var(--lapa-font-family, inherit));
    line-height: 1.5;
    ${textReset}
  }

  .sr-only,
  .hp {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .hp {
    inset-inline-start: -10000px;
  }

  p {
    margin: 0;
  }
  [role=heading] {
    line-height: 1.25;
    font-weight: 700;
  }
  [part=heading] {
    margin-block-end: 0.75em;
    font-size: 1.3em;
  }
  [part=form-heading] {
    font-size: 1.1em;
  }
  a {
    color: var(--_accent);
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }

  .list {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .list .list {
    margin-inline-start: min(var(--comment-box-indent, 1.5em), 4vw);
    padding-inline-start: 0.75em;
    border-inline-start: 2px solid var(--_border);
  }
  [part=item],
  [part=load-more] {
    margin-block-start: var(--_gap);
  }
  .tools {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }
  [part=report-button] {
    padding: 0.1em 0.5em;
    border-color: transparent;
    color: var(--_muted);
    font-size: 0.875em;
  }
  [part=reported] {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .report {
    margin-block: 0.5em 0;
  }
  .report-heading {
    font-weight: 600;
  }
  select {
    font: inherit;
    min-block-size: 24px;
  }
  [part=more-replies] {
    margin-block-start: 0.5em;
  }
  [part=comment] {
    border-radius: var(--_radius);
  }
  .pending {
    padding: 0.5em 0.75em;
    background: light-dark(#fdf6e3, #2e2a1e);
  }
  [part=meta],
  .load-error {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 0.6em;
  }
  [part=meta] > * {
    min-inline-size: 0;
  }
  [part=avatar] {
    display: grid;
    place-items: center;
    width: 2.2em;
    height: 2.2em;
    border-radius: 50%;
    background: light-dark(#e3e8f0, #343a42);
    font-size: 0.8em;
  }
  [part=avatar],
  [part=author],
  [part=label] {
    font-weight: 600;
  }
  [part=date],
  [part=hint],
  [part=counter],
  [part=moderation] {
    color: var(--_muted);
    font-size: 0.875em;
  }
  [part=moderation] {
    margin-block-start: 0.25em;
    font-style: italic;
  }
  [part=body] {
    margin-block: 0.35em;
  }
  .text {
    white-space: pre-line;
  }
  .html :is(p, ul, ol, blockquote, pre) {
    margin: 0 0 0.5em;
  }
  .html pre {
    white-space: pre-wrap;
  }

  button {
    font: inherit;
    cursor: pointer;
    padding: 0.4em 0.9em;
    border: 1px solid;
    border-radius: var(--_radius);
    background: none;
    color: var(--_accent);
  }
  /* Targets of at least 24x24 CSS px (WCAG 2.2, 2.5.8); 44x44 for fingers (2.5.5): on a
     coarse pointer, or in a box as narrow as a phone. */
  button {
    min-block-size: 24px;
    min-inline-size: 24px;
  }
  @media (pointer: coarse) {
    button {
      min-block-size: 44px;
      min-inline-size: 44px;
    }
  }
  @container (max-width: 36rem) {
    button {
      min-block-size: 44px;
      min-inline-size: 44px;
    }
  }
  button:disabled {
    cursor: default;
    opacity: 0.65;
  }
  [part=submit] {
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: var(--_accent);
  }
  [part=reply-button] {
    padding: 0.1em 0.5em;
    margin-inline-start: -0.5em;
    border-color: transparent;
    font-size: 0.875em;
  }

  [part=skeleton] {
    display: grid;
    gap: var(--_gap);
    min-block-size: 12em;
  }
  .sk {
    display: grid;
    gap: 0.45em;
  }
  .sk span {
    block-size: 0.9em;
    border-radius: 0.25em;
    background: light-dark(#e8eaed, #303236);
  }
  .sk :first-child {
    inline-size: 30%;
  }
  .sk :last-child {
    inline-size: 75%;
  }
  @media (prefers-reduced-motion: no-preference) {
    .sk span {
      animation: pulse 1.6s ease-in-out infinite;
    }
  }
  @keyframes pulse {
    50% {
      opacity: 0.45;
    }
  }

  .load-error,
  [part=notice],
  [part=empty],
  [part=status]:not(:empty) {
    margin-block-start: 1em;
  }
  .load-error {
    gap: 0.5em 1em;
  }
  [part=error],
  [part=field-error],
  .over {
    color: var(--_error);
  }
  [part=notice],
  form {
    padding: 0.75em 1em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  form {
    display: grid;
    gap: 0.9em;
    margin-block-start: 1.5em;
    padding: 1em;
  }
  .reply {
    margin-block: 0.75em 0;
  }
  [part=field] {
    display: grid;
    gap: 0.25em;
  }
  input,
  textarea {
    box-sizing: border-box;
    inline-size: 100%;
    padding: 0.45em 0.6em;
    /* Darker than --_border: a field's edge needs 3:1 against the page (WCAG 1.4.11). */
    border: 1px solid light-dark(#6b7280, #9aa0a6);
    border-radius: var(--_radius);
    background: var(--comment-box-background, var(--lapa-background, light-dark(#fff, #1e1f22)));
    /* The theme's text colour goes with the theme's background. */
    color: var(--comment-box-color, var(--lapa-color, light-dark(#1b1c1f, #e8e8e8)));
    font: inherit;
  }
  textarea {
    resize: vertical;
    min-block-size: 6em;
  }
  [aria-invalid=true] {
    border-color: var(--_error);
    box-shadow: inset 0 0 0 1px var(--_error);
  }
  [part=counter] {
    justify-self: end;
  }
  [part=consent] {
    display: flex;
    align-items: flex-start;
    gap: 0.5em;
  }
  [part=actions] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  [part=checkbox] {
    inline-size: auto;
    margin-block-start: 0.3em;
  }
`,
];
