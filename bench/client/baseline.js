// The hand-written baselines: what a careful developer writes without a library, doing the
// minimum the widget must do. fetch, JSON.parse, DOMPurify.sanitize (the page loads
// node_modules/dompurify/dist/purify.min.js as a classic script), innerHTML into a shadow
// root. No states, no localisation, no events, no request sharing: everything the
// elements add on top is what the benchmark charges them for.
/* global DOMPurify */

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
// Formatters are expensive to create: a careful hand-written widget makes one per language.
const dateFormats = new Map();
function formatDate(iso, lang = document.documentElement.lang || undefined) {
  let format = dateFormats.get(lang);
  if (!format) dateFormats.set(lang, (format = new Intl.DateTimeFormat(lang, { dateStyle: 'long' })));
  return format.format(new Date(iso));
}

function shadow(host) {
  return host.shadowRoot ?? host.attachShadow({ mode: 'open' });
}

/**
 * A WordPress post (with `_embed`) as a card (`card`: image, title, meta, excerpt, link) or
 * the whole article (`full`). Resolves with the time its DOM was in place.
 */
export async function renderPost(host, url, variant = 'card') {
  const res = await fetch(url);
  return showPost(host, JSON.parse(await res.text()), variant);
}

/** (Re)renders a fetched post into `host`: what a hand-written widget does when an option changes. */
export function showPost(host, post, variant = 'card') {
  const root = shadow(host);
  const media = post._embedded?.['wp:featuredmedia']?.[0];
  const author = post._embedded?.author?.[0]?.name;
  const image = media
    ? `<img src="${escape(media.source_url)}" alt="${escape(media.alt_text)}" width="${media.media_details?.width ?? ''}" height="${media.media_details?.height ?? ''}" loading="lazy" decoding="async">`
    : '';
  const body = variant === 'full' ? post.content.rendered : post.excerpt.rendered;
  const more = variant === 'full' ? '' : `<a href="${escape(post.link)}">Read more</a>`;
  root.innerHTML = DOMPurify.sanitize(
    `<article>${image}<h2>${post.title.rendered}</h2><p>${escape(author)} · <time datetime="${escape(post.date_gmt)}Z">${formatDate(`${post.date_gmt}Z`, host.lang || undefined)}</time></p>${body}${more}</article>`,
  );
  return performance.now();
}

/**
 * A WordPress posts list as a list of compact cards (image, linked headline, author and
 * date, excerpt): `<news-feed>`'s hand-written equivalent. Resolves with the time its DOM
 * was in place.
 */
export async function renderPostList(host, url, limit) {
  const res = await fetch(url);
  const posts = JSON.parse(await res.text()).slice(0, limit);
  const items = posts.map((post) => {
    const media = post._embedded?.['wp:featuredmedia']?.[0];
    const author = post._embedded?.author?.[0]?.name;
    const image = media
      ? `<img src="${escape(media.source_url)}" alt="${escape(media.alt_text)}" width="${media.media_details?.width ?? ''}" height="${media.media_details?.height ?? ''}" loading="lazy" decoding="async">`
      : '';
    return `<li><article>${image}<h3><a href="${escape(post.link)}">${post.title.rendered}</a></h3><p>${escape(author)} · <time datetime="${escape(post.date_gmt)}Z">${formatDate(`${post.date_gmt}Z`)}</time></p>${post.excerpt.rendered}</article></li>`;
  });
  shadow(host).innerHTML = DOMPurify.sanitize(`<h2>News</h2><ul>${items.join('')}</ul>`);
  return performance.now();
}

// ---- comments ----------------------------------------------------------------------

function commentHtml(comment, children) {
  const name = comment.author.url
    ? `<a href="${escape(comment.author.url)}" rel="nofollow ugc noopener noreferrer">${escape(comment.author.name)}</a>`
    : escape(comment.author.name);
  const replies = children.get(comment.id);
  return `<li><article><p>${name} · <time datetime="${escape(comment.date)}">${formatDate(comment.date)}</time></p><p>${escape(comment.text).replace(/\n/g, '<br>')}</p><button type="button">Reply</button></article>${
    replies ? `<ol>${replies.map((c) => commentHtml(c, children)).join('')}</ol>` : ''
  }</li>`;
}

/**
 * The comment thread of our protocol, page after page: each page is fetched once the
 * previous one is on screen, as a reader pressing "load more" would. `onPage(time)` is
 * called when a page's DOM is in place and must resolve once it is painted. Plain text
 * bodies are escaped, not sanitised: the protocol's text is never HTML.
 */
export async function renderComments(host, url, onPage) {
  const root = shadow(host);
  root.innerHTML = '<section><h2>Comments</h2><ol></ol><form><label>Comment <textarea name="text" rows="5"></textarea></label><button>Post</button></form></section>';
  const list = root.querySelector('ol');
  let next = url;
  let total = 0;
  while (next) {
    const res = await fetch(next);
    const page = JSON.parse(await res.text());
    const children = new Map();
    for (const c of page.comments) if (c.parent !== null) children.set(c.parent, [...(children.get(c.parent) ?? []), c]);
    list.insertAdjacentHTML('beforeend', page.comments.filter((c) => c.parent === null).map((c) => commentHtml(c, children)).join(''));
    total += page.comments.length;
    next = page.next;
    await onPage(performance.now());
  }
  return total;
}
