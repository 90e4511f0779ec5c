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
// Every route takes ?type= to send another content type (servers send text/html, text/plain).
import { readFile } from 'node:fs/promises';
import { normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

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

const ROUTES = {
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
  const route = ROUTES[first];
  if (!route) return send(res, 404, 'text/plain', 'no such route');
  const [defaultType, body] = route(url, req);
  return send(res, 200, type ?? defaultType, body);
}
