/**
 * WordPress REST API v2 posts (`/wp-json/wp/v2/posts/<id>`, or a list from
 * `/wp-json/wp/v2/posts`, with or without `?_embed`) to Article. Titles, names and term
 * names arrive HTML-escaped and are decoded to text; content and excerpt stay HTML for
 * the sanitiser. `_embedded` adds the author, the featured image and the terms; WordPress
 * puts an error object in place of an embed the reader may not see, which is skipped.
 */
import type { Article, ArticleImage } from './article.js';
import { htmlToText, safeUrl } from '../sanitize.js';
import {
  cleanText,
  defined,
  dimension,
  invalid,
  isObject,
  isoDate,
  nonBlank,
  optionalArray,
  optionalId,
  optionalObject,
  optionalString,
  optionalUrl,
  pick,
  shorten,
  size,
  uniqueTexts,
} from './validate.js';
import type { FormatOptions, JsonObject } from './validate.js';

/** A post: `title` is an object with `rendered`, as only WordPress writes it. */
export const isWordPressPost = (data: unknown): data is JsonObject => isObject(data) && isObject(data.title) && 'rendered' in data.title;

/** `obj[key].rendered`: WordPress's HTML fields. */
const rendered = (obj: JsonObject, key: string): string | undefined => {
  const field = optionalObject(obj, key);
  return field && optionalString(field, 'rendered');
};

/** Not one of the error objects WordPress embeds instead of what the reader may not see. */
const usable = (embed: unknown): embed is JsonObject => isObject(embed) && (!('code' in embed) || 'id' in embed);

/** The usable objects of an `_embedded` list. */
const embedded = (embeds: JsonObject | undefined, key: string): JsonObject[] => ((embeds && optionalArray(embeds, key)) ?? []).filter(usable);

function imageOf(media: JsonObject | undefined, base: string | undefined): ArticleImage | undefined {
  const type = media && optionalString(media, 'media_type');
  const src = media && (type ?? 'image') == 'image' ? optionalUrl(media, 'source_url', base) : undefined;
  if (!src) return undefined;
  const alt = cleanText(optionalString(media!, 'alt_text') ?? '');
  const details = optionalObject(media!, 'media_details') ?? {};
  const { width, height } = size(details.width, details.height);
  // Every rendition WordPress made, widest last, as `url 300w` candidates; the cropped
  // ones (thumbnail) have another aspect ratio and would distort.
  const candidates = new Map<number, string>();
  for (const rendition of Object.values(optionalObject(details, 'sizes') ?? {})) {
    if (!isObject(rendition)) continue;
    const w = dimension(rendition.width);
    const h = dimension(rendition.height);
    const url = safeUrl(rendition.source_url, base);
    if (url && w && !url.startsWith('mailto:') && (!width || !h || Math.abs(w / h - width / height!) < 0.02)) candidates.set(w, url);
  }
  if (width && !candidates.has(width)) candidates.set(width, src);
  return defined<ArticleImage>({
    src,
    alt,
    width,
    height,
    // URLs are serialised (no white space); a comma would split a candidate.
    srcset: candidates.size > 1 ? [...candidates].sort(([a], [b]) => a - b).map(([w, url]) => `${url.replace(/,/g, '%2C')} ${w}w`).join(', ') : undefined,
  });
}

export function fromPost(post: unknown, options: FormatOptions): Article {
  if (!isWordPressPost(post)) return invalid('post');
  const base = options.baseUrl;
  const title = rendered(post, 'title') ?? invalid('title');
  const content = rendered(post, 'content');
  const excerpt = rendered(post, 'excerpt');
  const embeds = optionalObject(post, '_embedded');
  // `*_gmt` first: the other is in the site's zone, which the API does not state.
  const date = (key: string) => isoDate(optionalString(post, `${key}_gmt`), true) ?? isoDate(optionalString(post, key), true);
  return defined<Article>({
    // An untitled post with a blank excerpt is named by its content.
    title: cleanText(htmlToText(title)) || shorten(htmlToText(excerpt)) || shorten(htmlToText(content)) || invalid('title'),
    authors: embedded(embeds, 'author').flatMap((user) => {
      const name = cleanText(htmlToText(optionalString(user, 'name')));
      return name ? [defined({ name, url: optionalUrl(user, 'link', base) })] : [];
    }),
    // Category and tag names, categories first; WordPress's default "Uncategorized" is noise.
    tags: uniqueTexts(
      ((embeds && optionalArray(embeds, 'wp:term')) ?? [])
        .flatMap((group) => (Array.isArray(group) ? group : invalid('wp:term')))
        .filter((term) => usable(term) && ['category', 'post_tag'].includes(optionalString(term, 'taxonomy') ?? 'category') && optionalString(term, 'slug') != 'uncategorized')
        .map((term) => htmlToText(optionalString(term as JsonObject, 'name'))),
    ),
    id: optionalId(post, 'id'),
    url: optionalUrl(post, 'link', base),
    contentHtml: nonBlank(content),
    summaryHtml: nonBlank(excerpt),
    image: imageOf(embedded(embeds, 'wp:featuredmedia')[0], base),
    datePublished: date('date'),
    dateModified: date('modified'),
    baseUrl: base || undefined,
  });
}

/**
 * A post, or a list of posts: the one whose id or slug is `itemId`, else the first; null
 * when there is none (the empty state).
 */
export function fromWordPress(data: unknown, options: FormatOptions): Article | null {
  if (!Array.isArray(data)) return fromPost(data, options);
  if (data.length && !data.some(isWordPressPost)) invalid('list');
  const post = pick(data, options.itemId, true);
  return post === undefined ? null : fromPost(post, options);
}
