/**
 * Plain comment text to a Lit template: the text stays text (line breaks are kept by
 * CSS), and web addresses become links that pass safeUrl and carry the rel a
 * user-generated link needs. No HTML string is ever built.
 */
import { html } from 'lit';
import { safeUrl } from '../internal/sanitize.js';

/** Split on this, the addresses are at the odd indexes. */
const URLS = /(\b(?:https?:\/\/|www\.)[^\s<>"]+)/i;
const TRAILING = /[.,;:!?'"»”’)\]}*]$/;

/** Drops the sentence punctuation a URL is written next to, keeping balanced brackets. */
function trim(url: string): string {
  let out = url;
  while (TRAILING.test(out)) {
    const last = out.at(-1)!;
    const open = { ')': '(', ']': '[', '}': '{' }[last];
    const count = (c: string) => out.split(c).length - 1;
    if (open && count(open) >= count(last)) break;
    out = out.slice(0, -1);
  }
  return out;
}

export const linkify = (text: string): unknown[] =>
  text.split(URLS).map((part, i) => {
    if (i % 2 === 0) return part;
    const raw = trim(part);
    const href = safeUrl(/^www\./i.test(raw) ? `https://${raw}` : raw);
    return href ? [html`<a href=${href} rel="nofollow ugc noopener noreferrer" referrerpolicy="no-referrer">${raw}</a>`, part.slice(raw.length)] : part;
  });
