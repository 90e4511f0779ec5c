// Extra response headers for demo pages, by request path. demo/server.mjs adds them to
// the page's answer; csp.html is the demo under the strict policy the README documents.

/**
 * The strict Content-Security-Policy for a page embedding the widgets from its own
 * origin: nothing inline, nothing evaluated, Trusted Types enforced with the library's
 * policy (`lapa-widgets`) and Lit's (`lit-html`). 'allow-duplicates' lets a second copy
 * of Lit (the bundle twice, or the bundle beside the host's own Lit) create its
 * `lit-html` policy too. A page taking the bundle, article images or the comments API
 * from other origins adds those origins to script-src, img-src and connect-src.
 */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "require-trusted-types-for 'script'; trusted-types lapa-widgets lit-html 'allow-duplicates'";

/** @type {Record<string, Record<string, string>>} */
export const PAGE_HEADERS = {
  '/demo/csp.html': { 'Content-Security-Policy': STRICT_CSP },
};
