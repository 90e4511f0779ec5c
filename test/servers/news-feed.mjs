// Test HTTP for <news-feed>: generated feeds of any length, paged the ways real sources
// page, with a log of every request so tests see what "load more" asked for.
//
//   /__feed/json?total=N&per=P[&page=K]   a JSON Feed 1.1 of items K*P-P+1..; `next_url` is
//                                         this URL with page=K+1 (every other parameter kept)
//                                         while items remain (&next=absolute|relative|javascript|self
//                                         picks how it is written, &next-bad=1 makes it a number)
//   /__feed/wp?total=N&per=P[&page=K]     a WordPress posts list (_embed shape), X-WP-Total and
//                                         X-WP-TotalPages (&pages=n overrides it: a hostile site);
//                                         a `categories` parameter filters: only posts of that
//                                         category id (posts are in category (i % 3) + 1)
//   /__feed/plain?total=N                 a WordPress list with no paging headers
//   /__feed/rss?total=N                   an RSS 2.0 file of N items (no paging, as RSS has none)
//   /__feed/atom?total=N&per=P[&page=K]   an Atom 1.0 page with `link rel="next"` (RFC 5005) while
//                                         entries remain (&type= sends another content type)
//   /__feed/rss-paged?total=N&per=P[&page=K]
//                                         an RSS 2.0 page whose channel has `atom:link rel="next"`
//                                         (RFC 5005) while items remain
//   /__feed/xml-many?items=N&valid=V      RSS of N items of which only the first V can be shown
//                                         (the others have neither title nor text)
//   /__feed/fixed/<name>                  one of the feeds below (FIXED)
//   /__feed/hostile/rss?at=p, /__feed/hostile/atom?at=p
//                                         one item per vector of the injection suites
//                                         (test/servers/hostile.mjs VECTORS), item i with vector i
//                                         in field p (HOSTILE_RSS, HOSTILE_ATOM below)
// Every route takes ?key=k (log the request under k: GET /__feed/log?key=k answers the
// list of request paths+queries), ?delay=ms (&delay-page=K: only that page), ?fail-page=K (that page answers 503, until
// GET /__feed/recover?key=k) and ?image=0 (items without an image).
import { VECTORS } from './hostile.mjs';

const PREFIX = '/__feed/';
const DATE = Date.UTC(2025, 4, 16, 10);

/** key -> [path?query] */
const log = new Map();
const recovered = new Set();

function send(res, status, body, headers = {}) {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** `url` (a URL object) with page=K, every other parameter as it was, in order. */
function pageUrl(url, page) {
  const pairs = url.search.slice(1).split('&').filter((p) => p && decodeURIComponent(p.split('=')[0].replace(/\+/g, ' ')) !== 'page');
  return `${url.pathname}?${[...pairs, `page=${page}`].join('&')}`;
}

const date = (i) => new Date(DATE - i * 3_600_000).toISOString();

function jsonItem(i, withImage, tag) {
  return {
    id: `item-${i}`,
    url: `/__feed/article/${i}`,
    title: `Article ${i}${tag}`,
    summary: `Summary of article ${i}.`,
    content_html: `<p>Body of article ${i}.</p>`,
    ...(withImage ? { image: `/__news/images/item-${i}.svg` } : {}),
    date_published: date(i),
    authors: [{ name: `Author ${i}` }],
    tags: ['news'],
  };
}

function wpPost(i, withImage, tag) {
  return {
    id: i,
    date_gmt: date(i).slice(0, 19),
    modified_gmt: date(i).slice(0, 19),
    slug: `post-${i}`,
    link: `http://127.0.0.1/__feed/post/${i}`,
    title: { rendered: `Post ${i}${tag}` },
    content: { rendered: `<p>Body of post ${i}.</p>` },
    excerpt: { rendered: `<p>Excerpt of post ${i} [&hellip;]</p>` },
    categories: [(i % 3) + 1],
    _embedded: {
      author: [{ id: 1, name: 'Editor', link: 'http://127.0.0.1/__feed/author/editor' }],
      ...(withImage ? { 'wp:featuredmedia': [{ id: 100 + i, media_type: 'image', source_url: `/__news/images/post-${i}.svg`, alt_text: '', media_details: { width: 640, height: 360 } }] } : {}),
    },
  };
}

const xmlEscape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function rssItem(i, withImage) {
  return `<item><title>RSS item ${i}</title><link>http://127.0.0.1/__feed/article/${i}</link><guid isPermaLink="false">rss-${i}</guid><pubDate>${new Date(DATE - i * 3_600_000).toUTCString()}</pubDate><dc:creator>Writer ${i}</dc:creator><description>&lt;p&gt;Description of item ${i}.&lt;/p&gt;</description>${withImage ? `<media:content url="/__news/images/rss-${i}.svg" medium="image" width="640" height="360"/>` : ''}</item>`;
}

const rssDoc = (items, next) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Generated</title><link>http://127.0.0.1/</link><description>Test</description>${next ? `<atom:link rel="self" href="/__feed/self"/><atom:link rel="next" href="${xmlEscape(next)}"/>` : ''}${items}</channel></rss>`;

function atomDoc(entries, next) {
  const link = next ? `<link rel="next" href="${xmlEscape(next)}"/>` : '';
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Generated</title><id>urn:test:atom</id><updated>2025-05-16T10:00:00Z</updated>${link}${entries}</feed>`;
}

const atomEntry = (i) =>
  `<entry><title type="html">Atom entry ${i}</title><id>urn:test:entry:${i}</id><link rel="alternate" type="text/html" href="http://127.0.0.1/__feed/article/${i}"/><updated>${date(i)}</updated><published>${date(i)}</published><author><name>Writer ${i}</name></author><summary type="text">Summary of entry ${i}.</summary></entry>`;

function sendXml(res, type, body) {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

/** Characters XML 1.0 cannot hold at all (a document with one does not parse): dropped, so the rest of the vector is tested. */
const xmlSafe = (text) => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');

/** RSS item fields: each writes the vector `v` (XML-escaped) into item i, the other fields stay valid. */
const HOSTILE_RSS = {
  title: (v) => ({ title: v }),
  description: (v) => ({ description: v }),
  'content:encoded': (v) => ({ content: v, description: '' }),
  link: (v) => ({ link: v }),
  guid: (v) => ({ link: '', guid: `<guid isPermaLink="true">${v}</guid>` }),
  'dc:creator': (v) => ({ creator: v }),
  'enclosure@url': (v) => ({ media: `<enclosure url="${v}" type="image/jpeg" length="1"/>` }),
  'media:content@url': (v) => ({ media: `<media:content url="${v}" medium="image"/>` }),
  'media:thumbnail@url': (v) => ({ media: `<media:thumbnail url="${v}"/>` }),
};

function hostileRssItem(i, field, payload) {
  const v = xmlEscape(xmlSafe(payload));
  const f = { title: `Headline ${i}`, link: `/__hostile/article/${i}`, guid: `<guid isPermaLink="false">v${i}</guid>`, creator: `Author ${i}`, description: `Summary ${i}`, content: '', media: '<media:content url="/__hostile/img.svg" medium="image"/>', ...HOSTILE_RSS[field](v) };
  return `<item><title>${f.title}</title><link>${f.link}</link>${f.guid}<pubDate>Fri, 16 May 2025 10:00:00 GMT</pubDate><dc:creator>${f.creator}</dc:creator><description>${f.description}</description>${f.content ? `<content:encoded>${f.content}</content:encoded>` : ''}${f.media}</item>`;
}

/** Atom entry fields, likewise. */
const HOSTILE_ATOM = {
  'title@html': (v) => ({ title: `<title type="html">${v}</title>` }),
  'title@text': (v) => ({ title: `<title type="text">${v}</title>` }),
  'summary@html': (v) => ({ summary: `<summary type="html">${v}</summary>` }),
  'content@html': (v) => ({ summary: '', content: `<content type="html">${v}</content>` }),
  'link@href': (v) => ({ link: `<link rel="alternate" href="${v}"/>` }),
  'author/name': (v) => ({ author: `<author><name>${v}</name></author>` }),
  'author/uri': (v) => ({ author: `<author><name>Author</name><uri>${v}</uri></author>` }),
};

function hostileAtomEntry(i, field, payload) {
  const v = xmlEscape(xmlSafe(payload));
  const f = { title: `<title>Headline ${i}</title>`, link: `<link rel="alternate" href="/__hostile/article/${i}"/>`, author: `<author><name>Author ${i}</name></author>`, summary: `<summary>Summary ${i}</summary>`, content: '', ...HOSTILE_ATOM[field](v) };
  return `<entry>${f.title}<id>urn:v:${i}</id><updated>2025-05-16T10:00:00Z</updated>${f.link}${f.author}${f.summary}${f.content}</entry>`;
}

const RSS_NAMESPACES = 'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/" xmlns:content="http://purl.org/rss/1.0/modules/content/"';

const FIXED = {
  // Items that are no article among good ones: the good ones are shown.
  'some-bad': { version: 'https://jsonfeed.org/version/1.1', items: [{ id: 'ok-1', title: 'Good one', content_html: '<p>x</p>' }, 42, { id: 'bad', title: 7 }, { id: 'ok-2', title: 'Good two', content_text: 'y' }] },
  'all-bad': { version: 'https://jsonfeed.org/version/1.1', items: [1, 'two', { title: 3 }] },
  empty: { version: 'https://jsonfeed.org/version/1.1', items: [] },
  'no-list': { hello: 'world' },
  'unsafe-links': {
    version: 'https://jsonfeed.org/version/1.1',
    next_url: 'javascript:alert(1)//',
    items: [
      { id: 'u1', title: 'Script link', url: 'javascript:alert(1)', content_text: 'x', image: 'javascript:alert(2)', authors: [{ name: 'A', url: 'javascript:alert(3)' }] },
      { id: 'u2', title: 'Data link', url: 'data:text/html,<script>alert(1)</script>', content_text: 'y' },
      { id: 'u3', title: 'Good link', url: 'https://agency.example/ok', content_text: 'z' },
    ],
  },
};

export default async function newsFeedServer(ctx, next) {
  const { req, res } = ctx;
  if (!req.url.startsWith(PREFIX)) return next();
  const url = new URL(req.url, 'http://127.0.0.1');
  const q = url.searchParams;
  const route = url.pathname.slice(PREFIX.length);
  ctx.respond = false;
  const key = q.get('key');
  if (route === 'log') return send(res, 200, log.get(key) ?? []);
  if (route === 'recover') {
    recovered.add(key);
    return send(res, 200, { ok: true });
  }
  if (key) {
    if (!log.has(key)) log.set(key, []);
    log.get(key).push(url.pathname + url.search);
  }
  const page = Math.max(1, Number(q.get('page')) || 1);
  const delay = Number(q.get('delay')) || 0;
  if (delay && (!q.get('delay-page') || Number(q.get('delay-page')) === page)) await new Promise((resolve) => setTimeout(resolve, delay));
  if (q.get('fail-page') && Number(q.get('fail-page')) === page && !recovered.has(key)) return send(res, 503, { code: 'unavailable' });
  const total = Math.max(0, Number(q.get('total')) || 0);
  const per = Math.max(1, Number(q.get('per')) || 10);
  const withImage = q.get('image') !== '0';
  if (route === 'json') {
    const from = (page - 1) * per;
    const items = Array.from({ length: Math.max(0, Math.min(per, total - from)) }, (_, i) => jsonItem(from + i + 1, withImage, ''));
    const feed = { version: 'https://jsonfeed.org/version/1.1', title: 'Generated', items };
    if (from + per < total) {
      const nextPath = pageUrl(url, page + 1);
      const how = q.get('next') ?? 'relative';
      feed.next_url = how === 'absolute' ? `http://${req.headers.host}${nextPath}` : how === 'javascript' ? `javascript:alert(1)` : how === 'self' ? url.pathname + url.search : nextPath;
      if (q.get('next-bad')) feed.next_url = 42;
    }
    return send(res, 200, feed, { 'Content-Type': 'application/feed+json; charset=utf-8' });
  }
  if (route === 'wp' || route === 'plain') {
    const category = q.get('categories');
    const all = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !category || String((i % 3) + 1) === category);
    const tag = category ? ` (category ${category})` : '';
    const from = route === 'plain' ? 0 : (page - 1) * per;
    const shown = route === 'plain' ? all : all.slice(from, from + per);
    const pages = Math.max(1, Math.ceil(all.length / per));
    if (route === 'wp' && page > pages) return send(res, 400, { code: 'rest_post_invalid_page_number', message: 'The page number requested is larger than the number of pages available.', data: { status: 400 } });
    const headers = route === 'plain' ? {} : { 'X-WP-Total': String(all.length), 'X-WP-TotalPages': q.get('pages') ?? String(pages) };
    return send(res, 200, shown.map((i) => wpPost(i, withImage, tag)), headers);
  }
  if (route === 'hostile/rss' && HOSTILE_RSS[q.get('at')]) {
    const items = VECTORS.map(({ payload }, i) => hostileRssItem(i, q.get('at'), payload)).join('');
    return sendXml(res, 'application/rss+xml', `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" ${RSS_NAMESPACES}><channel><title>Hostile</title><link>http://127.0.0.1/</link><description>x</description>${items}</channel></rss>`);
  }
  if (route === 'hostile/atom' && HOSTILE_ATOM[q.get('at')]) {
    const entries = VECTORS.map(({ payload }, i) => hostileAtomEntry(i, q.get('at'), payload)).join('');
    return sendXml(res, 'application/atom+xml', atomDoc(entries));
  }
  if (route === 'rss') return sendXml(res, q.get('type') ?? 'application/rss+xml; charset=UTF-8', rssDoc(Array.from({ length: total }, (_, i) => rssItem(i + 1, withImage)).join('')));
  if (route === 'xml-many') {
    const items = Math.max(0, Number(q.get('items')) || 10_000);
    const valid = Number(q.get('valid')) || 1;
    const body = Array.from({ length: items }, (_, i) => (i < valid ? rssItem(i + 1, false) : `<item><guid>bad-${i}</guid></item>`)).join('');
    return sendXml(res, 'application/rss+xml', rssDoc(body));
  }
  if (route === 'rss-paged') {
    const from = (page - 1) * per;
    const items = Array.from({ length: Math.max(0, Math.min(per, total - from)) }, (_, i) => rssItem(from + i + 1, withImage)).join('');
    return sendXml(res, 'application/rss+xml; charset=UTF-8', rssDoc(items, from + per < total ? pageUrl(url, page + 1) : undefined));
  }
  if (route === 'atom') {
    const from = (page - 1) * per;
    const entries = Array.from({ length: Math.max(0, Math.min(per, total - from)) }, (_, i) => atomEntry(from + i + 1)).join('');
    return sendXml(res, q.get('type') ?? 'application/atom+xml; charset=UTF-8', atomDoc(entries, from + per < total ? pageUrl(url, page + 1) : undefined));
  }
  if (route.startsWith('fixed/') && FIXED[route.slice(6)]) return send(res, 200, FIXED[route.slice(6)]);
  if (route.startsWith('article/') || route.startsWith('post/')) {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    return res.end('<!doctype html><title>Article</title><p>An article.</p>');
  }
  return send(res, 404, { code: 'not_found' });
}
