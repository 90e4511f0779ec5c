/**
 * The only place an HTML string from the network becomes DOM, and the one URL check.
 *
 * Two sanitisers, one allowlist. Where the engine's own HTML Sanitizer works
 * (native-sanitizer.ts: Chromium, Firefox), HTML is parsed by `Document.parseHTML` with a
 * Sanitizer config; elsewhere (WebKit) by DOMPurify, which lives in purifier.ts and is
 * loaded with `import()` only then (`sanitizerReady()`). Both get the same elements, the
 * same per-element attributes and the same elements removed with their content; the
 * native path also unwraps what DOMPurify unwraps and drops the attribute values DOMPurify
 * drops, so both render the same (test/internal/sanitize-differential.test.ts). After
 * either, every URL passes safeUrl/safeSrcset and links and images get our attributes.
 *
 * Under Trusted Types DOMPurify uses our one policy, `lapa-widgets`, which only ever feeds
 * strings to inert parsers (DOMPurify's, the entity decoder's, and the XML parser of RSS and
 * Atom feeds): nothing it creates reaches a live document unsanitised. The native
 * Sanitizer needs no policy.
 * Nothing here touches `window` or `document` at import time.
 */
import { nativeSanitizer } from './native-sanitizer.js';
import type { PurifyRules, purify as Purify } from './purifier.js';
import { NOSCRIPT_STAND_IN, stripInlineStylesAndHandlers } from './strip-inline.js';
import { safeUrl } from './url.js';

export { nativeSanitizer };

// Typed locally: the global Trusted Types typings are not in every consumer's lib.
interface Policy {
  createHTML(input: string): unknown;
}
/** Our policy once asked for: null when there are no Trusted Types or the CSP refuses it. */
let policy: Policy | null | undefined;

export function trustedTypesPolicy(): Policy | null {
  if (policy === undefined) {
    // Stays null when refused by a CSP that does not list us: parsing still works where
    // Trusted Types are not enforced.
    policy = null;
    try {
      policy =
        (globalThis as { trustedTypes?: { createPolicy(name: string, rules: object): Policy } }).trustedTypes?.createPolicy('lapa-widgets', {
          createHTML: (input: string) => input,
          // DOMPurify asks for this method; we never load scripts.
          createScriptURL: () => '',
        }) ?? null;
    } catch {
      /* refused */
    }
  }
  return policy;
}

// safeUrl lives in url.ts, so that an element without HTML (comment-count) checks URLs
// without loading a sanitiser; it is exported here too, where every other caller looks.
export { safeUrl };

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
export type SanitizerPath = 'native' | 'dompurify';

/** Attributes every kept element may have. */
const COMMON_ATTRS = ['title', 'lang', 'dir'];
/** The attributes of each element beyond COMMON_ATTRS; an element not listed has only those. */
const OWN_ATTRS: Record<string, string[]> = {
  a: ['href'],
  img: ['src', 'srcset', 'sizes', 'alt', 'width', 'height'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan', 'scope'],
  time: ['datetime'],
  del: ['datetime'],
  ins: ['datetime'],
};

const TEXT_TAGS = 'p br a strong b em i u s code pre blockquote ul ol li q sub sup span del ins abbr';

const PROFILE_TAGS: Record<SanitizeProfile, string[]> = {
  article: `${TEXT_TAGS} hr h2 h3 h4 h5 h6 figure figcaption img table thead tbody tfoot tr th td caption small mark cite dl dt dd time div`.split(' '),
  comment: TEXT_TAGS.split(' '),
};

// Elements whose content must not be kept as text either.
const FORBID_CONTENTS = 'script style template noscript iframe object embed svg math title textarea select option xmp noembed noframes plaintext'.split(' ');

/**
 * The elements the parser makes without their tag in the string (a <tr> of a <table>, the
 * <tbody> around it, the <colgroup> of a <col>). Every other element has its start tag
 * there, which the pre-strip's tokens name: the native path unwraps those names and these
 * when not kept, as DOMPurify unwraps whatever it does not keep.
 */
const IMPLIED_ELEMENTS = ['tbody', 'tr', 'colgroup'];

/** The native parser's document elements: kept without attributes, so that anything is kept at all. */
const DOCUMENT_ELEMENTS = ['html', 'head', 'body'];

interface Profile {
  rules: PurifyRules;
  /** Sanitizer `elements`: each kept element with its attributes. */
  elements: { name: string; attributes: string[] }[];
  /** Names the native path must neither keep nor unwrap. */
  notUnwrapped: Set<string>;
}

/** Module state: each profile's allowlist, made on first use. */
const profiles: Partial<Record<SanitizeProfile, Profile>> = {};

/** The one allowlist of a profile, as each sanitiser takes it. */
function profileOf(name: SanitizeProfile): Profile {
  let profile = profiles[name];
  if (!profile) {
    const tags = PROFILE_TAGS[name];
    const attributes = Object.fromEntries(tags.map((tag) => [tag, [...COMMON_ATTRS, ...(OWN_ATTRS[tag] ?? [])]]));
    const notUnwrapped = new Set([...tags, ...FORBID_CONTENTS, ...DOCUMENT_ELEMENTS]);
    profile = profiles[name] = {
      rules: { tags, attributes, forbidContents: FORBID_CONTENTS },
      // `is` kept only to find the element afterwards: see sanitizeNatively.
      elements: [...DOCUMENT_ELEMENTS.map((tag) => ({ name: tag, attributes: [] })), ...tags.map((tag) => ({ name: tag, attributes: [...attributes[tag]!, 'is'] }))],
      notUnwrapped,
    };
  }
  return profile;
}

/** DOMPurify's sanitise function, once loaded. */
let purify: typeof Purify | undefined;
let purifierLoad: Promise<void> | undefined;

/**
 * Loads DOMPurify (once; a failed load is tried again on the next call). Where the native
 * Sanitizer works nothing asks for it, except the differential test.
 */
export function loadPurifier(): Promise<void> {
  return (purifierLoad ??= import('./purifier.js').then(
    (module) => {
      purify = module.purify;
    },
    (error: unknown) => {
      purifierLoad = undefined;
      throw error;
    },
  ));
}

/**
 * Resolves once sanitizeHtml can run: at once where the native Sanitizer works, else when
 * DOMPurify has loaded. Elements start it together with their request (LoadController's
 * `sanitizer` option), so it costs no round trip of its own.
 */
export function sanitizerReady(): Promise<void> {
  return nativeSanitizer() ? Promise.resolve() : loadPurifier();
}

/** Whether sanitizeHtml can run now (see sanitizerReady). */
export function sanitizerIsReady(): boolean {
  return nativeSanitizer() || purify !== undefined;
}

/** The path sanitizeHtml takes on this page. */
export const sanitizerPath = (): SanitizerPath => (nativeSanitizer() ? 'native' : 'dompurify');

// DOMPurify's value rules for the attributes we keep (its SAFE_FOR_XML breakout and
// self-closing checks, and its URI check on every attribute but alt and title), for the
// native path to drop what DOMPurify drops.
const VALUE_BREAKOUT = /((--!?|])>)|<\/(style|script|title|xmp|textarea|noscript|iframe|noembed|noframes)|\/>/i;
const URI_LIKE = /^(?:(?:(?:f|ht)tps?|mailto|tel|callto|sms|cid|xmpp|matrix):|[^a-z]|[a-z+.\-]+(?:[^a-z+.\-:]|$))/i;
const URI_WHITESPACE = /[\u0000-\u0020\u00A0\u1680\u180E\u2000-\u2029\u205F\u3000]/g;

/** What DOMPurify would keep of attribute `name`'s value on element `tag`: undefined when it drops it. */
function dompurifyValue(tag: string, name: string, raw: string): string | undefined {
  const value = raw.trim();
  if (VALUE_BREAKOUT.test(value)) return undefined;
  if (name === 'alt' || name === 'title' || !value) return value;
  return URI_LIKE.test(value.replace(URI_WHITESPACE, '')) || (tag === 'img' && name === 'src' && value.startsWith('data:')) ? value : undefined;
}

/** The native path: the engine's parser and Sanitizer, then DOMPurify's value rules. */
function sanitizeNatively(html: string, profile: Profile, names: Set<string>): DocumentFragment | null {
  for (const name of IMPLIED_ELEMENTS) names.add(name);
  const unwrapped = [...names].filter((name) => !profile.notUnwrapped.has(name));
  // In the body from the start, as DOMPurify's FORCE_BODY parses (the stand-in is dropped).
  const doc = (Document as unknown as { parseHTML(html: string, options: object): Document }).parseHTML(`<${NOSCRIPT_STAND_IN}></${NOSCRIPT_STAND_IN}>${html}`, {
    sanitizer: { elements: profile.elements, attributes: [], replaceWithChildrenElements: unwrapped, comments: false, dataAttributes: false },
  });
  const body = Object.getOwnPropertyDescriptor(Document.prototype, 'body')!.get!.call(doc) as HTMLElement | null;
  // A frameset document has no body: nothing to show (as DOMPurify gives null).
  if (!body || body.localName !== 'body') return null;
  const fragment = doc.createDocumentFragment();
  fragment.append(...body.childNodes);
  // An element created with `is` keeps its customised built-in name when the attribute goes,
  // and would be upgraded by a definition of the host page's once inserted: it goes whole,
  // as DOMPurify removes it.
  for (const el of fragment.querySelectorAll('[is]')) el.remove();
  // The pre-strip leaves no declarative shadow root to attach; should one be there all the
  // same, its host goes (DOMPurify's parser never attaches one).
  for (const el of fragment.querySelectorAll('*')) if (el.shadowRoot) el.remove();
  for (const el of fragment.querySelectorAll('*')) {
    for (const { name, value } of [...el.attributes]) {
      const kept = dompurifyValue(el.localName, name, value);
      if (kept === undefined) el.removeAttribute(name);
      else if (kept !== value) el.setAttribute(name, kept);
    }
  }
  return fragment;
}

/** What one sanitising call resolves URLs against and which profile it applies. */
interface Call {
  base?: string;
  profile: SanitizeProfile;
}

/** Our rules for what the sanitiser kept: every URL through safeUrl, and link and image attributes. */
function afterSanitizeAttributes(node: Element, { base, profile }: Call): void {
  // Sets an attribute, or removes it when there is no (safe) value.
  const set = (name: string, value?: string) => (value === undefined ? node.removeAttribute(name) : node.setAttribute(name, value));
  if (node.localName === 'a') {
    set('href', safeUrl(node.getAttribute('href'), base));
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
 * Node as is). Relative URLs resolve against `base`; every URL passes `safeUrl`. Needs
 * sanitizerReady() to have resolved; before that (which no element lets happen) it gives
 * the HTML's text only.
 */
export function sanitizeHtml(html: unknown, profile: SanitizeProfile = 'article', base?: string): DocumentFragment {
  return sanitizeHtmlWith(sanitizerPath(), html, profile, base);
}

/** sanitizeHtml on a chosen path: the differential test runs both in one engine. */
export function sanitizeHtmlWith(path: SanitizerPath, html: unknown, profile: SanitizeProfile = 'article', base?: string): DocumentFragment {
  const empty = () => document.createDocumentFragment();
  if (typeof html !== 'string' || html === '') return empty();
  if (path === 'dompurify' && !purify) {
    const text = empty();
    text.append(htmlToText(html));
    return text;
  }
  const names = new Set<string>();
  const allowlist = profileOf(profile);
  // Pre-stripped: parsing inline styles and handlers is reported to a strict CSP, on both paths.
  const stripped = stripInlineStylesAndHandlers(html, path === 'native' ? names : undefined);
  const fragment =
    path === 'native' ? sanitizeNatively(stripped, allowlist, names) : purify!(stripped, { ...allowlist.rules, policy: trustedTypesPolicy() ?? undefined });
  if (!fragment) return empty();
  // Text around removed elements is left in pieces: one node each, fewer nodes, and the same on both paths.
  fragment.normalize();
  for (const node of fragment.querySelectorAll('a, img')) afterSanitizeAttributes(node, { base, profile });
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
