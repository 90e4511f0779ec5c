// Seeds the WordPress test peer through its REST API, as an editor would fill a real site:
// Latvian, Swedish and Georgian posts by named authors, titles with quotes and entities, a
// featured image uploaded through /wp/v2/media (WordPress makes the sizes with php-gd), tags,
// a post with comments closed, comment threads, a held comment, and an administrator-saved
// post with scripts in its HTML. Idempotent: posts, users, tags and the image are found by
// slug and updated; the comments of the seeded posts are deleted and created afresh, so every
// run starts from the same threads.
//
//   node test/e2e/wordpress/seed.mjs [OUT.json]     (env: WP_DIR, WP_PORT as for wordpress-up.sh)
//
// Writes the IDs, URLs and data the browser tests need to OUT.json (or prints it).
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { peerSettings, readPeerCredentials, wpClient, WpError } from './wp-rest.mjs';

// ---------------------------------------------------------------- a generated PNG
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
/** A 1280x720 RGB PNG of the three partner countries' flags: big enough for every WordPress size up to `large`. */
function flagsPng(width = 1280, height = 720) {
  const rgb = (hex) => [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const raw = Buffer.alloc((width * 3 + 1) * height);
  const fw = 340, fh = 226, top = 247, lefts = [60, 470, 880];
  const colour = (x, y) => {
    const i = lefts.findIndex((l) => x >= l && x < l + fw && y >= top && y < top + fh);
    if (i < 0) return rgb('f3efe6');
    const fx = x - lefts[i], fy = y - top;
    if (i === 0) return fy >= 90 && fy < 136 ? rgb('ffffff') : rgb('9e3039'); // Latvia
    if (i === 1) return (fx >= 105 && fx < 150) || (fy >= 90 && fy < 136) ? rgb('fecc02') : rgb('006aa7'); // Sweden
    return (fx >= 150 && fx < 190) || (fy >= 93 && fy < 133) ? rgb('ff0000') : rgb('ffffff'); // Georgia (without the small crosses)
  };
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < width; x++) raw.set(colour(x, y), row + 1 + x * 3);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------- content
const IMAGE = {
  slug: 'lapa-e2e-partneru-karogi',
  filename: 'lapa-e2e-partneru-karogi.png',
  alt: 'Latvijas, Zviedrijas un Gruzijas karogi',
  caption: 'Projekta partnervalstis',
};

const USERS = {
  karin: { username: 'karin-sjoberg', name: 'Karin Sjöberg', email: 'karin.sjoberg@example.org' },
  nino: { username: 'nino-beridze', name: 'ნინო ბერიძე', email: 'nino.beridze@example.org' },
};

const p = (text) => `<!-- wp:paragraph -->\n<p>${text}</p>\n<!-- /wp:paragraph -->`;

const POSTS = {
  swedish: {
    slug: 'lapa-e2e-goteborg',
    author: 'karin',
    image: true,
    date_gmt: '2025-03-14T08:30:00',
    title: 'Efter projektet: "Kreativt socialt företagande" & vad vi lärde oss i Göteborg',
    tags: ['socialt företagande', 'Göteborg', 'Rīga & Tbilisi'],
    content: [
      p('Den andra studieveckan hölls i Göteborg, där deltagarna från Lettland, Sverige och Georgien besökte sociala företag i Gamlestaden och på Hisingen. Vi träffade bland annat ett kafé som anställer unga utan arbetslivserfarenhet och en keramikverkstad för personer med funktionsnedsättning.'),
      '<!-- wp:heading -->\n<h2>Tre lärdomar</h2>\n<!-- /wp:heading -->',
      '<!-- wp:list -->\n<ul><li>Samarbetet med kommunen tar tid, men ger stabilitet.</li><li>En tydlig affärsmodell är lika viktig som det sociala målet.</li><li>Kreativitet är en resurs – inte en lyx.</li></ul>\n<!-- /wp:list -->',
      p('Läs hela rapporten på <a href="https://example.org/rapport">projektets webbplats</a>.'),
    ].join('\n\n'),
  },
  georgian: {
    slug: 'lapa-e2e-tbilisi',
    author: 'nino',
    image: true,
    date_gmt: '2025-04-02T12:00:00',
    title: '"შემოქმედებითი მეწარმეობა" – შეხვედრა თბილისში & რა იქნება შემდეგ?',
    tags: ['თბილისი', 'სოციალური მეწარმეობა'],
    content: [
      p('მესამე სასწავლო კვირა თბილისში გაიმართა. ლატვიელმა, შვედმა და ქართველმა მონაწილეებმა ერთად დაათვალიერეს სოციალური საწარმოები ვაკესა და სოლოლაკში: თიხის სახელოსნო, სადაც შეზღუდული შესაძლებლობების მქონე ადამიანები მუშაობენ, და საზოგადოებრივი კაფე ახალგაზრდებისთვის.'),
      p('შეხვედრის ბოლოს პარტნიორები შეთანხმდნენ, რომ პროექტის სახელმძღვანელო ოთხ ენაზე გამოიცემა: ლატვიურად, შვედურად, ქართულად და ინგლისურად.'),
      '<!-- wp:quote -->\n<blockquote class="wp-block-quote"><!-- wp:paragraph -->\n<p>„შემოქმედება და სოციალური პასუხისმგებლობა ერთმანეთს აძლიერებს.“</p>\n<!-- /wp:paragraph --></blockquote>\n<!-- /wp:quote -->',
    ].join('\n\n'),
  },
  cafe: {
    slug: 'lapa-e2e-kafejnica',
    author: 'admin',
    date_gmt: '2025-05-02T07:00:00',
    // An editor's <em> in a title: WordPress renders it as markup, the card as plain text.
    title: 'Kopienas kafejnīca Rīgā: "Darbs jauniešiem" & <em>labākā</em> kafija Avotu ielā',
    tags: ['sociālā uzņēmējdarbība'],
    content: p('Avotu ielā durvis vēris kopienas kafejnīca, kurā strādā jaunieši bez iepriekšējas darba pieredzes. Projekts tapa pēc mācību nedēļas Gēteborgā, kur partneri iepazinās ar līdzīgu uzņēmumu.'),
  },
  closed: {
    slug: 'lapa-e2e-nosleguma-pasakums',
    author: 'admin',
    date_gmt: '2025-05-20T15:00:00',
    title: 'Projekta noslēguma pasākums Rīgā',
    tags: [],
    comments: 'closed',
    content: p('Paldies visiem, kas piedalījās noslēguma pasākumā! Diskusija par šo ierakstu ir slēgta.'),
  },
  closing: {
    slug: 'lapa-e2e-komentari-aizveras',
    author: 'admin',
    date_gmt: '2025-05-21T09:00:00',
    title: 'Pieteikšanās rudens semināram',
    tags: [],
    content: p('Pieteikties rudens tiešsaistes semināram var līdz 1. septembrim. Jautājumus varat uzdot komentāros.'),
  },
  scripts: {
    slug: 'lapa-e2e-administratora-skripti',
    author: 'admin',
    date_gmt: '2025-05-22T10:00:00',
    // An administrator typed the entities: the title must show "<script>" as text.
    title: 'Administratora HTML ar &lt;script&gt; un "onerror"',
    tags: [],
    // Each vector records itself in the test page's window.__lapaE2E when it runs. wpautop
    // and the block filters leave these as they are (an administrator has unfiltered_html).
    content: [
      '<p>Šo ierakstu saglabāja administrators (<code>unfiltered_html</code>), tāpēc WordPress to nefiltrēja.</p>',
      '<script>top.__lapaE2E.record("script")</script>',
      '<p><img src="/lapa-e2e-no-such-image.png" alt="salauzts attēls" onerror="top.__lapaE2E.record(\'img-onerror\')"></p>',
      '<svg width="10" height="10" onload="top.__lapaE2E.record(\'svg-onload\')"><circle cx="5" cy="5" r="4"></circle></svg>',
      '<p><a id="lapa-e2e-js-link" href="javascript:top.__lapaE2E.record(\'javascript-href\')">javascript: saite</a></p>',
      '<p><a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzJyk8L3NjcmlwdD4=">data: saite</a> un <a href="https://example.org/" target="_blank">droša saite</a></p>',
      // Entities, not "<" inside the attribute: wptexturize would otherwise garble the tag.
      '<iframe srcdoc="&lt;script&gt;top.__lapaE2E.record(\'iframe-srcdoc\')&lt;/script&gt;" title="iframe"></iframe>',
      '<details open ontoggle="top.__lapaE2E.record(\'details-ontoggle\')"><summary>Detaļas</summary><p>Saturs</p></details>',
      '<form action="https://example.org/steal"><input name="q" autofocus onfocus="top.__lapaE2E.record(\'input-onfocus\')"><button formaction="javascript:top.__lapaE2E.record(\'formaction\')">Sūtīt</button></form>',
      '<object data="https://example.org/lapa-e2e.swf" type="application/x-shockwave-flash"></object>',
      '<embed src="https://example.org/lapa-e2e.swf">',
      '<meta name="lapa-e2e" content="meta-survived"><base href="https://example.org/">',
      '<style>p { color: red !important; }</style>',
      '<p style="color: red" onclick="top.__lapaE2E.record(\'onclick\')">Rindkopa ar onclick un style.</p>',
    ].join('\n'),
  },
};

// One sequence per post: `parent` names an earlier comment of the same post.
const COMMENTS = {
  swedish: [
    { key: 'erik', author_name: 'Erik Lindqvist', author_email: 'erik.lindqvist@example.org', date_gmt: '2025-03-15T09:00:00',
      content: 'Tack för en fin sammanfattning! Besöket på keramikverkstaden var höjdpunkten för oss.' },
    { key: 'anna', parent: 'erik', author_name: 'Anna Bērziņa', author_email: 'anna.berzina@example.org', date_gmt: '2025-03-15T11:20:00',
      content: 'Paldies, Erik! Uz tikšanos Rīgā rudenī – atvediet arī savu komandu.' },
    { key: 'nino', parent: 'anna', author_name: 'ნინო ბერიძე', author_email: 'nino.beridze@example.org', date_gmt: '2025-03-16T07:45:00',
      content: 'მადლობა ორივეს! თბილისში ყველას ველოდებით.' },
    { key: 'sara', author_name: 'Sara Holm', author_email: 'sara.holm@example.org', author_url: 'https://example.org/sara', date_gmt: '2025-03-17T15:10:00',
      content: 'Finns handboken på svenska också? Frågor & svar vore bra.\nTack på förhand!' },
  ],
  georgian: [
    { key: 'giorgi', author_name: 'გიორგი მაისურაძე', author_email: 'giorgi.maisuradze@example.org', date_gmt: '2025-04-03T10:00:00',
      content: 'ძალიან საინტერესო შეხვედრა იყო. როდის გამოქვეყნდება სახელმძღვანელო?' },
  ],
  cafe: [
    { key: 'janis', author_name: 'Jānis Ozols', author_email: 'janis.ozols@example.org', date_gmt: '2025-05-03T08:15:00',
      content: 'Lieliska iniciatīva! Kur tieši kafejnīca atrodas?' },
  ],
  closed: [
    { key: 'liga', author_name: 'Līga Kalniņa', author_email: 'liga.kalnina@example.org', date_gmt: '2025-05-20T18:00:00',
      content: 'Paldies par brīnišķīgo vakaru!' },
  ],
};

// Posted anonymously, as a reader would: WordPress holds a first-time commenter's comment.
const HELD = { post: 'swedish', author_name: 'Olle Nyström', content: 'Den här kommentaren väntar fortfarande på granskning.' };

// ---------------------------------------------------------------- seeding
const { dir, site } = peerSettings();
const { user, appPassword, fixtures } = readPeerCredentials(dir);
const wp = wpClient({ site, user, appPassword });
const q = (params) => new URLSearchParams(params).toString();

async function ensureUser({ username, name, email }) {
  const [found] = await wp.admin.get(`/wp/v2/users?${q({ slug: username, context: 'edit' })}`);
  if (found) return (await wp.admin.post(`/wp/v2/users/${found.id}`, { name, roles: ['author'] })).id;
  return (await wp.admin.post('/wp/v2/users', {
    username, name, email, roles: ['author'], password: randomBytes(18).toString('base64url'),
  })).id;
}

async function ensureTag(name) {
  try {
    return (await wp.admin.post('/wp/v2/tags', { name })).id;
  } catch (error) {
    if (error instanceof WpError && error.body?.code === 'term_exists') return error.body.data.term_id;
    throw error;
  }
}

async function ensureImage() {
  const [found] = await wp.admin.get(`/wp/v2/media?${q({ slug: IMAGE.slug, context: 'edit' })}`);
  let media = found;
  if (media) {
    const res = await fetch(media.source_url, { method: 'HEAD' });
    if (!res.ok) {
      await wp.admin.delete(`/wp/v2/media/${media.id}?force=true`);
      media = undefined;
    }
  }
  if (!media) {
    media = await wp.admin.post('/wp/v2/media', flagsPng(), {
      'Content-Type': 'image/png',
      'Content-Disposition': `attachment; filename="${IMAGE.filename}"`,
    });
  }
  media = await wp.admin.post(`/wp/v2/media/${media.id}`, { alt_text: IMAGE.alt, caption: IMAGE.caption, title: IMAGE.alt });
  const sizes = Object.keys(media.media_details?.sizes ?? {}).filter((s) => s !== 'full');
  if (sizes.length < 3) {
    throw new Error(`WordPress made only [${sizes}] image sizes for the upload: is php8.2-gd installed (wordpress-up.sh installs it)?`);
  }
  return media;
}

async function upsertPost(key, spec, ids) {
  const [found] = await wp.admin.get(`/wp/v2/posts?${q({ slug: spec.slug, status: 'any', context: 'edit' })}`);
  const body = {
    slug: spec.slug,
    title: spec.title,
    content: spec.content,
    status: 'publish',
    date_gmt: spec.date_gmt,
    author: ids.users[spec.author] ?? ids.admin,
    tags: spec.tags.map((name) => ids.tags[name]),
    featured_media: spec.image ? ids.image : 0,
    // Open while the comments are created; closed ones are closed afterwards.
    comment_status: 'open',
    ping_status: 'closed',
  };
  const post = await wp.admin.post(found ? `/wp/v2/posts/${found.id}` : '/wp/v2/posts', body);
  if (!found) console.log(`  created post ${key} (${post.id})`);
  return post;
}

async function deleteComments(postId) {
  const lists = await Promise.all(['approve', 'hold', 'spam', 'trash'].map((status) =>
    wp.admin.get(`/wp/v2/comments?${q({ post: postId, status, per_page: 100, context: 'edit' })}`)));
  await Promise.all(lists.flat().map((c) => wp.admin.delete(`/wp/v2/comments/${c.id}?force=true`)));
}

/** A post with its comments afresh; replies wait for their parent. */
async function seedPost(key, spec, ids) {
  const post = await upsertPost(key, spec, ids);
  await deleteComments(post.id);
  const byKey = {};
  for (const c of COMMENTS[key] ?? []) {
    const { key: ckey, parent, ...fields } = c;
    const created = await wp.admin.post('/wp/v2/comments', {
      ...fields, post: post.id, parent: parent ? byKey[parent].id : 0, status: 'approved',
    });
    byKey[ckey] = { id: created.id, parent: created.parent, author_name: c.author_name, author_email: c.author_email, content: c.content, date_gmt: created.date_gmt };
  }
  if (spec.comments === 'closed') await wp.admin.post(`/wp/v2/posts/${post.id}`, { comment_status: 'closed' });
  return {
    post: {
      id: post.id,
      link: post.link,
      rest: `${site}/wp-json/wp/v2/posts/${post.id}`,
      comments: `${site}/wp-json/wp/v2/comments?post=${post.id}`,
      date_gmt: post.date_gmt,
      author: spec.author === 'admin' ? ids.adminName : USERS[spec.author].name,
      tags: spec.tags,
    },
    comments: byKey,
  };
}

// Independent requests go in parallel (php -S runs several workers): seeding is on every run's clock.
const t0 = performance.now();
const [, me, users, image, tags] = await Promise.all([
  wp.admin.post('/wp/v2/settings', { timezone: 'Europe/Riga' }), // date differs from date_gmt, as on a Latvian site
  wp.admin.get('/wp/v2/users/me?context=edit'),
  Promise.all(Object.values(USERS).map(ensureUser)),
  ensureImage(),
  // Each tag once, before the posts, so two posts never race to create the same one.
  Promise.all([...new Set(Object.values(POSTS).flatMap((p) => p.tags))].map(async (name) => [name, await ensureTag(name)])),
]);
const ids = {
  admin: me.id,
  adminName: me.name,
  users: Object.fromEntries(Object.keys(USERS).map((key, i) => [key, users[i]])),
  image: image.id,
  tags: Object.fromEntries(tags),
};

const out = {
  site,
  generatedAt: new Date().toISOString(),
  image: {
    id: image.id,
    alt: IMAGE.alt,
    sourceUrl: image.source_url,
    sizes: Object.fromEntries(Object.entries(image.media_details.sizes).map(([name, s]) => [name, { url: s.source_url, width: s.width, height: s.height }])),
  },
  posts: {},
  comments: {},
  held: null,
};

const seeded = await Promise.all(Object.entries(POSTS).map(async ([key, spec]) => [key, await seedPost(key, spec, ids)]));
for (const [key, { post, comments }] of seeded) {
  out.posts[key] = post;
  out.comments[key] = comments;
}

// The up-script's own fixtures: its Latvian article and its administrator-saved post with alert()s.
for (const [key, id] of [['latvian', fixtures.latvian_id], ['dangerous', fixtures.dangerous_id]]) {
  const post = await wp.admin.get(`/wp/v2/posts/${id}?_embed`);
  out.posts[key] = {
    id,
    link: post.link,
    rest: `${site}/wp-json/wp/v2/posts/${id}`,
    comments: `${site}/wp-json/wp/v2/comments?post=${id}`,
    date_gmt: post.date_gmt,
    author: post._embedded?.author?.[0]?.name,
    tags: (post._embedded?.['wp:term'] ?? []).flat().filter((t) => t.taxonomy === 'post_tag').map((t) => t.name),
  };
}

const held = await wp.anonymous.post('/wp/v2/comments', {
  post: out.posts[HELD.post].id,
  author_name: HELD.author_name,
  author_email: `olle.${Date.now()}@example.org`,
  content: HELD.content,
});
if (held.status !== 'hold') {
  throw new Error(`an anonymous first-time comment came back "${held.status}", not "hold": the site's discussion settings changed`);
}
out.held = { id: held.id, post: HELD.post, author_name: HELD.author_name, content: HELD.content };

// <news-feed>'s "load more" across pages of the REST posts list with a category filter kept:
// five posts in a category of their own (the other posts are not in it), newest first.
async function ensureCategory(name) {
  try {
    return (await wp.admin.post('/wp/v2/categories', { name })).id;
  } catch (error) {
    if (error instanceof WpError && error.body?.code === 'term_exists') return error.body.data.term_id;
    throw error;
  }
}
const FEED_POSTS = 5;
const feedCategory = await ensureCategory('Partneru ziņas');
const feedPosts = await Promise.all(
  Array.from({ length: FEED_POSTS }, async (_, i) => {
    const slug = `partneru-zina-${i + 1}`;
    const [found] = await wp.admin.get(`/wp/v2/posts?${q({ slug, status: 'any', context: 'edit' })}`);
    const body = {
      slug,
      title: `Partnera ziņa ${i + 1}`,
      content: `<p>Ziņa numur ${i + 1} partneru kategorijā.</p>`,
      excerpt: `Ziņa numur ${i + 1}.`,
      status: 'publish',
      date_gmt: `2025-06-0${i + 1}T10:00:00`,
      categories: [feedCategory],
      author: ids.admin,
    };
    return wp.admin.post(found ? `/wp/v2/posts/${found.id}` : '/wp/v2/posts', body);
  }),
);
out.feed = {
  category: feedCategory,
  posts: `${site}/wp-json/wp/v2/posts`,
  // Newest first, as the REST list orders them.
  titles: feedPosts.map((p) => p.title.raw ?? p.title.rendered).reverse(),
};

const json = `${JSON.stringify(out, null, 2)}\n`;
if (process.argv[2]) writeFileSync(process.argv[2], json);
else process.stdout.write(json);
console.error(`seeded ${Object.keys(out.posts).length} posts in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
