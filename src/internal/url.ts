/**
 * URL building shared by the elements that address the same servers (`<comment-box>` and
 * `<comment-count>`), so both read one `src` the same way, and the one URL check
 * `safeUrl` (also exported by sanitize.ts). No dependencies.
 */

/** `url` with each of `params` set (replacing what the URL had under that name). */
export function withParams(url: string, params: Record<string, string | number>): string {
  const target = new URL(url);
  for (const [name, value] of Object.entries(params)) target.searchParams.set(name, String(value));
  return target.href;
}

/**
 * The post id of a WordPress comments URL (`…/wp-json/wp/v2/comments?post=ID`, or
 * `…/?rest_route=/wp/v2/comments&post=ID`): a positive integer, else undefined.
 */
export function wordpressPostId(src: string): string | undefined {
  const post = new URL(src).searchParams.get('post');
  return post && /^[1-9]\d{0,18}$/.test(post) ? post : undefined;
}

/**
 * Resolves `value` against `base` and returns it only when it is an http(s) or mailto
 * URL. Anything else (javascript:, data:, vbscript:, blob:, garbage, non-strings) gives
 * undefined. The URL parser strips the whitespace and control characters attackers hide
 * schemes behind, so `java\tscript:` is seen as what a browser would run.
 */
export function safeUrl(value: unknown, base?: string): string | undefined {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  try {
    const url = trimmed && trimmed.length <= 8192 ? new URL(trimmed, base ?? document.baseURI) : undefined;
    return url && /^(https?|mailto):$/.test(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}
