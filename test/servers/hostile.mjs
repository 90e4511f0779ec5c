// Hostile data for the injection suite (test/security/), under /__hostile/ on the test
// runner's origin. Every document holds one record per attack vector (DOMPurify's 223
// and ours, test/security/own-vectors.mjs), each a complete, valid article or comment
// with the vector written into one field, so a page renders many elements from one
// request:
//
//   /__hostile/vectors                 [{ source, title, payload }] in index order
//   /__hostile/doc/jsonfeed?at=p       a JSON Feed; item i has vector i at path p
//   /__hostile/doc/wordpress?at=p      a list of WordPress posts (with _embedded); post i+1 likewise
//   /__hostile/doc/lapa?at=p&from=&to= a page of our comments protocol, comments from..to-1
//   /__hostile/wp/wp-json/wp/v2/comments?post=1&at=p&from=&to=
//                                      WordPress comments (threads; replies are none),
//                                      and .../wp/v2/posts/1 with comment_status open
//   /__hostile/canary/<id>             counts a hit (a vector managed to load or run)
//   /__hostile/canary-hits             { hits: [{ path, referer }] } since the runner started
//                                      (?self-test: those under canary/self-test/, kept apart)
//   /__hostile/outputs (POST)          one test file's rendered outputs (and sanitiser path), compared
//                                      with test/fixtures/xss/expected-outputs.json
//   /__hostile/report (POST)           one test file's tallies; the whole suite's summary
//                                      line is printed here once every group reported
//   /__hostile/img.svg                 a small image
//   /__hostile/fail                    500 with a JSON body; any other /__hostile/ path is 410
//
// `at` (repeatable: one record carries the vector in several fields, each shown in its
// own place) is a dotted path into the record (`authors.0.name`, `_embedded.author.0.link`,
// `title.rendered`); `drop` lists dotted paths to delete first (comma-separated), e.g.
// `image` when the vector goes into `banner_image`. `suffix=index` appends " #i" to an
// `id` so ids stay unique.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OWN_VECTORS } from '../security/own-vectors.mjs';

const PREFIX = '/__hostile/';
const DOMPURIFY = JSON.parse(readFileSync(new URL('../fixtures/xss/dompurify-vectors.json', import.meta.url), 'utf8'));

export const VECTORS = [
  ...DOMPURIFY.vectors.map(({ title, payload }) => ({ source: 'dompurify', title, payload })),
  ...OWN_VECTORS.map(({ group, title, payload }) => ({ source: `own:${group}`, title, payload })),
];

/** The test files that report to /__hostile/report; the summary waits for all of them. */
const GROUPS = ['jsonfeed', 'wordpress', 'comments', 'attributes', 'bundle'];

const IMAGE = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 9" width="640" height="360"><rect width="16" height="9" fill="#6b8f2f"/></svg>';
const DATE = '2025-05-16T10:00:00Z';

const canaryHits = [];
const selfTestHits = [];
const reports = new Map();

function jsonFeedItem(i) {
  return {
    id: `v${i}`,
    title: `Headline ${i}`,
    summary: `Summary ${i}`,
    content_html: `<p>Body of article ${i}.</p>`,
    url: `/__hostile/article/${i}`,
    image: '/__hostile/img.svg',
    date_published: DATE,
    authors: [{ name: `Author ${i}`, url: 'https://example.org/author' }],
    tags: [`Tag ${i}`],
    language: 'lv',
  };
}

function wordPressPost(i) {
  return {
    id: i + 1,
    slug: `v${i}`,
    date_gmt: DATE.slice(0, -1),
    link: `/__hostile/article/${i}`,
    title: { rendered: `Headline ${i}` },
    content: { rendered: `<p>Body of post ${i}.</p>` },
    excerpt: { rendered: `<p>Excerpt ${i} [&hellip;]</p>` },
    _embedded: {
      author: [{ id: 1, name: `Author ${i}`, link: 'https://example.org/author' }],
      'wp:featuredmedia': [
        {
          id: 2,
          media_type: 'image',
          source_url: '/__hostile/img.svg',
          alt_text: `Image ${i}`,
          media_details: { width: 640, height: 360, sizes: { medium: { width: 320, height: 180, source_url: '/__hostile/img.svg?w=320' } } },
        },
      ],
      'wp:term': [[{ id: 3, taxonomy: 'category', slug: 'news', name: `Category ${i}` }], [{ id: 4, taxonomy: 'post_tag', slug: 'tag', name: `Term ${i}` }]],
    },
  };
}

function lapaComment(i) {
  return { id: String(i + 1), parent: null, author: { name: `Reader ${i}`, url: 'https://example.org/reader' }, text: `Comment ${i}.`, date: `${DATE.slice(0, -1)}.000Z` };
}

function wordPressComment(i) {
  return { id: i + 1, parent: 0, author_name: `Reader ${i}`, author_url: 'https://example.org/reader', date_gmt: DATE.slice(0, -1), content: { rendered: `<p>Comment ${i}.</p>\n` } };
}

function setPath(target, path, value) {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = node[key];
  node[keys.at(-1)] = value;
}

function deletePath(target, path) {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = node?.[key];
  if (node) delete node[keys.at(-1)];
}

/** Records `from..to-1`, each with its vector at every `at`. */
function records(make, query) {
  const at = query.getAll('at');
  const drop = (query.get('drop') ?? '').split(',').filter(Boolean);
  const from = Math.max(0, Number(query.get('from') ?? 0));
  const to = Math.min(VECTORS.length, Number(query.get('to') ?? VECTORS.length));
  const out = [];
  for (let i = from; i < to; i++) {
    const record = make(i);
    for (const path of drop) deletePath(record, path);
    const { payload } = VECTORS[i];
    for (const path of at) setPath(record, path, query.get('suffix') === 'index' && path === 'id' ? `${payload} #${i}` : payload);
    out.push(record);
  }
  return out;
}

function send(res, status, type, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

const json = (res, value, headers) => send(res, 200, 'application/json; charset=utf-8', JSON.stringify(value), headers);

function report(body) {
  const entry = JSON.parse(body);
  reports.set(entry.group, entry);
  if (!GROUPS.every((g) => reports.has(g))) return;
  const all = [...reports.values()];
  const paths = all.reduce((n, r) => n + r.paths, 0);
  const renders = all.reduce((n, r) => n + r.renders, 0);
  const executions = all.reduce((n, r) => n + r.executions, 0);
  const violations = all.reduce((n, r) => n + r.violations, 0);
  const own = VECTORS.length - DOMPURIFY.vectors.length;
  console.log(
    `xss: ${DOMPURIFY.vectors.length}+${own} vectors x ${paths} paths = ${VECTORS.length * paths} placements in ${renders} renders, ` +
      `${executions} executions, ${canaryHits.length} canary requests, ${violations} violations`,
  );
  reports.clear();
}

/**
 * What every engine must render each vector to (digests of the normalised content parts,
 * by group and "path#vector"), on the native sanitiser path; `<group>@dompurify` holds the
 * DOMPurify path's renders where they differ from those (the differences
 * test/internal/sanitize-differential.test.ts accepts, with their reasons). LAPA_XSS_RECORD=1
 * rewrites it from the run instead of comparing: after a deliberate change, record in
 * Chromium (native), then in Chromium with LAPA_SANITIZER=dompurify, then run the others.
 */
const EXPECTED_OUTPUTS = new URL('../fixtures/xss/expected-outputs.json', import.meta.url);
const digest = (text) => createHash('sha256').update(text).digest('base64url').slice(0, 16);

function compareOutputs(body) {
  const { group, engine, sanitizer, outputs } = JSON.parse(body);
  // The whole render of this engine, for comparing engines by hand when they differ.
  const dir = join(tmpdir(), 'lapa-xss-outputs');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${engine}-${sanitizer}-${group}.json`), JSON.stringify(outputs, null, 1));
  const expected = existsSync(EXPECTED_OUTPUTS) ? JSON.parse(readFileSync(EXPECTED_OUTPUTS, 'utf8')) : {};
  const keys = Object.keys(outputs).sort();
  const overrides = `${group}@dompurify`;
  if (process.env.LAPA_XSS_RECORD === '1') {
    const digests = Object.fromEntries(keys.map((k) => [k, digest(outputs[k])]));
    if (sanitizer === 'native') {
      expected[group] = digests;
      // What the DOMPurify path renders like the native one now needs no entry of its own.
      expected[overrides] = Object.fromEntries(Object.entries(expected[overrides] ?? {}).filter(([k, d]) => digests[k] !== d));
    } else {
      const base = expected[group] ?? {};
      expected[overrides] = Object.fromEntries(keys.filter((k) => base[k] !== digests[k]).map((k) => [k, digests[k]]));
    }
    if (!Object.keys(expected[overrides]).length) delete expected[overrides];
    const sorted = Object.fromEntries(Object.keys(expected).sort().map((g) => [g, expected[g]]));
    writeFileSync(EXPECTED_OUTPUTS, `${JSON.stringify(sorted, null, 0).replace(/,"/g, ',\n"')}\n`);
    return { checked: keys.length, mismatches: [] };
  }
  const want = { ...expected[group], ...(sanitizer === 'dompurify' ? expected[overrides] : {}) };
  const mismatches = keys.filter((k) => want[k] !== digest(outputs[k])).map((key) => ({ key, actual: outputs[key] }));
  for (const key of Object.keys(want)) if (!(key in outputs)) mismatches.push({ key, actual: '(not rendered in this run)' });
  return { checked: keys.length, mismatches };
}

/**
 * The request body as text, decoded once from all its bytes: decoding chunk by chunk turned a
 * character split across two TCP chunks (the '¾' of a 1 MB outputs POST) into two U+FFFD,
 * and so a render digest that did not match, now and then, in whichever engine hit it.
 */
async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function route(req, res, url) {
  const path = url.pathname.slice(PREFIX.length);
  if (path.startsWith('canary/')) {
    // The instruments' own self-test hits a canary on purpose; it is kept apart.
    (path.startsWith('canary/self-test/') ? selfTestHits : canaryHits).push({ path: url.pathname + url.search, referer: req.headers.referer ?? null });
    return send(res, 204, 'text/plain', '');
  }
  switch (path) {
    case 'vectors':
      return json(res, VECTORS);
    case 'canary-hits':
      return json(res, { hits: url.searchParams.has('self-test') ? selfTestHits : canaryHits });
    case 'report':
      report(await readBody(req));
      return send(res, 204, 'text/plain', '');
    case 'outputs':
      return json(res, compareOutputs(await readBody(req)));
    case 'img.svg':
      return send(res, 200, 'image/svg+xml', IMAGE, { 'Cache-Control': 'max-age=3600' });
    case 'doc/jsonfeed':
      return json(res, { version: 'https://jsonfeed.org/version/1.1', title: 'Hostile feed', items: records(jsonFeedItem, url.searchParams) }, { 'Content-Type': 'application/feed+json' });
    case 'doc/wordpress':
      return json(res, records(wordPressPost, url.searchParams));
    case 'doc/lapa': {
      const comments = records(lapaComment, url.searchParams);
      return json(res, { open: true, total: comments.length, comments, next: null, token: 'hostile-token' });
    }
    case 'wp/wp-json/wp/v2/posts/1':
      return json(res, { comment_status: 'open' });
    case 'wp/wp-json/wp/v2/comments': {
      // Top-level threads hold the vectors; nothing has replies.
      const parent = url.searchParams.get('parent');
      const comments = parent === '0' || parent === null ? records(wordPressComment, url.searchParams) : [];
      const list = url.searchParams.get('per_page') === '1' ? comments.slice(0, 1) : comments;
      return json(res, list, { 'X-WP-Total': String(comments.length), 'X-WP-TotalPages': '1' });
    }
    case 'fail':
      return send(res, 500, 'application/json', '{"error":"hostile"}');
    default:
      // Relative URLs in the vectors (`src=x`, a hostile `src` under /__hostile/base/)
      // land here. 410, not 404: the runner lists every 404 as a missing test file.
      return send(res, 410, 'text/plain', 'Gone');
  }
}

export default async function hostileServer(ctx, next) {
  if (!ctx.path.startsWith(PREFIX)) return next();
  ctx.respond = false;
  return route(ctx.req, ctx.res, new URL(ctx.url, 'http://localhost'));
}
