/**
 * The XML formats' entry, loaded by the elements only when an answer is XML: an RSS (2.0,
 * also 1.0) or Atom 1.0 document as a feed whose items are mapped to Article on demand, so
 * a card showing the first of 10,000 items maps one. Throws only FormatError.
 */
import type { Article } from './article.js';
import type { JsonResponse } from '../fetch-json.js';
import { FormatError } from './format-error.js';
import { atomEntries, atomId, fromAtomEntry, isAtomFeed, linkOf } from './atom.js';
import { fromRssItem, rssId, rssItems } from './rss.js';
import { invalid } from './validate.js';
import type { FormatOptions } from './validate.js';
import { parseXml } from './xml.js';

export interface XmlFeed {
  format: 'rss' | 'atom';
  /** Number of items/entries in the document. */
  count: number;
  /**
   * Maps item `index` (0-based) to an Article on demand; items never asked for are never
   * mapped. Throws FormatError (`invalid`) for an index out of range or an item with nothing
   * to show (no title, no text). The article is made once per index and shared.
   */
  item(index: number): Article;
  /** Index of the item whose guid (RSS) / id (Atom) equals `id`, or -1. */
  indexOf(id: string): number;
  /** `link rel="next"` (RFC 5005) of an Atom feed or an RSS channel (`atom:link`), absolute, already through the URL check. */
  next?: string;
}

/** Runs `read`; a failure the checks did not foresee is still bad input, not a crash. */
function onlyFormatErrors<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof FormatError) throw error;
    return invalid(String(error));
  }
}

/**
 * The text of an answer in the encoding it declares, when that is not UTF-8 (older RSS
 * feeds are ISO-8859-1 or windows-125x): a byte order mark wins, then the Content-Type
 * charset, then the XML declaration's `encoding`. An unknown label keeps the UTF-8 reading.
 */
export async function xmlText({ text = '', raw, headers }: JsonResponse): Promise<string> {
  const label = /^\uFEFF/.test(text) ? undefined : (/;\s*charset\s*=\s*"?([\w.:-]+)/i.exec(headers.get('content-type') ?? '')?.[1] ?? /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([\w.:-]+)["']/.exec(text.slice(0, 512))?.[1]);
  try {
    const decoder = new TextDecoder(label);
    return decoder.encoding == 'utf-8' || !raw ? text : decoder.decode(await raw.arrayBuffer());
  } catch {
    return text;
  }
}

/**
 * The feed in `text` (`options.baseUrl`: the answer's URL, which relative links resolve
 * against; `options.itemId` is not used here, see `indexOf`). Throws only FormatError: kind
 * `not-xml` for text that looks like XML but does not parse (or is refused: a DTD with an
 * internal subset or entities), `invalid` for XML that is neither RSS nor Atom.
 */
export function readXmlFeed(text: string, options: FormatOptions): XmlFeed {
  return onlyFormatErrors(() => {
    const root = parseXml(text);
    const rss = rssItems(root);
    const atom = !rss && isAtomFeed(root);
    if (!rss && !atom) invalid('neither RSS nor Atom');
    const items = rss ? rss.items : atomEntries(root);
    const id = (item: Element) => (rss ? rssId(item, rss.ns) : atomId(item));
    const mapped: Article[] = [];
    return {
      format: rss ? 'rss' : 'atom',
      count: items.length,
      item: (index) =>
        onlyFormatErrors(() => {
          const item = Number.isInteger(index) ? items[index] : undefined;
          if (!item) invalid(`no item ${index}`);
          return (mapped[index] ??= rss ? fromRssItem(item!, rss.channel, rss.ns, options) : fromAtomEntry(item!, root, options));
        }),
      indexOf: (wanted) => items.findIndex((item) => id(item) === wanted),
      // RSS has no paging of its own; a channel may carry Atom's `atom:link rel="next"` (RFC 5005).
      next: linkOf(rss ? rss.channel : root, 'next', options.baseUrl, true),
    };
  });
}
