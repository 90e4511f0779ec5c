// RSS and Atom answers for the XML format tests (issue 16), under /__feeds/:
//
//   /__feeds/fixtures/<path>   a file of test/fixtures/news (any extension); its content type
//                              is ?type=<media type>, else by name: *.rss.xml / rss*.xml
//                              application/rss+xml, *.atom.xml / atom*.xml application/atom+xml,
//                              other .xml text/xml, .json application/json
//   /__feeds/many?items=n&format=rss|atom
//                              a feed of n items (default 10 000) whose first item is valid and
//                              whose others have neither title nor text: mapping any of them
//                              fails, so a card that shows the first proves it mapped no other
//   /__feeds/billion-laughs    the 0.7 KB exponential entity bomb (WebKitGTK hung on it)
//   /__feeds/quadratic?kb=n    one 20 KB entity referenced 20 000 times (n KB in all, default 40)
//   /__feeds/internal-subset   a feed whose doctype has an internal subset but no entity
//   /__feeds/broken            an RSS document that does not parse (an unclosed element)
//   /__feeds/not-a-feed        well-formed XML that is neither RSS nor Atom
//   /__feeds/html-page         an HTML page sent as text/xml (not XML: not-json)
//   /__feeds/empty?format=rss|atom  a feed without items
//   /__feeds/accept            an RSS feed whose item title is the request's Accept header
//   /__feeds/hostile/rss?at=f  for the injection suite (test/security/): an RSS feed whose item i
//   /__feeds/hostile/atom?at=f (guid / id `v<i>`) carries attack vector i (test/servers/hostile.mjs)
//                              in each field `at` (repeatable), escaped as XML text or attribute
//                              value, after deleting the fields in `drop` (comma-separated).
//                              Fields: see RSS_FIELDS and ATOM_FIELDS below.
//   /__feeds/hostile/xhtml     an Atom feed whose entry x<i> has XHTML_VECTORS[i] as its
//                              `type="xhtml"` content, as markup (each vector is well-formed XML)
// Every route takes ?type= to send another content type (servers send text/html, text/plain).
import { readFile } from 'node:fs/promises';
import { normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VECTORS } from './hostile.mjs';

const FIXTURES = fileURLToPath(new URL('../fixtures/news/', import.meta.url));
const PREFIX = '/__feeds/';

const RSS_TYPE = 'application/rss+xml; charset=UTF-8';
const ATOM_TYPE = 'application/atom+xml; charset=UTF-8';

function typeOf(path) {
  const name = path.split('/').pop();
  if (/(^rss|\.rss\.xml$)/.test(name)) return RSS_TYPE;
  if (/(^atom|\.atom\.xml$)/.test(name)) return ATOM_TYPE;
  if (name.endsWith('.json')) return 'application/json; charset=UTF-8';
  return 'text/xml; charset=UTF-8';
}

const rss = (items) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Many</title><link>https://feeds.example/</link><description>A test feed</description><language>lv</language>${items}</channel></rss>`;
const atom = (entries) =>
  `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Many</title><id>urn:test:many</id><updated>2025-05-16T10:00:00Z</updated>${entries}</feed>`;

function many(count, format) {
  const parts = [];
  if (format === 'atom') {
    parts.push('<entry><id>urn:test:first</id><title>The first of many</title><updated>2025-05-16T10:00:00Z</updated><link href="/first"/><summary>Only this one has a title.</summary></entry>');
    for (let i = 1; i < count; i++) parts.push(`<entry><id>urn:test:${i}</id><updated>2025-05-16T10:00:00Z</updated></entry>`);
    return atom(parts.join('\n'));
  }
  parts.push('<item><guid isPermaLink="false">first</guid><title>The first of many</title><link>https://feeds.example/first</link><description>Only this one has a title.</description><pubDate>Fri, 16 May 2025 10:00:00 +0000</pubDate></item>');
  for (let i = 1; i < count; i++) parts.push(`<item><guid isPermaLink="false">item-${i}</guid></item>`);
  return rss(parts.join('\n'));
}

const LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Laughs</title><item><title>&lol9;</title></item></channel></rss>`;

/** The quadratic blow-up: one large entity referenced many times (no nesting, so no depth limit stops it). */
function quadratic(kb) {
  const entity = 'a'.repeat(Math.floor((kb * 1024) / 2));
  const refs = '&a;'.repeat(Math.floor((kb * 1024) / 2 / 3));
  return `<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "${entity}">]>\n<rss version="2.0"><channel><title>Q</title><item><title>${refs}</title></item></channel></rss>`;
}

const INTERNAL_SUBSET = `<?xml version="1.0"?>
<!DOCTYPE rss SYSTEM "http://example.invalid/rss.dtd" [ <!ATTLIST item lang CDATA "lv"> ]>
<rss version="2.0"><channel><title>Subset</title><item><title>With a subset</title></item></channel></rss>`;

const xml = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const DATE_822 = 'Fri, 16 May 2025 10:00:00 GMT';
const DATE_3339 = '2025-05-16T10:00:00Z';

/** Each RSS field of a hostile item: its default value for item i, and how it is written. */
const RSS_FIELDS = {
  title: [(i) => `Headline ${i}`, (v) => `<title>${xml(v)}</title>`],
  link: [(i) => `/__hostile/article/${i}`, (v) => `<link>${xml(v)}</link>`],
  description: [(i) => `<p>Summary ${i}</p>`, (v) => `<description>${xml(v)}</description>`],
  'content:encoded': [(i) => `<p>Body of article ${i}.</p>`, (v) => `<content:encoded>${xml(v)}</content:encoded>`],
  'dc:creator': [(i) => `Author ${i}`, (v) => `<dc:creator>${xml(v)}</dc:creator>`],
  author: [() => undefined, (v) => `<author>${xml(v)}</author>`],
  category: [(i) => `Tag ${i}`, (v) => `<category>${xml(v)}</category>`],
  'media:content@url': [() => '/__hostile/img.svg', (v) => `<media:content medium="image" url="${xml(v)}"/>`],
  'media:thumbnail@url': [() => undefined, (v) => `<media:thumbnail url="${xml(v)}"/>`],
  'enclosure@url': [() => undefined, (v) => `<enclosure type="image/svg+xml" length="1" url="${xml(v)}"/>`],
};

/** The same for Atom; `-html` and `-text` name the construct's type. */
const ATOM_FIELDS = {
  title: [(i) => `Headline ${i}`, (v) => `<title type="text">${xml(v)}</title>`],
  'title-html': [() => undefined, (v) => `<title type="html">${xml(v)}</title>`],
  'link@href': [(i) => `/__hostile/article/${i}`, (v) => `<link rel="alternate" href="${xml(v)}"/>`],
  summary: [(i) => `Summary ${i}`, (v) => `<summary type="text">${xml(v)}</summary>`],
  'summary-html': [() => undefined, (v) => `<summary type="html">${xml(v)}</summary>`],
  'content-html': [(i) => `<p>Body of article ${i}.</p>`, (v) => `<content type="html">${xml(v)}</content>`],
  'content-text': [() => undefined, (v) => `<content type="text">${xml(v)}</content>`],
  'author.name': [(i) => `Author ${i}`, (v, all) => `<author><name>${xml(v)}</name>${all['author.uri'] === undefined ? '' : `<uri>${xml(all['author.uri'])}</uri>`}</author>`],
  'author.uri': [() => 'https://example.org/author', () => ''],
  'category@term': [(i) => `Tag ${i}`, (v, all) => `<category term="${xml(v)}"${all['category@label'] === undefined ? '' : ` label="${xml(all['category@label'])}"`}/>`],
  'category@label': [() => undefined, () => ''],
  'media:content@url': [() => '/__hostile/img.svg', (v) => `<media:content medium="image" url="${xml(v)}"/>`],
  'media:thumbnail@url': [() => undefined, (v) => `<media:thumbnail url="${xml(v)}"/>`],
  'enclosure@href': [() => undefined, (v) => `<link rel="enclosure" type="image/svg+xml" href="${xml(v)}"/>`],
};

/** Item i of a hostile feed: every field's default, then `drop`, then the vector in each field `at`. */
function hostileItem(fields, i, url) {
  const values = Object.fromEntries(Object.entries(fields).map(([name, [make]]) => [name, make(i)]));
  for (const name of (url.searchParams.get('drop') ?? '').split(',').filter(Boolean)) values[name] = undefined;
  for (const name of url.searchParams.getAll('at')) {
    if (!(name in fields)) throw new Error(`no hostile field ${name}`);
    // XML cannot carry C0 controls (not even as references): a feed never holds them.
    values[name] = VECTORS[i].payload.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');
  }
  return Object.entries(fields)
    .filter(([name]) => values[name] !== undefined)
    .map(([name, [, write]]) => write(values[name], values))
    .join('');
}

const HOSTILE_NS = 'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/"';

function hostileRss(url) {
  const items = VECTORS.map((_, i) => `<item><guid isPermaLink="false">v${i}</guid><pubDate>${DATE_822}</pubDate>${hostileItem(RSS_FIELDS, i, url)}</item>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" ${HOSTILE_NS}><channel><title>Hostile feed</title><link>/__hostile/</link><description>x</description><language>lv</language>${items.join('\n')}</channel></rss>`;
}

function hostileAtom(url) {
  const entries = VECTORS.map((_, i) => `<entry><id>v${i}</id><updated>${DATE_3339}</updated>${hostileItem(ATOM_FIELDS, i, url)}</entry>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" ${HOSTILE_NS} xml:lang="lv"><title>Hostile feed</title><id>urn:hostile</id><updated>${DATE_3339}</updated>${entries.join('\n')}</feed>`;
}

/**
 * Attacks written as XHTML (canary URLs only where nothing may load: images of a body may), for Atom `type="xhtml"` content, which reaches the sanitiser as
 * serialised markup: elements in the XHTML, SVG and MathML namespaces, namespace tricks that
 * an HTML parser reads differently from an XML one, CDATA, comments, processing instructions.
 */
export const XHTML_VECTORS = [
  '<script>alert(1)</script>',
  '<p>x<script>__xss("x1")</script></p>',
  '<img src="/__hostile/no-such-image-x2" onerror="__xss(\'x2\')"/>',
  '<img src="x" onerror="__xss(\'x3\')"/>',
  '<a href="javascript:__xss(\'x4\')">link</a>',
  '<a href=" &#106;avascript:__xss(\'x5\')">entity scheme</a>',
  '<svg xmlns="http://www.w3.org/2000/svg"><script>__xss("x6")</script></svg>',
  '<svg xmlns="http://www.w3.org/2000/svg" onload="__xss(\'x7\')"><circle r="4"/></svg>',
  '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:__xss(\'x8\')"><text>t</text></a></svg>',
  '<math xmlns="http://www.w3.org/1998/Math/MathML"><mtext><img src="x" onerror="__xss(\'x9\')"/></mtext></math>',
  '<h:script xmlns:h="http://www.w3.org/1999/xhtml">__xss("x10")</h:script>',
  '<x:img xmlns:x="http://www.w3.org/1999/xhtml" src="x" onerror="__xss(\'x11\')"/>',
  '<iframe src="javascript:__xss(\'x12\')"></iframe>',
  '<iframe srcdoc="&lt;script&gt;parent.__xss(\'x13\')&lt;/script&gt;"></iframe>',
  '<object data="javascript:__xss(\'x14\')"></object><embed src="javascript:__xss(\'x14\')"/>',
  '<form action="javascript:__xss(\'x15\')"><input autofocus="" onfocus="__xss(\'x15\')"/><button>go</button></form>',
  '<style>@import "/__hostile/canary/x16";</style><p style="background:url(/__hostile/canary/x16b)">styled</p>',
  '<link rel="stylesheet" href="/__hostile/canary/x17"/><meta http-equiv="refresh" content="0;url=javascript:__xss(\'x17\')"/><base href="javascript:__xss(\'x17\')//"/>',
  '<p><![CDATA[<img src=x onerror=__xss("x18")>]]></p>',
  '<p><!-- <img src=x onerror=__xss("x19")> --></p>',
  '<p><?xml-stylesheet href="/__hostile/canary/x20"?>pi</p>',
  '<div><noscript>&lt;img src=x onerror=__xss("x21")&gt;</noscript><template><img src="x" onerror="__xss(\'x21\')"/></template></div>',
  '<details open="" ontoggle="__xss(\'x22\')"><summary>s</summary>d</details>',
  '<video><source onerror="__xss(\'x23\')"/></video><audio src="x" onerror="__xss(\'x23\')"></audio>',
  '<p id="lapa" name="body" part="title" slot="x" is="x-y" popover="">clobber</p>',
  '<img src="/__hostile/img.svg" srcset="javascript:__xss(\'x25\') 1x, /__hostile/img.svg 2x"/>',
  '<a href="data:text/html,&lt;script&gt;__xss(\'x26\')&lt;/script&gt;">data</a>',
  '<select><option><img src="x" onerror="__xss(\'x27\')"/></option></select>',
];

function hostileXhtml() {
  const entries = XHTML_VECTORS.map(
    (v, i) => `<entry><id>x${i}</id><title>XHTML ${i}</title><updated>${DATE_3339}</updated><link href="/__hostile/article/x${i}"/><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${v}</div></content></entry>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Hostile XHTML</title><id>urn:hostile:xhtml</id><updated>${DATE_3339}</updated>${entries.join('\n')}</feed>`;
}

const ROUTES = {
  'hostile/rss': (url) => [RSS_TYPE, hostileRss(url)],
  'hostile/atom': (url) => [ATOM_TYPE, hostileAtom(url)],
  'hostile/xhtml': () => [ATOM_TYPE, hostileXhtml()],
  'billion-laughs': () => [RSS_TYPE, LAUGHS],
  quadratic: (url) => [RSS_TYPE, quadratic(Number(url.searchParams.get('kb')) || 40)],
  'internal-subset': () => [RSS_TYPE, INTERNAL_SUBSET],
  broken: () => [RSS_TYPE, '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Broken</title><item><title>Unclosed</item></channel></rss>'],
  'not-a-feed': () => ['text/xml', '<?xml version="1.0"?>\n<note><to>Tove</to><body>Not a feed.</body></note>'],
  'html-page': () => ['text/xml', '<!doctype html><html><head><title>Sign in</title></head><body><p>Please sign in.</p></body></html>'],
  empty: (url) => (url.searchParams.get('format') === 'atom' ? [ATOM_TYPE, atom('')] : [RSS_TYPE, rss('')]),
  accept: (url, req) => [RSS_TYPE, rss(`<item><title>${String(req.headers.accept).replace(/[<&]/g, '')}</title></item>`)],
  many: (url) => {
    const format = url.searchParams.get('format') === 'atom' ? 'atom' : 'rss';
    return [format === 'atom' ? ATOM_TYPE : RSS_TYPE, many(Number(url.searchParams.get('items')) || 10_000, format)];
  },
};

function send(res, status, type, body) {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

export default async function feedsServer(ctx, next) {
  if (!ctx.path.startsWith(PREFIX)) return next();
  ctx.respond = false;
  const { req, res } = ctx;
  const url = new URL(ctx.url, 'http://localhost');
  const [first, ...rest] = url.pathname.slice(PREFIX.length).split('/');
  const type = url.searchParams.get('type');
  if (first === 'fixtures') {
    const path = decodeURIComponent(rest.join('/'));
    const file = normalize(FIXTURES + path);
    if (!file.startsWith(FIXTURES)) return send(res, 404, 'text/plain', 'no such fixture');
    try {
      return send(res, 200, type ?? typeOf(path), await readFile(file));
    } catch {
      return send(res, 404, 'text/plain', 'no such fixture');
    }
  }
  const route = ROUTES[first === 'hostile' ? `hostile/${rest[0]}` : first];
  if (!route) return send(res, 404, 'text/plain', 'no such route');
  const [defaultType, body] = route(url, req);
  return send(res, 200, type ?? defaultType, body);
}
