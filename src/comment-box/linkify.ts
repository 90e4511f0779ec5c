/**
 * Plain comment text to a Lit template: the text stays text (line breaks are kept by
 * CSS), and web addresses become links that pass safeUrl and carry the rel a
 * user-generated link needs. No HTML string is ever built.
 */
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { safeUrl } from '../internal/sanitize.js';

const URLS = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi;
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

export function linkify(text: string): Array<string | TemplateResult> {
  const out: Array<string | TemplateResult> = [];
  let at = 0;
  for (const match of text.matchAll(URLS)) {
    const raw = trim(match[0]);
    const href = safeUrl(/^www\./i.test(raw) ? `https://${raw}` : raw);
    if (!href) continue;
    out.push(text.slice(at, match.index!), html`<a href=${href} rel="nofollow ugc noopener noreferrer" referrerpolicy="no-referrer">${raw}</a>`);
    at = match.index! + raw.length;
  }
  out.push(text.slice(at));
  return out;
}
