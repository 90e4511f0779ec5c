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
import { trustedTypesPolicy } from './policy.js';

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

/** Checks every candidate of a `srcset`; drops bad ones. Undefined when none is left. */
export function safeSrcset(value: unknown, base?: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  // Candidates are "url descriptor?" separated by commas; URLs may contain commas only
  // when not followed by whitespace, which is how news CMSs write them.
  const out = value.split(/,\s+/).flatMap((candidate) => {
    const [rawUrl, descriptor, ...rest] = candidate.trim().split(/\s+/);
    const url = !rest.length && (descriptor === undefined || /^\d+(\.\d+)?[wx]$/.test(descriptor)) && safeUrl(rawUrl, base);
    return url && !url.startsWith('mailto:') ? [url.replace(/,/g, '%2C').replace(/\s/g, '%20') + (descriptor ? ` ${descriptor}` : '')] : [];
  });
  return out.join(', ') || undefined;
}

export type SanitizeProfile = 'article' | 'comment';

const TEXT_TAGS = 'p br a strong b em i u s code pre blockquote ul ol li q sub sup span del ins abbr';
const COMMENT_ATTRS = 'href title lang dir';

const PROFILES: Record<SanitizeProfile, [tags: string[], attrs: string[]]> = {
  article: [
    `${TEXT_TAGS} hr h2 h3 h4 h5 h6 figure figcaption img table thead tbody tfoot tr th td caption small mark cite dl dt dd time div`.split(' '),
    `${COMMENT_ATTRS} src srcset sizes alt width height colspan rowspan scope datetime`.split(' '),
  ],
  comment: [TEXT_TAGS.split(' '), COMMENT_ATTRS.split(' ')],
};

// Elements whose content must not be kept as text either.
const FORBID_CONTENTS = 'script style template noscript iframe object embed svg math title textarea select option xmp noembed noframes plaintext'.split(' ');

/** What one sanitising call resolves URLs against and which profile it applies. */
interface Call {
  base?: string;
  profile: SanitizeProfile;
}

/**
 * Our private DOMPurify, made on first use: DOMPurify needs a window, and importing this
 * module (any entry of the package, in Node or on a server) must not. It has no hooks: what
 * depends on the call (the base URL, the profile) is applied to its output afterwards.
 */
let purifier: ReturnType<typeof DOMPurify> | undefined;

/** Our rules for what DOMPurify kept: every URL through safeUrl, and link and image attributes. */
function afterSanitizeAttributes(node: Element, { base, profile }: Call): void {
  // Sets an attribute, or removes it when there is no (safe) value.
  const set = (name: string, value?: string) => (value === undefined ? node.removeAttribute(name) : node.setAttribute(name, value));
  if (node.hasAttribute('href')) set('href', safeUrl(node.getAttribute('href'), base));
  if (node.localName === 'a') {
    set('rel', `${profile === 'comment' ? 'nofollow ugc ' : ''}noopener noreferrer`);
    set('referrerpolicy', 'no-referrer');
  }
  if (node.localName === 'img') {
    const src = safeUrl(node.getAttribute('src'), base);
    if (!src || src.startsWith('mailto:')) return node.remove();
    set('src', src);
    const srcset = safeSrcset(node.getAttribute('srcset'), base);
    set('srcset', srcset);
    set('sizes', srcset && (node.getAttribute('sizes') ?? '(max-width: 48rem) 100vw, 48rem'));
    for (const dim of ['width', 'height']) if (!/^\d{1,5}$/.test(node.getAttribute(dim) ?? '0')) node.removeAttribute(dim);
    set('loading', 'lazy');
    set('decoding', 'async');
    set('referrerpolicy', 'no-referrer');
    set('alt', node.getAttribute('alt') ?? '');
  }
}

/**
 * Sanitises untrusted HTML into an inert DocumentFragment ready to insert (Lit renders a
 * Node as is). Relative URLs resolve against `base`; every URL passes `safeUrl`.
 */
export function sanitizeHtml(html: unknown, profile: SanitizeProfile = 'article', base?: string): DocumentFragment {
  if (typeof html !== 'string' || html === '') return document.createDocumentFragment();
  const [tags, attrs] = PROFILES[profile];
  purifier ??= DOMPurify(window);
  // Pre-stripped: parsing inline styles and handlers is reported to a strict CSP.
  const fragment: DocumentFragment | null = purifier.sanitize(stripInlineStylesAndHandlers(html), {
    ALLOWED_TAGS: tags,
    ALLOWED_ATTR: attrs,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    FORBID_CONTENTS,
    SANITIZE_NAMED_PROPS: true,
    RETURN_DOM_FRAGMENT: true,
    // Without ours, DOMPurify tries to create its own policy, as it always has.
    TRUSTED_TYPES_POLICY: (trustedTypesPolicy() ?? undefined) as Config['TRUSTED_TYPES_POLICY'],
  });
  // DOMPurify gives null for a document without a body (a frameset): nothing to show.
  if (!fragment) return document.createDocumentFragment();
  for (const node of fragment.querySelectorAll('[href], a, img')) afterSanitizeAttributes(node, { base, profile });
  return fragment;
}

/**
 * Plain text of an HTML string: entities decoded, tags dropped (WordPress's
 * `title.rendered` is HTML). Parsed in an inert document, so nothing loads or runs.
 */
export function htmlToText(html: unknown): string {
  if (typeof html !== 'string') return '';
  if (!/[<&]/.test(html)) return html;
  const inert = stripInlineStylesAndHandlers(html);
  const doc = new DOMParser().parseFromString((trustedTypesPolicy()?.createHTML(inert) ?? inert) as string, 'text/html');
  // Never through the document's own properties: a named <img>, <form>, <embed> or <object>
  // in the string shadows them (`doc.body` is an <img name=body> in Firefox and WebKit).
  // The prototype's getter is the real one (a <frameset> document's body is the frameset).
  const body = Object.getOwnPropertyDescriptor(Document.prototype, 'body')!.get!.call(doc) as HTMLElement | null;
  if (!body) return '';
  for (const el of body.querySelectorAll('script,style,template,noscript')) el.remove();
  // Blocks and line breaks separate words ("<p>One.</p><p>Two.</p>" is "One. Two.").
  for (const el of body.querySelectorAll('br,p,div,li,dt,dd,h1,h2,h3,h4,h5,h6,blockquote,figcaption,pre,tr,td,th')) el.after(' ');
  return body.textContent!.replace(/\s+/g, ' ').trim();
}
