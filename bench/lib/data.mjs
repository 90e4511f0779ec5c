// What the benchmark serves: WordPress posts derived from one real recorded response,
// solid-colour PNGs, and a seeded comment thread. Deterministic, so two runs measure the
// same bytes.
import { readFileSync } from 'node:fs';
import { deflateSync, crc32 } from 'node:zlib';

// Re-serialised: WordPress escapes slashes (`http:\/\/`), which would hide its URLs from the rewrite.
const RECORDED = JSON.stringify(JSON.parse(readFileSync(new URL('../fixtures/wordpress/02-post-latvian-embed.json', import.meta.url), 'utf8')));
const RECORDED_HOST = 'http://127.0.0.1:8089';
const IMAGE_NAME = 'sadarbiba-lv-se-ge';

/** Post ids the server knows: the recording, the long article, and the feed copies. */
export const RECORDED_ID = 5;
export const LONG_ID = 9000;
export const FEED_FIRST_ID = 1000;
export const FEED_POSTS = 200;

/** Where a post's JSON lives on the bench server. */
export const postPath = (id) => `/wp-json/wp/v2/posts/${id}?_embed`;

function rewriteHosts(text, origin) {
  return text.replaceAll(RECORDED_HOST, `${origin}/wp`).replaceAll('http://2.gravatar.com', `${origin}/gravatar`);
}

function longBody(section) {
  const parts = [];
  for (let n = 1; n <= 14; n++) {
    parts.push(
      `<h2>${n}. daļa: pieredze un secinājumi</h2>`,
      section,
      '<ul><li>Mācību nedēļas Rīgā, Gēteborgā un Tbilisi</li><li>Jaunas sociālās uzņēmējdarbības idejas</li><li>Rokasgrāmata četrās valodās</li></ul>',
      '<blockquote><p>Radošās nozares var būt sociālo pārmaiņu dzinējspēks, ja tām dod laiku un uzticību.</p></blockquote>',
      `<table><caption>Dalībnieki pa valstīm (${n})</caption><thead><tr><th scope="col">Valsts</th><th scope="col">Organizācijas</th></tr></thead><tbody><tr><td>Latvija</td><td>${n + 3}</td></tr><tr><td>Zviedrija</td><td>${n + 2}</td></tr><tr><td>Gruzija</td><td>${n + 1}</td></tr></tbody></table>`,
    );
  }
  return parts.join('\n');
}

/**
 * The JSON text of post `id`, with every URL pointing at `origin`, or undefined.
 * - RECORDED_ID: the recorded post as is (a 2 KB body).
 * - LONG_ID: the same post with a long body (14 sections, about 40 KB of HTML).
 * - FEED_FIRST_ID + n (n < FEED_POSTS): a copy with its own id, slug, title and image.
 */
export function postJson(id, origin) {
  if (id === RECORDED_ID) return rewriteHosts(RECORDED, origin);
  if (id === LONG_ID) {
    const post = JSON.parse(RECORDED);
    post.id = LONG_ID;
    post.content.rendered = longBody(post.content.rendered);
    return rewriteHosts(JSON.stringify(post), origin);
  }
  const n = id - FEED_FIRST_ID;
  if (!Number.isInteger(n) || n < 0 || n >= FEED_POSTS) return undefined;
  const post = JSON.parse(RECORDED);
  post.id = id;
  post.slug = `${post.slug}-${n}`;
  post.link = post.link.replace(/\/$/, `-${n}/`);
  post.title.rendered = `${post.title.rendered} (${n + 1}.&nbsp;daļa)`;
  post.date_gmt = post.date = new Date(Date.UTC(2025, 4, 16) - n * 86_400_000).toISOString().slice(0, 19);
  return rewriteHosts(JSON.stringify(post).replaceAll(IMAGE_NAME, `${IMAGE_NAME}-${n}`), origin);
}

// ---- images ----------------------------------------------------------------------

const pngCache = new Map();

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A solid-colour RGB PNG, `width` x `height`, its colour derived from `seed`. */
export function png(width, height, seed = 0) {
  const key = `${width}x${height}:${seed}`;
  let file = pngCache.get(key);
  if (!file) {
    const rgb = [60 + ((seed * 37) % 160), 90 + ((seed * 53) % 140), 120 + ((seed * 71) % 120)];
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3);
    const raw = Buffer.concat(Array.from({ length: height }, () => row));
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(width, 0);
    ihdr.writeUInt32BE(height, 4);
    ihdr.set([8, 2, 0, 0, 0], 8);
    file = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]);
    pngCache.set(key, file);
  }
  return file;
}

/** The PNG for an image path: `-300x158` in the name gives the size, else 1200x630. */
export function imageFor(path) {
  const size = /-(\d{2,4})x(\d{2,4})\.\w+$/.exec(path);
  const seed = Number(/-(\d+)(?:-\d+x\d+)?\.\w+$/.exec(path)?.[1] ?? 0) % 97;
  const [w, h] = size ? [Number(size[1]), Number(size[2])] : [1200, 630];
  return png(Math.min(w, 2000), Math.min(h, 2000), seed);
}

// ---- comments ----------------------------------------------------------------------

export const COMMENTS_ARTICLE = 'bench-thread';
export const COMMENT_THREADS = 100;
export const COMMENTS_PER_THREAD = 10;

const NAMES = ['Ilze Bērziņa', 'Jānis Ozols', 'Anna Lindqvist', 'Erik Johansson', 'ნინო ბერიძე', 'Sam Taylor', 'Līga Kalniņa', 'Giorgi Kapanadze', 'Maja Nilsson', 'Pēteris Liepa'];
const WORDS = (
  'paldies par rakstu ļoti iedvesmojoši redzēt ka radošās industrijas var risināt arī sociālas problēmas ' +
  'the next round opens in march and the sessions are hybrid so you can join from anywhere ' +
  'intressant läsning vi driver ett liknande projekt i göteborg och skulle gärna utbyta erfarenheter'
).split(' ');

/** Replies in a thread: index -> parent index (0 is the thread's first comment); depth at most 5. */
const SHAPE = [null, 0, 1, 2, 3, 0, 5, 0, 7, 0];

/**
 * Seeds `server` (from createCommentServer) with COMMENT_THREADS threads of
 * COMMENTS_PER_THREAD comments each, replies nested up to five levels.
 */
export function seedComments(server, articleId = COMMENTS_ARTICLE) {
  let state = 12345;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const start = Date.UTC(2026, 0, 1);
  let minute = 0;
  const text = () => {
    const n = 8 + Math.floor(random() * 60);
    const words = Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]);
    if (n > 40) words.splice(20, 0, '\n');
    const s = words.join(' ').replace(/ \n /, '\n');
    return s[0].toUpperCase() + s.slice(1) + '.';
  };
  server.db.transaction(() => {
    for (let t = 0; t < COMMENT_THREADS; t++) {
      const ids = [];
      for (let i = 0; i < COMMENTS_PER_THREAD; i++) {
        const name = NAMES[Math.floor(random() * NAMES.length)];
        ids.push(
          server.insertComment({
            articleId,
            parent: SHAPE[i] === null ? null : ids[SHAPE[i]],
            name,
            email: `reader${t}-${i}@example.org`,
            url: random() < 0.2 ? `https://example.org/~${t}-${i}` : null,
            text: text(),
            date: new Date(start + (minute += 7) * 60_000),
          }),
        );
      }
    }
  })();
  return COMMENT_THREADS * COMMENTS_PER_THREAD;
}

// ---- a long article page -----------------------------------------------------------

/** About `screens` viewport heights of article text, as HTML. */
export function longArticleHtml(screens) {
  const paragraph =
    'Projekta laikā notika trīs mācību nedēļas – Rīgā, Gēteborgā un Tbilisi –, kurās dalībnieki dalījās pieredzē par biznesa modeļiem, ' +
    'finansējuma piesaisti un sadarbību ar pašvaldībām. Katrā valstī tapa vismaz divas jaunas sociālās uzņēmējdarbības idejas, piemēram, ' +
    'keramikas darbnīca cilvēkiem ar invaliditāti un kopienas kafejnīca, kurā strādā jaunieši bez darba pieredzes.';
  // A block is about 150 px tall in the page's 40rem column: 5.4 per 800 px screen.
  return Array.from({ length: Math.round(screens * 5.4) }, (_, i) => (i % 8 === 0 ? `<h2>Sadaļa ${i / 8 + 1}</h2>` : '') + `<p>${paragraph}</p>`).join('\n');
}
