import { noChange } from 'lit';
import type { ElementPart } from 'lit';
import { Directive, PartType, directive } from 'lit/directive.js';
import type { PartInfo } from 'lit/directive.js';

/**
 * Sets an element's children to the nodes `build()` returns, again only when one of `deps`
 * changed: `<ul ${children(() => items, tags, lang)}>`. For content that a card repeats
 * hundreds of times on a page, where Lit's markers (two comments per item of a list, one per
 * text) would be most of the nodes. `build` makes text with `textContent` and checks every
 * URL itself: nothing here is parsed as HTML.
 */
class ChildrenDirective extends Directive {
  private deps?: unknown[];

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT) throw new Error('children() goes on an element');
  }

  render(_build: () => Node[], ..._deps: unknown[]): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [build, ...deps]: Parameters<this['render']>): typeof noChange {
    if (!this.deps || deps.length !== this.deps.length || deps.some((dep, i) => dep !== this.deps![i])) {
      this.deps = deps;
      part.element.replaceChildren(...build());
    }
    return noChange;
  }
}

export const children = directive(ChildrenDirective);
