/**
 * Atom 1.0 (RFC 4287) entries to Article. Text constructs (`title`, `summary`, `content`)
 * carry their own `type`: `text` is text, `html` is escaped HTML, `xhtml` is markup inside a
 * `div`, serialised here for the sanitiser. Entries without authors take the feed's, as the
 * RFC says; `link rel="next"` is RFC 5005 paging.
 */
import type { Article, ArticleAuthor } from './article.js';
import { defined, invalid, nonBlank, shorten, uniqueTexts } from './validate.js';
import type { FormatOptions } from './validate.js';
import { NS, baseOf, childOf, childrenOf, firstImage, htmlText, isImage, langOf, mediaImage, rfc3339Date, textOf } from './xml.js';
import { safeUrl } from '../sanitize.js';
import { cleanText } from './validate.js';

export const isAtomFeed = (root: Element): boolean => root.localName == 'feed' && root.namespaceURI == NS.atom;

export const atomEntries = (feed: Element): Element[] => childrenOf(feed, NS.atom, 'entry');

export const atomId = (entry: Element): string | undefined => nonBlank(textOf(entry, NS.atom, 'id'))?.trim();

/** A text construct as HTML or as text (at most one of the two); out-of-line content (`src`) and other media types give neither. */
function textConstruct(el: Element | undefined): { html?: string; text?: string } {
  if (!el || el.hasAttribute('src')) return {};
  const type = (el.getAttribute('type') ?? 'text').trim().toLowerCase();
  if (type == 'html' || type == 'text/html') return { html: nonBlank(el.textContent ?? '') };
  if (type == 'xhtml' || type == 'application/xhtml+xml') {
    const div = childOf(el, NS.xhtml, 'div') ?? el;
    // CDATA is text in XML but a bogus comment to the HTML parser the sanitiser uses, which
    // would drop words from it: it becomes a text node (escaped when serialised). Comments
    // and processing instructions are not content.
    const walker = el.ownerDocument.createTreeWalker(div, NodeFilter.SHOW_CDATA_SECTION | NodeFilter.SHOW_COMMENT | NodeFilter.SHOW_PROCESSING_INSTRUCTION);
    const odd: Node[] = [];
    while (walker.nextNode()) odd.push(walker.currentNode);
    for (const node of odd) (node as ChildNode).replaceWith(node.nodeType == Node.CDATA_SECTION_NODE ? (node.textContent ?? '') : '');
    const serializer = new XMLSerializer();
    return { html: nonBlank(Array.from(div.childNodes, (node) => serializer.serializeToString(node)).join('')) };
  }
  return type == 'text' || type.startsWith('text/') ? { text: nonBlank(el.textContent ?? '') } : {};
}

/** A text construct as plain text (titles). */
function plainText(el: Element | undefined): string {
  const { html, text } = textConstruct(el);
  return html === undefined ? cleanText(text ?? '') : htmlText(html);
}

/**
 * The relation of a `link`: no `rel` is `alternate`, and a registered name written as its
 * IANA IRI (`http://www.iana.org/assignments/relation/next`) is that name (RFC 4287 4.2.7.2).
 */
const relOf = (link: Element): string => (link.getAttribute('rel')?.trim() || 'alternate').replace(/^http:\/\/www\.iana\.org\/assignments\/relation\/(?=[^/]+$)/, '');

/** The `link` elements of `parent` with relation `rel`. */
const links = (parent: Element, rel: string): Element[] => childrenOf(parent, NS.atom, 'link').filter((link) => relOf(link) == rel);

/** The first link of relation `rel` that passes the URL check (`next`: http(s) only). */
export function linkOf(parent: Element, rel: string, answerUrl: string | undefined, web = false): string | undefined {
  // An HTML page first, when an entry names its page in several types.
  const candidates = links(parent, rel).sort((a, b) => Number(!/html/i.test(a.getAttribute('type') ?? 'text/html')) - Number(!/html/i.test(b.getAttribute('type') ?? 'text/html')));
  for (const link of candidates) {
    const url = safeUrl(link.getAttribute('href'), baseOf(link, answerUrl));
    if (url && !(web && url.startsWith('mailto:'))) return url;
  }
  return undefined;
}

function authorsOf(parent: Element, answerUrl: string | undefined): ArticleAuthor[] {
  const seen = new Set<string>();
  return childrenOf(parent, NS.atom, 'author').flatMap((author) => {
    const name = cleanText(textOf(author, NS.atom, 'name') ?? '');
    const uri = childOf(author, NS.atom, 'uri');
    if (!name || seen.has(name)) return [];
    seen.add(name);
    return [defined({ name, url: uri && safeUrl(uri.textContent, baseOf(uri, answerUrl)) })];
  });
}

export function fromAtomEntry(entry: Element, feed: Element, options: FormatOptions): Article {
  const answerUrl = options.baseUrl;
  const contentEl = childOf(entry, NS.atom, 'content');
  const content = textConstruct(contentEl);
  const summary = textConstruct(childOf(entry, NS.atom, 'summary'));
  const base = baseOf(contentEl ?? entry, answerUrl);
  const entryAuthors = authorsOf(entry, answerUrl);
  const source = childOf(entry, NS.atom, 'source');
  const published = rfc3339Date(textOf(entry, NS.atom, 'published'));
  const updated = rfc3339Date(textOf(entry, NS.atom, 'updated'));
  return defined<Article>({
    title: plainText(childOf(entry, NS.atom, 'title')) || shorten(summary.text ?? htmlText(summary.html)) || shorten(content.text ?? htmlText(content.html)) || invalid('title'),
    authors: entryAuthors.length ? entryAuthors : ((source && authorsOf(source, answerUrl)) || []).length ? authorsOf(source!, answerUrl) : authorsOf(feed, answerUrl),
    tags: uniqueTexts(childrenOf(entry, NS.atom, 'category').map((el) => el.getAttribute('label') || el.getAttribute('term') || '')).filter((tag) => tag.toLowerCase() != 'uncategorized'),
    id: atomId(entry),
    url: linkOf(entry, 'alternate', answerUrl),
    contentHtml: content.html,
    contentText: content.text,
    summaryHtml: summary.html,
    summaryText: summary.text,
    image:
      mediaImage(entry, baseOf(entry, answerUrl), links(entry, 'enclosure').filter(isImage), 'href') ??
      firstImage(content.html, base) ??
      firstImage(summary.html, baseOf(entry, answerUrl)),
    // `updated` is the one date every entry has: it stands in for a missing `published`.
    datePublished: published ?? updated,
    dateModified: updated,
    language: langOf(contentEl ?? entry),
    baseUrl: base || undefined,
  });
}
