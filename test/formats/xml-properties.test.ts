import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { Article } from '../../src/internal/formats/article.js';
import { FormatError } from '../../src/internal/formats/format-error.js';
import { readXmlFeed } from '../../src/internal/formats/xml-feed.js';
import type { XmlFeed } from '../../src/internal/formats/xml-feed.js';
import { assertProperty } from '../support/properties.js';

const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  media: 'http://search.yahoo.com/mrss/',
  xhtml: 'http://www.w3.org/1999/xhtml',
};
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Values that matter to the mapper: hostile URLs, relative ones, dates of both kinds, markup, entities. */
const hostile = fc.constantFrom(
  'javascript:alert(1)',
  ' JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:x',
  'blob:https://x/y',
  '//evil.example/x',
  'relative/path?a=1&b=2',
  '/abs',
  'https://ok.example/a b',
  'mailto:a@b.example',
  'http://[::1',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '&lt;b&gt;x&lt;/b&gt;',
  '&#060;script&#062;',
  'Fri, 16 May 2025 12:00:00 +0300',
  '31 Feb 2025 10:00:00 GMT',
  '2025-05-16T10:00:00Z',
  '2025-13-45T99:99:99Z',
  'image/png',
  'image',
  'html',
  'xhtml',
  'text',
  'alternate',
  'next',
  'enclosure',
  'false',
  '1200',
  '-5',
  '',
);
const textValue = fc.oneof(hostile, fc.string({ maxLength: 30 }), fc.webUrl());

/** Element names of both formats, with the prefixes bound on the root. */
const NAMES = ['channel', 'item', 'title', 'link', 'guid', 'description', 'content:encoded', 'pubDate', 'dc:creator', 'dc:date', 'author', 'category', 'enclosure', 'media:content', 'media:thumbnail', 'media:group', 'language', 'entry', 'summary', 'content', 'published', 'updated', 'id', 'name', 'uri', 'source', 'x:div', 'x:p', 'x:img'];
const ATTRIBUTES = ['type', 'href', 'rel', 'url', 'medium', 'width', 'height', 'xml:base', 'xml:lang', 'isPermaLink', 'term', 'label', 'src', 'alt'];

interface Node {
  name: string;
  attributes: [string, string][];
  children: (Node | string)[];
}

const { tree } = fc.letrec<{ tree: Node; child: Node | string }>((tie) => ({
  tree: fc.record({
    name: fc.constantFrom(...NAMES),
    attributes: fc.uniqueArray(fc.tuple(fc.constantFrom(...ATTRIBUTES), textValue), { maxLength: 3, selector: ([name]) => name }),
    children: fc.array(tie('child'), { maxLength: 4 }),
  }),
  child: fc.oneof({ depthSize: 'small', withCrossShrink: true }, textValue, tie('tree')),
}));

function serialize(node: Node | string): string {
  if (typeof node === 'string') return escape(node);
  const attrs = node.attributes.map(([name, value]) => ` ${name}="${escape(value)}"`).join('');
  return `<${node.name}${attrs}>${node.children.map(serialize).join('')}</${node.name}>`;
}

const prefixes = `xmlns:content="${NS.content}" xmlns:dc="${NS.dc}" xmlns:media="${NS.media}" xmlns:x="${NS.xhtml}"`;

/** Whole documents: RSS and Atom roots around arbitrary trees, now and then broken or with a DTD. */
const document = fc
  .tuple(fc.constantFrom('rss', 'atom'), fc.array(tree, { maxLength: 5 }), fc.constantFrom('none', 'none', 'none', 'doctype', 'entity', 'cut', 'junk'), fc.string({ maxLength: 10 }), fc.nat())
  .map(([format, trees, twist, junk, at]) => {
    // Most top-level trees are items, so the mapping of their fields is what gets exercised.
    const inner = trees.map((t, i) => serialize(i % 4 === 3 ? t : { ...t, name: format === 'rss' ? 'item' : 'entry' })).join('');
    let text =
      format === 'rss'
        ? `<?xml version="1.0"?><rss version="2.0" ${prefixes}><channel>${inner}</channel></rss>`
        : `<?xml version="1.0"?><feed xmlns="${NS.atom}" ${prefixes} xml:base="https://base.example/feed/">${inner}</feed>`;
    if (twist === 'doctype') text = text.replace('?>', '?><!DOCTYPE x [ <!ATTLIST item a CDATA "b"> ]>');
    if (twist === 'entity') text = text.replace('?>', `?><!DOCTYPE x [ <!ENTITY e "${escape(junk)}"> ]>`);
    if (twist === 'cut') text = text.slice(0, at % (text.length + 1));
    if (twist === 'junk') text = text.slice(0, at % (text.length + 1)) + junk + text.slice(at % (text.length + 1));
    return text;
  });

/** The URLs an article carries, by where they are shown. */
const linksOf = (article: Article) => [article.url, ...article.authors.map((author) => author.url)].filter((url) => url !== undefined);

/** A URL as the URL check leaves it: absolute, parsed, http(s) (or mailto for links). */
const checked = (url: string, mailto: boolean) => {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  return parsed?.href === url && (parsed.protocol === 'https:' || parsed.protocol === 'http:' || (mailto && parsed.protocol === 'mailto:'));
};

/** Reads `text`; passes when every failure is a FormatError and every URL given out passed the check. */
function onlyCheckedOutput(text: string): boolean {
  let feed: XmlFeed;
  try {
    feed = readXmlFeed(text, { baseUrl: 'https://feeds.example/a/feed.xml' });
  } catch (error) {
    return error instanceof FormatError && (error.kind === 'invalid' || error.kind === 'not-xml');
  }
  if (feed.next !== undefined && !checked(feed.next, false)) return false;
  for (let i = 0; i < Math.min(feed.count, 6); i++) {
    let article: Article;
    try {
      article = feed.item(i);
    } catch (error) {
      if (!(error instanceof FormatError && error.kind === 'invalid')) return false;
      continue;
    }
    if (typeof article.title !== 'string' || !article.title) return false;
    if (!linksOf(article).every((url) => checked(url!, true))) return false;
    if (article.image && !checked(article.image.src, false)) return false;
    for (const date of [article.datePublished, article.dateModified]) if (date !== undefined && new Date(date).toISOString() !== date) return false;
  }
  return true;
}

const cleanText = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
  .map((s) => s.replace(/\s+/g, ' ').trim())
  // No markup, and only characters XML allows (no C0 controls, no lone surrogates).
  .filter((s) => s.length > 0 && !/[<&\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(s) && !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s));
const date = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => new Date(Math.floor(d.getTime() / 1000) * 1000));

describe('XML feeds, property-based', () => {
  it('throw nothing but FormatError and give out only checked URLs and real dates, whatever RSS or Atom arrives', function () {
    this.timeout(20_000);
    assertProperty(fc.property(document, onlyCheckedOutput), { numRuns: 400, minRuns: 50, timeLimit: 12_000 });
  });

  it('throw nothing but FormatError for any string at all', () => {
    assertProperty(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string().map((s) => `<?xml version="1.0"?>${s}`)), onlyCheckedOutput), { numRuns: 300 });
  });

  it('give back the fields of any valid RSS item', () => {
    const item = fc.record({ guid: fc.uuid(), title: cleanText, link: fc.webUrl({ validSchemes: ['https'] }), date, author: cleanText });
    assertProperty(
      fc.property(fc.array(item, { minLength: 1, maxLength: 5 }), fc.nat(), (items, pick) => {
        const chosen = items[pick % items.length]!;
        const body = items
          .map((i) => `<item><guid isPermaLink="false">${i.guid}</guid><title>${escape(i.title)}</title><link>${escape(i.link)}</link><pubDate>${i.date.toUTCString()}</pubDate><dc:creator>${escape(i.author)}</dc:creator></item>`)
          .join('');
        const feed = readXmlFeed(`<rss version="2.0" ${prefixes}><channel>${body}</channel></rss>`, {});
        const article = feed.item(feed.indexOf(chosen.guid));
        expect(article.id).to.equal(chosen.guid);
        expect(article.title).to.equal(chosen.title);
        expect(article.url).to.equal(new URL(chosen.link).href);
        expect(article.datePublished).to.equal(chosen.date.toISOString());
        expect(article.authors).to.deep.equal([{ name: chosen.author }]);
        return true;
      }),
      { numRuns: 150 },
    );
  });

  it('give back the fields of any valid Atom entry, dates in any offset', () => {
    const entry = fc.record({ id: fc.uuid().map((u) => `urn:uuid:${u}`), title: cleanText, date, offset: fc.integer({ min: -14 * 60, max: 14 * 60 }), path: fc.webPath().filter((p) => p !== '') });
    const rfc3339 = (d: Date, offset: number) => {
      const local = new Date(d.getTime() + offset * 60_000).toISOString().slice(0, 19);
      const abs = Math.abs(offset);
      return `${local}${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    };
    assertProperty(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 5 }), fc.nat(), (entries, pick) => {
        const chosen = entries[pick % entries.length]!;
        const body = entries.map((e) => `<entry><id>${e.id}</id><title>${escape(e.title)}</title><link href="${escape(e.path)}"/><updated>${rfc3339(e.date, e.offset)}</updated></entry>`).join('');
        const feed = readXmlFeed(`<feed xmlns="${NS.atom}" xml:base="https://base.example/feed/">${body}</feed>`, {});
        const article = feed.item(feed.indexOf(chosen.id));
        expect(article.title).to.equal(chosen.title);
        // A path the URL parser refuses ("//" is a host-less URL) gives no link.
        expect(article.url).to.equal(URL.canParse(chosen.path, 'https://base.example/feed/') ? new URL(chosen.path, 'https://base.example/feed/').href : undefined);
        expect([article.datePublished, article.dateModified]).to.deep.equal([chosen.date.toISOString(), chosen.date.toISOString()]);
        return true;
      }),
      { numRuns: 150 },
    );
  });
});
