import { fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { sendKeys } from '@web/test-runner-commands';
import { ScrollToTopElement } from '../../src/scroll-to-top/scroll-to-top.js';

ScrollToTopElement.define();

/** Resolves after `n` rendering frames (IntersectionObserver reports within two). */
export async function frames(n = 3): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
}

/** Waits, one frame at a time, until `condition` holds; fails after `limit` frames. */
export async function until(condition: () => boolean, what = 'condition', limit = 120): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (condition()) return;
    await frames(1);
  }
  throw new Error(`Timed out after ${limit} frames waiting for: ${what}`);
}

export function button(el: ScrollToTopElement): HTMLButtonElement {
  return el.shadowRoot!.querySelector('button')!;
}

/** Whether the reader can see and reach the button (past the threshold, not stepping aside). */
export function shown(el: ScrollToTopElement): boolean {
  const base = el.shadowRoot!.querySelector<HTMLElement>('[part="base"]')!;
  return !base.inert && getComputedStyle(base).visibility === 'visible';
}

/** Whether the element reports the reader past its threshold. */
export function past(el: ScrollToTopElement): boolean {
  return el.matches(':state(visible)');
}

export async function scrollWindowTo(y: number): Promise<void> {
  window.scrollTo({ top: y, behavior: 'instant' });
  await frames(1);
}

export function resetScroll(): void {
  window.scrollTo({ top: 0, left: 0, behavior: 'instant' });
}

/**
 * Gives the test page system focus, as a reader's click or key press would: a page
 * without it gets no focus or blur events (test pages run side by side).
 */
export async function focusPage(): Promise<void> {
  if (!document.hasFocus()) await sendKeys({ press: 'Shift' });
}

/** A long page with the element past its threshold. */
export async function scrolledPage(content: TemplateResult = html`<main><h1>Title</h1></main>`, attrs: { target?: string } = {}): Promise<ScrollToTopElement> {
  const page = await fixture<HTMLElement>(html`
    <div>
      ${content}
      <div style="height: 5000px"></div>
      <scroll-to-top threshold="200" target=${ifDefined(attrs.target)}></scroll-to-top>
    </div>
  `);
  const el = page.querySelector('scroll-to-top')!;
  await scrollWindowTo(3000);
  await until(() => shown(el), 'shown');
  return el;
}
