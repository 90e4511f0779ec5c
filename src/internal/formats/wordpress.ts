/**
 * WordPress REST API v2 posts (`/wp-json/wp/v2/posts/<id>`, or a list from
 * `/wp-json/wp/v2/posts`, with or without `?_embed`) to Article. Titles, names and term
 * names arrive HTML-escaped and are decoded to text; content and excerpt stay HTML for
 * the sanitiser. `_embedded` adds the author, the featured image and the terms; WordPress
 * puts an error object in place of an embed the reader may not see, which is skipped.
 */
import type { Article, ArticleAuthor, ArticleImage } from './article.js';
import { htmlToText, safeUrl } from '../sanitize.js';
import type { FormatOptions } from './jsonfeed.js';
import {
  cleanText,
  shorten,
  invalid,
  isObject,
  isoDate,
  optionalArray,
  optionalDimension,
  optionalId,
  optionalObject,
  optionalString,
  optionalUrl,
} from './validate.js';
import type { JsonObject } from './validate.js';

/** A post: `title` is an object with `rendered`, as only WordPress writes it. */
export function isWordPressPost(data: unknown): data is JsonObject {
  return isObject(data) && isObject(data.title) && 'rendered' in data.title;
}

/** `obj[key].rendered`: WordPress's HTML fields. */
function rendered(obj: JsonObject, key: string): string | undefined {
  const field = optionalObject(obj, key);
  return field ? optionalString(field, 'rendered') : undefined;
}

/** The first usable object of an `_embedded` list, skipping WordPress's error objects. */
function embedded(embeds: JsonObject | undefined, key: string): JsonObject[] {
  if (!embeds) return [];
  const list = optionalArray(embeds, key) ?? [];
  return list.filter((e): e is JsonObject => isObject(e) && !('code' in e && !('id' in e)));
}

function authorsOf(embeds: JsonObject | undefined, base: string | undefined): ArticleAuthor[] {
  const out: ArticleAuthor[] = [];
  for (const user of embedded(embeds, 'author')) {
    const name = cleanText(htmlToText(optionalString(user, 'name') ?? ''));
    if (!name) continue;
    const url = optionalUrl(user, 'link', base);
    out.push(url ? { name, url } : { name });
  }
  return out;
}

function imageOf(embeds: JsonObject | undefined, base: string | undefined): ArticleImage | undefined {
  const media = embedded(embeds, 'wp:featuredmedia')[0];
  if (!media) return undefined;
  const type = optionalString(media, 'media_type');
  if (type !== undefined && type !== 'image') return undefined;
  const src = optionalUrl(media, 'source_url', base);
  if (!src) return undefined;
  const image: ArticleImage = { src, alt: cleanText(optionalString(media, 'alt_text') ?? '') };
  const details = optionalObject(media, 'media_details');
  if (details) {
    const width = optionalDimension(details, 'width');
    const height = optionalDimension(details, 'height');
    if (width && height) Object.assign(image, { width, height });
    // Every rendition WordPress made, widest last, as `url 300w` candidates; the
    // cropped ones (thumbnail) have another aspect ratio and would distort.
    const candidates = new Map<number, string>();
    const sizes = optionalObject(details, 'sizes') ?? {};
    for (const size of Object.values(sizes)) {
      if (!isObject(size)) continue;
      const w = optionalDimension(size, 'width');
      const h = optionalDimension(size, 'height');
      const url = typeof size.source_url === 'string' ? safeUrl(size.source_url, base) : undefined;
      const sameShape = width && height && w && h ? Math.abs(w / h - width / height) < 0.02 : true;
      if (url && w && sameShape && !url.startsWith('mailto:')) candidates.set(w, url);
    }
    if (width && !candidates.has(width)) candidates.set(width, src);
    if (candidates.size > 1) {
      image.srcset = [...candidates]
        .sort(([a], [b]) => a - b)
        .map(([w, url]) => `${url.replace(/,/g, '%2C').replace(/\s/g, '%20')} ${w}w`)
        .join(', ');
    }
  }
  return image;
}

/** Category and tag names, categories first; WordPress's default "Uncategorized" is noise. */
function termsOf(embeds: JsonObject | undefined): string[] {
  // A Set, not Array.includes: a hostile answer can carry a hundred thousand terms.
  const out = new Set<string>();
  const groups = embeds ? optionalArray(embeds, 'wp:term') ?? [] : [];
  for (const group of groups) {
    if (!Array.isArray(group)) invalid('"wp:term" is not a list of lists');
    for (const term of group) {
      if (!isObject(term) || ('code' in term && !('id' in term))) continue;
      const taxonomy = optionalString(term, 'taxonomy');
      if (taxonomy !== undefined && taxonomy !== 'category' && taxonomy !== 'post_tag') continue;
      if (optionalString(term, 'slug') === 'uncategorized') continue;
      const name = cleanText(htmlToText(optionalString(term, 'name') ?? ''));
      if (name) out.add(name);
    }
  }
  return [...out];
}

export function fromWordPressPost(post: unknown, options: FormatOptions = {}): Article {
  if (!isWordPressPost(post)) return invalid('not a WordPress post');
  const base = options.baseUrl;
  const titleHtml = rendered(post, 'title');
  if (titleHtml === undefined) invalid('"title.rendered" is missing');
  const contentHtml = rendered(post, 'content');
  const excerptHtml = rendered(post, 'excerpt');
  // An untitled post with a blank excerpt is named by its content.
  const title = cleanText(htmlToText(titleHtml)) || shorten(htmlToText(excerptHtml)) || shorten(htmlToText(contentHtml));
  if (!title) invalid('the post has no title and no text');
  const embeds = optionalObject(post, '_embedded');
  const article: Article = { title, authors: authorsOf(embeds, base), tags: termsOf(embeds) };
  const id = optionalId(post, 'id');
  const url = optionalUrl(post, 'link', base);
  const image = imageOf(embeds, base);
  const datePublished = isoDate(optionalString(post, 'date_gmt'), true) ?? isoDate(optionalString(post, 'date'), true);
  const dateModified = isoDate(optionalString(post, 'modified_gmt'), true) ?? isoDate(optionalString(post, 'modified'), true);
  if (id !== undefined) article.id = id;
  if (url) article.url = url;
  if (contentHtml?.trim()) article.contentHtml = contentHtml;
  if (excerptHtml?.trim()) article.summaryHtml = excerptHtml;
  if (image) article.image = image;
  if (datePublished) article.datePublished = datePublished;
  if (dateModified) article.dateModified = dateModified;
  if (base) article.baseUrl = base;
  return article;
}

/**
 * A list of posts (`/wp/v2/posts`): the one whose id or slug is `itemId`, else the first;
 * null when there is none (the empty state).
 */
export function fromWordPressList(posts: unknown[], options: FormatOptions = {}): Article | null {
  const { itemId } = options;
  const post =
    itemId === undefined
      ? posts[0]
      : posts.find((p) => isObject(p) && ((typeof p.id === 'number' && String(p.id) === itemId) || p.id === itemId || p.slug === itemId));
  return post === undefined ? null : fromWordPressPost(post, options);
}
