/**
 * Takes out of an HTML string what a browser reports to the page's Content-Security-Policy
 * as soon as it is parsed, even into an inert document that never renders or runs it:
 * `style` and `on*` attributes and `<style>` elements. The sanitiser drops all of them
 * anyway; removing them before parsing spares a page with a strict policy a
 * `securitypolicyviolation` (and a report) for every WordPress `<figure style="...">`.
 *
 * This is a tokenizer pass, not a sanitiser: its output still goes through DOMPurify, so
 * a string it misreads can at worst lose markup that was already broken, never let
 * anything through. It follows the HTML tokenizer where it matters: comments, quoted and
 * unquoted attribute values, the raw-text elements whose content holds no tags, and SVG
 * and MathML, where those elements are not raw text (and which the sanitiser drops whole).
 */
const RAW_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'textarea', 'title']);
/** Start tags that end SVG or MathML content (the HTML parser's "breakout" list). */
const BREAKOUT = new Set(
  'b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li listing menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var'.split(' '),
);

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\n' || c === '\t' || c === '\f' || c === '\r';
const isAlpha = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));

/** Index just past the comment whose body starts at `from`, or the end. */
function commentEnd(html: string, from: number): number {
  // `<!-->` and `<!--->` are complete (if malformed) comments.
  if (html[from] === '>') return from + 1;
  if (html.startsWith('->', from)) return from + 2;
  const a = html.indexOf('-->', from);
  const b = html.indexOf('--!>', from);
  if (a < 0 && b < 0) return html.length;
  return a >= 0 && (b < 0 || a < b) ? a + 3 : b + 4;
}

/** Index of the `</name` end tag of a raw-text element opened before `from`, or the end. */
function rawTextEnd(html: string, from: number, name: string): number {
  const pattern = new RegExp(`</${name}[\\t\\n\\f\\r />]`, 'gi');
  pattern.lastIndex = from;
  return pattern.exec(html)?.index ?? html.length;
}

export function stripInlineStylesAndHandlers(html: string): string {
  if (!/style|on/i.test(html)) return html;
  const n = html.length;
  const out: string[] = [];
  /** html[copied, ...) is not in `out` yet. */
  let copied = 0;
  let i = 0;
  /** Open <svg>/<math> elements: inside them nothing is raw text. */
  const foreign: string[] = [];
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    i = lt + 1;
    let c = html[i];
    if (c === '!') {
      i = html.startsWith('--', i + 1) ? commentEnd(html, i + 3) : html.indexOf('>', i) + 1 || n;
      continue;
    }
    if (c === '?') {
      i = html.indexOf('>', i) + 1 || n;
      continue;
    }
    const endTag = c === '/';
    if (endTag) {
      c = html[++i];
      if (!isAlpha(c)) {
        // `</>` is dropped, any other `</...>` is a bogus comment.
        i = html.indexOf('>', i) + 1 || n;
        continue;
      }
    } else if (!isAlpha(c)) {
      continue; // a `<` that is text
    }
    let j = i;
    while (j < n && !isSpace(html[j]) && html[j] !== '/' && html[j] !== '>') j++;
    const name = html.slice(i, j).toLowerCase();
    i = j;
    const removals: Array<[number, number]> = [];
    for (;;) {
      while (i < n && (isSpace(html[i]) || html[i] === '/')) i++;
      if (i >= n) break;
      if (html[i] === '>') {
        i++;
        break;
      }
      const start = i;
      // An attribute name may begin with "=", and runs to a space, "/", ">" or "=".
      let k = i + 1;
      while (k < n && !isSpace(html[k]) && html[k] !== '/' && html[k] !== '>' && html[k] !== '=') k++;
      // Only names starting "s" or "o" can be style or on*: spare slicing the others.
      const first = html.charCodeAt(i) | 32;
      const attribute = first === 115 || first === 111 ? html.slice(i, k).toLowerCase() : '';
      i = k;
      let m = k;
      while (m < n && isSpace(html[m])) m++;
      if (html[m] === '=') {
        m++;
        while (m < n && isSpace(html[m])) m++;
        const quote = html[m];
        if (quote === '"' || quote === "'") {
          m = html.indexOf(quote, m + 1) + 1 || n;
        } else {
          while (m < n && !isSpace(html[m]) && html[m] !== '>') m++;
        }
        i = m;
      }
      if (!endTag && (attribute === 'style' || attribute.startsWith('on'))) removals.push([start, i]);
    }
    if (endTag) {
      if (foreign.includes(name)) foreign.length = foreign.lastIndexOf(name);
      else if (name === 'p' || name === 'br') foreign.length = 0;
      else if (foreign.length && name === 'style') {
        out.push(html.slice(copied, lt));
        copied = i;
      }
      continue;
    }
    if (name === 'svg' || name === 'math') {
      if (html[i - 2] !== '/') foreign.push(name);
    } else if (foreign.length && (BREAKOUT.has(name) || (name === 'font' && /[\s/](color|face|size)[\s=/>]/i.test(html.slice(lt, i))))) {
      foreign.length = 0;
    }
    if (name === 'style') {
      out.push(html.slice(copied, lt));
      if (foreign.length) {
        // An SVG/MathML <style> holds markup, not text: only its tags go.
        copied = i;
      } else {
        // The whole element goes, its text too (the sanitiser would drop both).
        const close = rawTextEnd(html, i, 'style');
        copied = i = close < n ? html.indexOf('>', close) + 1 || n : n;
      }
      continue;
    }
    for (const [start, end] of removals) {
      // A stand-in the sanitiser drops (no data-* attribute passes), complete with a value:
      // with nothing there, a following "=" could give the previous attribute a value.
      out.push(html.slice(copied, start), 'data-x=""');
      copied = end;
    }
    if (foreign.length) continue;
    if (name === 'plaintext') break;
    if (RAW_TEXT.has(name)) i = rawTextEnd(html, i, name);
  }
  out.push(html.slice(copied));
  return out.join('');
}
