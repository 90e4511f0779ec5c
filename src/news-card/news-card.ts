import { LitElement, html } from 'lit';
import type { TemplateResult } from 'lit';
import { defineElement } from '../internal/define.js';
import styles from './news-card.styles.js';

/**
 * @summary Placeholder being built (see the issue); replaced by the full element.
 */
export class NewsCardElement extends LitElement {
  static override styles = styles;

  static define(tag = 'news-card', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  override render(): TemplateResult {
    return html`<div part="base"><slot></slot></div>`;
  }
}
