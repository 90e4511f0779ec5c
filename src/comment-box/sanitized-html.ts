/**
 * Renders a comment body a server sent as HTML, through the sanitiser. A directive,
 * because the sanitiser returns a DocumentFragment, which empties when inserted: each
 * place the body is rendered gets its own fragment, made again only when the HTML changes.
 */
import { noChange, nothing } from 'lit';
import { Directive, directive } from 'lit/directive.js';
import type { ElementPart } from 'lit';
import type { ChildPart, PartInfo } from 'lit/directive.js';
import { PartType } from 'lit/directive.js';
import { sanitizeHtml } from '../internal/sanitize.js';

class SanitizedHtmlDirective extends Directive {
  private html?: string;
  private base?: string;

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.CHILD) throw new Error('sanitizedHtml() only renders as a child');
  }

  render(_html: string, _base?: string): unknown {
    return nothing;
  }

  override update(_part: ChildPart | ElementPart, [html, base]: [string, string | undefined]): unknown {
    if (html === this.html && base === this.base) return noChange;
    this.html = html;
    this.base = base;
    return sanitizeHtml(html, 'comment', base);
  }
}

export const sanitizedHtml = directive(SanitizedHtmlDirective);
