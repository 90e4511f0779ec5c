/**
 * What RSS and Atom share: parsing an untrusted XML string safely, finding elements by
 * namespace, xml:base and xml:lang, the two date formats, and images named by URL. Every
 * failure is a FormatError: `not-xml` for text that does not parse or is refused, `invalid`
 * for data that is not an article.
 */
import type { ArticleImage } from './article.js';
import { FormatError } from './format-error.js';
import { htmlToText, safeUrl, trustedTypesPolicy } from '../sanitize.js';
import { cleanText, defined, languageTag, size } from './validate.js';

export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  media: 'http://search.yahoo.com/mrss/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rss1: 'http://purl.org/rss/1.0/',
  xhtml: 'http://www.w3.org/1999/xhtml',
  xml: 'http://www.w3.org/XML/1998/namespace',
} as const;

const notXml = (why: string): never => {
  throw new FormatError(`Not XML: ${why}`, undefined, 'not-xml');
};

/**
 * A DTD's internal subset, the only place entities can be declared: `<!DOCTYPE x [`, its
 * quoted public and system ids skipped (a `>` may be quoted). Applied once, at the first
 * doctype, so the scan stays linear whatever the input.
 */
const INTERNAL_SUBSET = /<!DOCTYPE(?:[^>"'[]|"[^"]*"|'[^']*')*\[/y;

/**
 * The document of an XML string, parsed inert (DOMParser: no scripts, no loads). Refused
 * before parsing: any `<!ENTITY` and any internal DTD subset, because DOMParser is
 * synchronous and engines expand entities (WebKitGTK hung for minutes on a 0.7 KB
 * billion-laughs file, Chromium spent seconds on a 40 KB quadratic one). A feed has no use
 * for a DTD; an external one is never loaded.
 */
export function parseXml(text: string): Element {
  if (/<!ENTITY/i.test(text)) notXml('entity declarations are refused');
  INTERNAL_SUBSET.lastIndex = Math.max(0, text.indexOf('<!DOCTYPE'));
  if (INTERNAL_SUBSET.test(text)) notXml('internal DTD subsets are refused');
  let doc: Document | undefined;
  try {
    doc = new DOMParser().parseFromString((trustedTypesPolicy()?.createHTML(text) ?? text) as string, 'application/xml');
  } catch {
    // Only a page's Trusted Types refusing our policy; no parse error throws.
  }
  const root = doc?.documentElement;
  // Firefox makes the error the root, in its own namespace; Chromium and WebKit insert an
  // XHTML `parsererror` into what they parsed.
  if (!root || root.localName == 'parsererror' || root.getElementsByTagNameNS(NS.xhtml, 'parsererror').length) notXml('does not parse');
  return root!;
}

/** The child elements of `parent` named `name` in namespace `ns` (null: none). */
export const childrenOf = (parent: Element, ns: string | null, name: string): Element[] =>
  Array.prototype.filter.call(parent.children, (el: Element) => el.localName == name && el.namespaceURI == ns) as Element[];

/** The first child element named `name` in `ns`. */
export function childOf(parent: Element, ns: string | null, name: string): Element | undefined {
  for (let el = parent.firstElementChild; el; el = el.nextElementSibling) if (el.localName == name && el.namespaceURI == ns) return el;
  return undefined;
}

/** The text of the first child named `name` in `ns`. */
export const textOf = (parent: Element, ns: string | null, name: string): string | undefined => childOf(parent, ns, name)?.textContent ?? undefined;

/** The descendants of `parent` named `name` in `ns`, in document order. */
export const descendantsOf = (parent: Element, ns: string, name: string): Element[] => Array.from(parent.getElementsByTagNameNS(ns, name));

/**
 * The URL relative references in `el` resolve against: the answer's URL, then each
 * `xml:base` from the root down (engines no longer apply xml:base themselves).
 */
export function baseOf(el: Element, answerUrl: string | undefined): string | undefined {
  const bases: string[] = [];
  for (let node: Element | null = el; node; node = node.parentElement) {
    const base = node.getAttributeNS(NS.xml, 'base');
    if (base !== null) bases.push(base);
  }
  let url = answerUrl;
  for (const base of bases.reverse()) {
    try {
      url = new URL(base.trim(), url ?? document.baseURI).href;
    } catch {
      // A base that does not parse changes nothing.
    }
  }
  return url;
}

/** The nearest `xml:lang`, as a BCP 47 tag. */
export function langOf(el: Element): string | undefined {
  for (let node: Element | null = el; node; node = node.parentElement) {
    const lang = node.getAttributeNS(NS.xml, 'lang');
    if (lang !== null) return languageTag(lang);
  }
  return undefined;
}

/** HTML as text (Atom `type="html"`, bodies for a headline): tags dropped, entities decoded, white space collapsed. */
export const htmlText = (value: string | undefined): string => cleanText(htmlToText(value ?? ''));

/** The inline formatting tags feeds put in RSS titles. */
const INLINE_TAGS = /<\/?(?:a|abbr|b|bdi|bdo|big|br|cite|code|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|span|strike|strong|sub|sup|time|tt|u|var|wbr)\b[^<>]*>/gi;

/**
 * An RSS title as text. RSS does not say whether a title is text or HTML, and feeds do both:
 * some mark words up (`&lt;em&gt;`), WordPress writes a title that names a tag as text
 * (`&#060;script&#062;`, so the parsed title holds `<script>`). Inline formatting tags are
 * dropped and entities decoded once more; any other `<` is text, so no word of the title is
 * lost as a tag.
 */
export const rssTitleText = (value: string | undefined): string => cleanText(htmlToText((value ?? '').replace(INLINE_TAGS, '').replace(/</g, '&lt;')));

/** An ISO 8601 UTC string from UTC parts and a zone offset in minutes; undefined when the parts are not a real moment. */
function isoFrom(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, offset: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return undefined;
  const time = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), ms);
  // Date.UTC rolls 31 February over into March; such a date was not a date.
  if (new Date(time).getUTCDate() !== day || year < 1000 || year > 9999) return undefined;
  return new Date(time - offset * 60_000).toISOString();
}

const MONTHS = 'janfebmaraprmayjunjulaugsepoctnovdec';
/** RFC 822 zone names (military letters other than Z are not used in the wild, and RFC 2822 says they carry no information). */
const ZONES: Record<string, number> = { UT: 0, UTC: 0, GMT: 0, Z: 0, EST: -5, EDT: -4, CST: -6, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7 };
const RFC822 = /^\s*(?:[a-z]{3,9}\s*,?\s*)?(\d{1,2})\s+([a-z]{3,9})\.?\s+(\d{4}|\d{2})\s+(\d{1,2}):(\d\d)(?::(\d\d))?\s*(?:([+-])(\d\d):?(\d\d)|([a-z]{1,3}))\s*$/i;

/**
 * An RFC 822 / RFC 2822 date (RSS `pubDate`: `Tue, 10 Jun 2003 04:00:00 GMT`, or `+0300`,
 * `EST`) as ISO 8601 UTC. Read by us, not Date.parse, whose leniency differs between engines.
 * Undefined for anything else, a date without a zone among it: it is no moment in time.
 */
export function rfc822Date(value: string | undefined): string | undefined {
  const m = RFC822.exec(value ?? '');
  const month = m && MONTHS.indexOf(m[2].slice(0, 3).toLowerCase());
  if (!m || month! < 0 || month! % 3) return undefined;
  const zone = m[10] ? ZONES[m[10].toUpperCase()] : undefined;
  if (m[10] && zone === undefined) return undefined;
  if (Number(m[9] ?? 0) > 59) return undefined;
  const offset = m[10] ? zone! * 60 : (m[7] == '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9]));
  // Two-digit years (RFC 822): RFC 2822's rule, 00-49 is 20xx.
  const year = m[3].length == 2 ? Number(m[3]) + (Number(m[3]) < 50 ? 2000 : 1900) : Number(m[3]);
  return isoFrom(year, month! / 3 + 1, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), 0, offset);
}

const RFC3339 = /^\s*(\d{4})-(\d\d)-(\d\d)[t ](\d\d):(\d\d):(\d\d)(\.\d+)?(?:(z)|([+-])(\d\d):(\d\d))\s*$/i;

/** An RFC 3339 date (Atom `published`, `updated`; Dublin Core `dc:date`) as ISO 8601 UTC; undefined for anything else. */
export function rfc3339Date(value: string | undefined): string | undefined {
  const m = RFC3339.exec(value ?? '');
  if (!m || Number(m[10] ?? 0) > 23 || Number(m[11] ?? 0) > 59) return undefined;
  const offset = m[8] ? 0 : (m[9] == '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  return isoFrom(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), Math.floor(Number(`0${m[7] ?? ''}`) * 1000), offset);
}

/** An image with a checked URL (http(s) only), its size when both dimensions are valid. */
export function imageAt(url: string | null | undefined, base: string | undefined, alt = '', width?: unknown, height?: unknown): ArticleImage | undefined {
  const src = safeUrl(url, base);
  if (!src || src.startsWith('mailto:')) return undefined;
  return defined<ArticleImage>({ src, alt: cleanText(alt), ...size(Number(width ?? NaN), Number(height ?? NaN)) });
}

/** Whether a media element (`media:content`, `enclosure`, Atom `link`) is an image. */
export const isImage = (el: Element): boolean => el.getAttribute('medium') == 'image' || /^\s*image\//i.test(el.getAttribute('type') ?? '');

/**
 * Images named by Media RSS (`media:content` of medium image or an image type, then
 * `media:thumbnail`, also inside `media:group`), then by `enclosures` (RSS `enclosure`,
 * Atom `link rel="enclosure"`, with `urlAttribute`), the first one whose URL passes.
 */
export function mediaImage(item: Element, base: string | undefined, enclosures: Element[], urlAttribute: string): ArticleImage | undefined {
  const alt = (el: Element) => el.getElementsByTagNameNS(NS.media, 'description')[0]?.textContent ?? '';
  for (const el of descendantsOf(item, NS.media, 'content')) {
    const image = isImage(el) ? imageAt(el.getAttribute('url'), base, '', el.getAttribute('width'), el.getAttribute('height')) : undefined;
    if (image) return image;
  }
  for (const el of descendantsOf(item, NS.media, 'thumbnail')) {
    const image = imageAt(el.getAttribute('url'), base, '', el.getAttribute('width'), el.getAttribute('height'));
    if (image) return image;
  }
  for (const el of enclosures) {
    const image = isImage(el) ? imageAt(el.getAttribute(urlAttribute), base, alt(el)) : undefined;
    if (image) return image;
  }
  return undefined;
}

/**
 * The first `<img>` of an HTML body with a usable `src`, found without parsing the HTML
 * (the sanitiser is the one place HTML becomes DOM): each `<img` tag is read within a
 * bounded window, at most the first 20, so the scan stays linear on hostile input.
 */
export function firstImage(html: string | undefined, base: string | undefined): ArticleImage | undefined {
  if (!html) return undefined;
  const attr = (tag: string, name: string) => {
    const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'=<>\`]+))`, 'i').exec(tag);
    // Attribute values may hold entities (`&amp;` in a query string).
    return m ? htmlToText(m[1] ?? m[2] ?? m[3]) : undefined;
  };
  for (let at = html.search(/<img[\s/]/i), seen = 0; at >= 0 && seen < 20; seen++) {
    const window = html.slice(at, at + 4096);
    const end = window.indexOf('>');
    const tag = end < 0 ? window : window.slice(0, end);
    const image = imageAt(attr(tag, 'src'), base, attr(tag, 'alt'), attr(tag, 'width'), attr(tag, 'height'));
    if (image) return image;
    const next = html.slice(at + 4).search(/<img[\s/]/i);
    at = next < 0 ? -1 : at + 4 + next;
  }
  return undefined;
}
