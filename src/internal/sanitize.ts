/**
 * The only place an HTML string from the network becomes DOM, and the one URL check.
 *
 * DOMPurify runs as a private instance (its hooks and config never touch a DOMPurify the
 * host page uses) with explicit allowlists. Under Trusted Types it uses our one policy,
 * `lapa-widgets`, which only ever feeds strings to inert parsers (DOMPurify's and the
 * entity decoder's): nothing it creates reaches a live document unsanitised.
 */
import DOMPurify from 'dompurify';
import type { Config } from 'dompurify';
import { stripInlineStylesAndHandlers } from './strip-inline.js';

export const TRUSTED_TYPES_POLICY_NAME = 'lapa-widgets';

// Typed locally: the global Trusted Types typings are not in every consumer's lib.
interface Policy {
  createHTML(input: string): unknown;
  createScriptURL(input: string): unknown;
}
interface PolicyFactory {
  createPolicy(name: string, rules: { createHTML(input: string): string; createScriptURL(input: string): string }): Policy;
}
let policy: Policy | null | undefined;

function trustedTypesPolicy(): Policy | null {
  if (policy === undefined) {
    const tt = (globalThis as { trustedTypes?: PolicyFactory }).trustedTypes;
    try {
      policy =
        tt?.createPolicy(TRUSTED_TYPES_POLICY_NAME, {
          createHTML: (input: string) => input,
          // DOMPurify asks for this method; we never load scripts.
          createScriptURL: () => '',
        }) ?? null;
    } catch {
      // Policy creation is refused by a CSP that does not list us: parsing still works
      // where Trusted Types are not enforced.
      policy = null;
    }
  }
  return policy ?? null;
}

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * Resolves `value` against `base` and returns it only when it is an http(s) or mailto
 * URL. Anything else (javascript:, data:, vbscript:, blob:, garbage, non-strings) gives
 * undefined. The URL parser strips the whitespace and control characters attackers hide
 * schemes behind, so `java\tscript:` is seen as what a browser would run.
 */
export function safeUrl(value: unknown, base?: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > 8192) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed, base ?? document.baseURI);
  } catch {
    return undefined;
  }
  return SAFE_PROTOCOLS.has(url.protocol) ? url.href : undefined;
}

/** Checks every candidate of a `srcset`; drops bad ones. Undefined when none is left. */
export function safeSrcset(value: unknown, base?: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  const out: string[] = [];
  // Candidates are "url descriptor?" separated by commas; URLs may contain commas only
  // when not followed by whitespace, which is how news CMSs write them.
  for (const candidate of value.split(/,\s+/)) {
    const [rawUrl, descriptor, ...rest] = candidate.trim().split(/\s+/);
    if (!rawUrl || rest.length > 0) continue;
    if (descriptor !== undefined && !/^\d+(\.\d+)?[wx]$/.test(descriptor)) continue;
    const url = safeUrl(rawUrl, base);
    if (url && !url.startsWith('mailto:')) {
      const href = url.replace(/,/g, '%2C').replace(/\s/g, '%20');
      out.push(descriptor ? `${href} ${descriptor}` : href);
    }
  }
  return out.length ? out.join(', ') : undefined;
}

export type SanitizeProfile = 'article' | 'comment';

const TEXT_TAGS = ['p', 'br', 'a', 'strong', 'b', 'em', 'i', 'u', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'q', 'sub', 'sup', 'span', 'del', 'ins', 'abbr'];

const PROFILES: Record<SanitizeProfile, { tags: string[]; attrs: string[] }> = {
  article: {
    tags: [
      ...TEXT_TAGS,
      'hr', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure', 'figcaption', 'img', 'table', 'thead', 'tbody',
      'tfoot', 'tr', 'th', 'td', 'caption', 'small', 'mark', 'cite', 'dl', 'dt', 'dd', 'time', 'div',
    ],
    attrs: ['href', 'src', 'srcset', 'sizes', 'alt', 'title', 'width', 'height', 'colspan', 'rowspan', 'scope', 'datetime', 'lang', 'dir'],
  },
  comment: {
    tags: TEXT_TAGS,
    attrs: ['href', 'title', 'lang', 'dir'],
  },
};

const purifier = DOMPurify(window);
// The base a hook resolves URLs against, and the profile being applied; set per call.
let currentBase: string | undefined;
let currentProfile: SanitizeProfile = 'article';

purifier.addHook('afterSanitizeAttributes', (node) => {
  if (!(node instanceof Element)) return;
  const tag = node.localName;
  if (node.hasAttribute('href')) {
    const href = safeUrl(node.getAttribute('href'), currentBase);
    if (href) node.setAttribute('href', href);
    else node.removeAttribute('href');
  }
  if (tag === 'a') {
    node.setAttribute('rel', currentProfile === 'comment' ? 'nofollow ugc noopener noreferrer' : 'noopener noreferrer');
    node.setAttribute('referrerpolicy', 'no-referrer');
  }
  if (tag === 'img') {
    const src = safeUrl(node.getAttribute('src'), currentBase);
    if (!src || src.startsWith('mailto:')) {
      node.remove();
      return;
    }
    node.setAttribute('src', src);
    const srcset = safeSrcset(node.getAttribute('srcset'), currentBase);
    if (srcset) {
      node.setAttribute('srcset', srcset);
      if (!node.hasAttribute('sizes')) node.setAttribute('sizes', '(max-width: 48rem) 100vw, 48rem');
    } else {
      node.removeAttribute('srcset');
      node.removeAttribute('sizes');
    }
    for (const dim of ['width', 'height']) {
      const v = node.getAttribute(dim);
      if (v !== null && !/^\d{1,5}$/.test(v)) node.removeAttribute(dim);
    }
    node.setAttribute('loading', 'lazy');
    node.setAttribute('decoding', 'async');
    node.setAttribute('referrerpolicy', 'no-referrer');
    if (!node.hasAttribute('alt')) node.setAttribute('alt', '');
  }
});

function config(profile: SanitizeProfile): Config {
  const tt = trustedTypesPolicy();
  return {
    ALLOWED_TAGS: PROFILES[profile].tags,
    ALLOWED_ATTR: PROFILES[profile].attrs,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    // Elements whose content must not be kept as text either.
    FORBID_CONTENTS: ['script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'title', 'textarea', 'select', 'option', 'xmp', 'noembed', 'noframes', 'plaintext'],
    SANITIZE_DOM: true,
    SANITIZE_NAMED_PROPS: true,
    KEEP_CONTENT: true,
    WHOLE_DOCUMENT: false,
    RETURN_DOM_FRAGMENT: true,
    ...(tt ? { TRUSTED_TYPES_POLICY: tt as Config['TRUSTED_TYPES_POLICY'] } : {}),
  };
}

/**
 * Sanitises untrusted HTML into an inert DocumentFragment ready to insert (Lit renders a
 * Node as is). Relative URLs resolve against `base`; every URL passes `safeUrl`.
 */
export function sanitizeHtml(html: unknown, profile: SanitizeProfile = 'article', base?: string): DocumentFragment {
  if (typeof html !== 'string' || html === '') return document.createDocumentFragment();
  currentBase = base;
  currentProfile = profile;
  try {
    // Pre-stripped: parsing inline styles and handlers is reported to a strict CSP.
    return purifier.sanitize(stripInlineStylesAndHandlers(html), config(profile) as Config & { RETURN_DOM_FRAGMENT: true });
  } finally {
    currentBase = undefined;
    currentProfile = 'article';
  }
}

/**
 * Plain text of an HTML string: entities decoded, tags dropped (WordPress's
 * `title.rendered` is HTML). Parsed in an inert document, so nothing loads or runs.
 */
export function htmlToText(html: unknown): string {
  if (typeof html !== 'string') return '';
  if (!/[<&]/.test(html)) return html;
  const tt = trustedTypesPolicy();
  const inert = stripInlineStylesAndHandlers(html);
  const doc = new DOMParser().parseFromString((tt ? tt.createHTML(inert) : inert) as string, 'text/html');
  for (const el of doc.querySelectorAll('script, style, template, noscript')) el.remove();
  // Blocks and line breaks separate words ("<p>One.</p><p>Two.</p>" is "One. Two.").
  for (const el of doc.body.querySelectorAll('br, p, div, li, dt, dd, h1, h2, h3, h4, h5, h6, blockquote, figcaption, pre, tr, td, th')) el.after(' ');
  return (doc.body.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Whether DOMPurify can run here (it needs a DOM); false in exotic hosts. */
export const isSanitizerSupported = (): boolean => purifier.isSupported;
