/**
 * `<news-card>` on the server (Lit SSR, `isServer`). A loaded card's article is built as DOM
 * nodes, not templates (internal/article/article.view.ts, issue 14), which Lit SSR cannot render. So the
 * server builds the very same nodes in a server DOM (jsdom, given by `lapa-widgets/ssr`)
 * and hands Lit their HTML: one code path for the article's markup, so the server's and the
 * browser's cannot drift apart (a drift would be a layout shift). Texts are set as
 * `textContent` and escaped by the serialiser; a `full` body is sanitised by our DOMPurify
 * on the server DOM, as in the browser. The article itself goes into the shadow root as a
 * JSON attribute of a `<template>`, which the browser's element reads instead of fetching
 * (news-card.adopt.ts).
 *
 * Without a server DOM, a card given an article renders its loading placeholder (which
 * reserves the card's boxes) and the browser renders the article from the data.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { hasServerWindow, serverMarkup, withServerDom } from '../internal/server-dom.js';

/**
 * The card's render on the server: `render(pending)` in the server DOM, or, without one, as
 * pending (placeholder) when there is an article to build; then the article as data.
 */
export function renderOnServer(article: unknown, render: (pending: boolean) => TemplateResult): TemplateResult {
  const card = article != null && !hasServerWindow() ? render(true) : withServerDom(() => render(false));
  // An inert `<template>` whose attribute holds the JSON (escaped by Lit SSR as any attribute).
  return html`${card}${article == null ? nothing : html`<template data-article=${JSON.stringify(article)}></template>`}`;
}

/** A node built in the server DOM, as HTML for Lit SSR. */
export const serialized = (node: Element): unknown => serverMarkup(node.outerHTML);
