/**
 * Takes out of an HTML string what a browser reports to the page's Content-Security-Policy
 * as soon as it is parsed, even into an inert document that never renders or runs it:
 * `style` and `on*` attributes and `<style>` elements. The sanitiser drops all of them
 * anyway; removing them before parsing spares a page with a strict policy a
 * `securitypolicyviolation` (and a report) for every WordPress `<figure style="...">`.
 * It also takes out `shadowroot*` attributes: Firefox's Document.parseHTML (the native
 * sanitiser path) attaches a declarative shadow root before sanitising, and without the
 * attribute a `<template>` is a plain one, dropped with its content on both paths.
 * (Chromium reports them for DOMParser, createHTMLDocument, <template>, ranges and the
 * Sanitizer API's parsers alike, so no other inert parse avoids this pass.)
 *
 * This is a tokenizer pass, not a sanitiser: its output still goes through a sanitiser, so
 * a string it misreads can at worst lose markup that was already broken, never let
 * anything through. It follows the HTML tokenizer where it matters: comments, quoted and
 * unquoted attribute values, the raw-text elements whose content holds no tags, and SVG
 * and MathML, where those elements are not raw text (and which the sanitiser drops whole).
 */

/**
 * The next markup token: a comment (`<!-->` and `<!--->` are complete ones), another
 * `<!...>`, `<?...>` or `</` + non-letter bogus comment, or a tag: 1 the end-tag slash,
 * 2 the name, 3 the attributes (a name may begin with "=", a value be unquoted).
 * A `<` that starts none of these is text.
 */
const TOKEN =
  /<(?:!--(?:-?>|[^]*?(?:--!?>|$))|[!?][^>]*>?|\/(?![a-z])[^>]*>?|(\/?)([a-z][^\t\n\f\r />]*)((?:[\t\n\f\r /]*[^\t\n\f\r />][^\t\n\f\r />=]*(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:"[^"]*"?|'[^']*'?|[^\t\n\f\r >]*))?)*)[\t\n\f\r /]*>?)/gi;
/** One attribute within TOKEN's group 3: 1 its name. */
const ATTRIBUTE = /([^\t\n\f\r />][^\t\n\f\r />=]*)(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:"[^"]*"?|'[^']*'?|[^\t\n\f\r >]*))?/g;
const RAW_TEXT = /^(script|style|xmp|iframe|noembed|noframes|textarea|title)$/;
/** Start tags that end SVG or MathML content (the HTML parser's "breakout" list). */
const BREAKOUT =
  /^(b|big|blockquote|body|br|center|code|dd|div|dl|dt|em|embed|h[1-6]|head|hr|i|img|li|listing|menu|meta|nobr|ol|p|pre|ruby|s|small|span|strong|strike|sub|sup|table|tt|u|ul|var)$/;

/** What `<noscript>` becomes for the native sanitiser: an ordinary element it drops with its content. */
export const NOSCRIPT_STAND_IN = 'lapa-noscript';

/**
 * `html` without inline styles and handlers.
 *
 * `native`, for the native sanitiser path, collects the name of every start tag
 * (ASCII-lowercased, as the parser does), so that the elements it does not know by name are
 * unwrapped, and writes `<noscript>` as NOSCRIPT_STAND_IN: DOMParser (DOMPurify's parser)
 * parses with scripting off, where noscript holds markup, but Firefox's Document.parseHTML
 * with scripting on, where it holds text up to the first `</noscript>`, even one inside an
 * attribute. An ordinary element parses as noscript does with scripting off.
 */
export function stripInlineStylesAndHandlers(html: string, native?: Set<string>): string {
  const n = html.length;
  /** Index of the `</name` end tag of a raw-text element opened before `from`, or the end. */
  const rawTextEnd = (from: number, name: string) => {
    const end = new RegExp(`</${name}[\\t\\n\\f\\r />]`, 'gi');
    end.lastIndex = from;
    return end.exec(html)?.index ?? n;
  };
  /** Open <svg>/<math> elements: inside them nothing is raw text. */
  const foreign: string[] = [];
  let out = '';
  /** html[copied, ...) is not in `out` yet. */
  let copied = 0;
  let match: RegExpExecArray | null;
  TOKEN.lastIndex = 0;
  while ((match = TOKEN.exec(html))) {
    const [token, slash, tagName, attributes] = match;
    if (!tagName) continue;
    const name = tagName.toLowerCase();
    const start = match.index;
    const end = TOKEN.lastIndex;
    /** Leaves html[start, to) out. */
    const cut = (to: number) => {
      out += html.slice(copied, start);
      copied = to;
    };
    const asciiName = native && tagName.replace(/[A-Z]+/g, (upper) => upper.toLowerCase());
    const standIn = asciiName === 'noscript';
    if (native && !slash) native.add(asciiName as string);
    if (standIn && slash) {
      out += `${html.slice(copied, start)}</${NOSCRIPT_STAND_IN}`;
      copied = start + 2 + tagName.length;
    }
    if (slash) {
      if (foreign.includes(name)) foreign.length = foreign.lastIndexOf(name);
      else if (name === 'p' || name === 'br') foreign.length = 0;
      else if (foreign.length && name === 'style') cut(end);
      continue;
    }
    if (name === 'svg' || name === 'math') {
      if (html[end - 2] !== '/') foreign.push(name);
    } else if (foreign.length && (BREAKOUT.test(name) || (name === 'font' && /[\s/](color|face|size)[\s=/>]/i.test(token)))) {
      foreign.length = 0;
    }
    if (name === 'style') {
      // An SVG/MathML <style> holds markup, not text: only its tags go. Elsewhere the whole
      // element goes, its text too (the sanitiser would drop both).
      let to = end;
      if (!foreign.length) {
        const close = rawTextEnd(end, 'style');
        TOKEN.lastIndex = to = close < n ? html.indexOf('>', close) + 1 || n : n;
      }
      cut(to);
      continue;
    }
    // A stand-in the sanitiser drops (no data-* attribute passes), complete with a value:
    // with nothing there, a following "=" could give the previous attribute a value.
    const from = start + 1 + tagName.length;
    out += html.slice(copied, start + 1) + (standIn ? NOSCRIPT_STAND_IN : tagName) + attributes.replace(ATTRIBUTE, (attribute, attributeName: string) => (/^(style$|on|shadowroot)/i.test(attributeName) ? 'data-x=""' : attribute));
    copied = from + attributes.length;
    if (foreign.length) continue;
    if (name === 'plaintext') break;
    if (RAW_TEXT.test(name)) TOKEN.lastIndex = rawTextEnd(end, name);
  }
  return out + html.slice(copied);
}
