import { noChange } from 'lit';
import { Directive, directive } from 'lit/directive.js';
import { sanitizeHtml } from './sanitize.js';
import type { SanitizeProfile } from './sanitize.js';

/**
 * Renders untrusted HTML through the sanitiser, in a child position. A DocumentFragment
 * empties when inserted, so it cannot be handed to Lit twice; a directive instance lives
 * exactly as long as its place in the DOM, so each place sanitises once, keeps its nodes
 * across re-renders, and sanitises again only when the HTML, profile or base changes.
 */
class SanitizedHtmlDirective extends Directive {
  private last?: unknown[];

  render(...args: [html: string, profile: SanitizeProfile, base?: string]): DocumentFragment | typeof noChange {
    if (args.every((arg, i) => arg === this.last?.[i])) return noChange;
    this.last = args;
    return sanitizeHtml(...args);
  }
}

export const sanitizedHtml = directive(SanitizedHtmlDirective);
