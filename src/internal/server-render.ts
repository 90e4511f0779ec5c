/**
 * An element on the server (Lit SSR, `isServer`). A loaded card's article, and a feed's list
 * of compact cards, are built as DOM nodes, not templates (article/article.view.ts, issue
 * 14), which Lit SSR cannot render. So the server builds the very same nodes in a server DOM
 * (jsdom, given by `lapa-widgets/ssr`) and hands Lit their HTML: one code path for the
 * markup, so the server's and the browser's cannot drift apart (a drift would be a layout
 * shift). Texts are set as `textContent` and escaped by the serialiser; HTML (a `full` body,
 * a summary read as text) goes through sanitize.ts on the server DOM, as in the browser. The
 * data itself goes into the shadow root as a JSON attribute of a `<template>`, which the
 * browser's element reads instead of fetching (adopt.ts).
 *
 * Without a server DOM, an element given data renders its loading placeholder (which
 * reserves its boxes) and the browser renders the data.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { hasServerWindow, serverMarkup, withServerDom } from './server-dom.js';

/**
 * An element's render on the server: `render(pending)` in the server DOM, or, without one,
 * as pending (placeholder) when there is data to build; then the data, as the JSON of
 * `data-<name>` (`data-article`, `data-articles`).
 */
export function renderOnServer(name: string, data: unknown, render: (pending: boolean) => TemplateResult): TemplateResult {
  const shown = data != null && !hasServerWindow() ? render(true) : withServerDom(() => render(false));
  // An inert `<template>` whose attribute holds the JSON (escaped by Lit SSR as any attribute).
  // The attribute's name is static: Lit cannot bind one.
  const json = data == null ? '' : JSON.stringify(data);
  return html`${shown}${data == null ? nothing : name === 'articles' ? html`<template data-articles=${json}></template>` : html`<template data-article=${json}></template>`}`;
}

/** A node built in the server DOM, as HTML for Lit SSR. */
export const serialized = (node: Element): unknown => serverMarkup(node.outerHTML);
