import { noChange } from 'lit';
import { Directive, PartType, directive } from 'lit/directive.js';
import type { PartInfo } from 'lit/directive.js';
import { sanitizeHtml } from './sanitize.js';
import type { SanitizeProfile } from './sanitize.js';

/**
 * Renders untrusted HTML through the sanitiser, in a child position. A DocumentFragment
 * empties when inserted, so it cannot be handed to Lit twice; a directive instance lives
 * exactly as long as its place in the DOM, so each place sanitises once, keeps its nodes
 * across re-renders, and sanitises again only when the HTML, profile or base changes.
 */
class SanitizedHtmlDirective extends Directive {
  private last?: [string, SanitizeProfile, string | undefined];

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.CHILD) throw new Error('sanitizedHtml() only renders as a child');
  }

  render(html: string, profile: SanitizeProfile, base?: string): DocumentFragment | typeof noChange {
    const last = this.last;
    if (last && last[0] === html && last[1] === profile && last[2] === base) return noChange;
    this.last = [html, profile, base];
    return sanitizeHtml(html, profile, base);
  }
}

export const sanitizedHtml = directive(SanitizedHtmlDirective);
