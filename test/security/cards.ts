/**
 * Renders one `<news-card>` per vector from a hostile document (all cards share one
 * request and pick their own item with `item-id`) and inspects every one of them. A
 * record carries the vector in several fields at once, each shown in its own place, so
 * one card tests many paths.
 */
import type { NewsCardElement } from '../../src/news-card/news-card.js';
import { expect, fixture, html } from '@open-wc/testing';
import { clean, executions, inspect, settle, summarise, textOnly } from './harness.js';
import type { InjectionSuite, Vector, Violation } from './harness.js';
import { part, parts } from '../support/dom.js';

export const CARD_PARTS = ['title', 'author', 'summary', 'body', 'tag', 'image', 'read-more'] as const;

/** Describes how a field's shown text differs from what it must be, or undefined. */
export type TextCheck = (card: Element, payload: string, index: number) => string | undefined;

export interface Field {
  /** Dotted path in the hostile record (see test/servers/hostile.mjs). */
  at: string;
  /** For text fields. */
  text?: TextCheck;
}

export interface CardRecord {
  fields: Field[];
  /** Fields deleted first, comma-separated, so the ones under test are the ones used. */
  drop?: string;
  variant: 'card' | 'full';
}

export const strip = (text: string): string => text.replace(/\s+/g, '');

export { part, parts } from '../support/dom.js';

/**
 * Compares a text-only element with the text expected. With `fromHtml` the text was
 * decoded from markup, whose block boundaries may add spaces: whitespace is then not
 * compared.
 */
export function expectText(el: Element | null, expected: string, fromHtml = false): string | undefined {
  const shown = textOnly(el);
  if (typeof shown !== 'string') return `holds elements (${shown.elements}) instead of text`;
  const norm = fromHtml ? strip : (s: string) => s;
  return norm(shown) === norm(expected) ? undefined : `shows ${JSON.stringify(shown.slice(0, 120))}, expected ${JSON.stringify(expected.slice(0, 120))}`;
}

/** Compares the texts of every `name` part with a list (see expectText for `fromHtml`). */
export function expectTexts(card: Element, name: string, expected: string[], fromHtml = false): string | undefined {
  const shown = parts(card, name).map(textOnly);
  if (shown.some((s) => typeof s !== 'string')) return `a ${name} holds elements`;
  const norm = fromHtml ? strip : (s: string) => s;
  const same = shown.length === expected.length && shown.every((s, i) => norm(s as string) === norm(expected[i]!));
  return same ? undefined : `${name}s are ${JSON.stringify(shown).slice(0, 200)}, expected ${JSON.stringify(expected).slice(0, 200)}`;
}

/**
 * A summary is text only: the whole of `full`, or its start cut at a word boundary with
 * "…" (WordPress's trailing "[…]" also becomes "…"). With `fromHtml` the text was made
 * from markup, whose block boundaries may add spaces: whitespace is then not compared.
 */
export function expectSummary(card: Element, full: string, fromHtml = false): string | undefined {
  const el = part(card, 'summary');
  const shown = textOnly(el);
  if (typeof shown !== 'string') return `summary holds elements (${shown.elements})`;
  const whole = clean(full);
  if (!whole) return undefined;
  const norm = fromHtml ? strip : (s: string) => s;
  const a = norm(shown);
  const b = norm(whole);
  if (a === b || a === norm(whole.replace(/\s*\[(…|\.\.\.)\]$/u, '…'))) return undefined;
  if (a.endsWith('…') && b.startsWith(a.slice(0, -1))) return undefined;
  return `summary ${JSON.stringify(shown.slice(0, 80))} is not the text ${JSON.stringify(whole.slice(0, 80))}`;
}

/** Waits until `count` cards inside `root` have fired their load or error event. */
function outcomes(root: Element, count: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const done = () => {
      if (++seen === count) {
        root.removeEventListener('news-card-load', done);
        root.removeEventListener('news-card-error', done);
        resolve();
      }
    };
    root.addEventListener('news-card-load', done);
    root.addEventListener('news-card-error', done);
  });
}

/** The label a record's findings carry. */
export const recordName = (record: CardRecord): string => `${record.fields.map((f) => f.at).join(', ')} (${record.variant})`;

/**
 * Renders every vector through `record` of the document at `docUrl` (one card per
 * vector) into `container`, and returns what the inspection found. `itemId(i)` selects
 * vector i's record.
 */
export async function renderCards(
  container: HTMLElement,
  docUrl: string,
  record: CardRecord,
  vectors: Vector[],
  itemId: (i: number) => string,
  tag = 'news-card',
): Promise<{ renders: number; violations: Violation[] }> {
  const query = new URLSearchParams(record.fields.map((f) => ['at', f.at]));
  if (record.drop) query.set('drop', record.drop);
  const src = `${docUrl}?${query}`;
  const done = outcomes(container, vectors.length);
  // Created with the DOM API: the built bundle's test passes its own tag, and a Lit
  // template cannot bind a tag name.
  for (let i = 0; i < vectors.length; i++) {
    const card = document.createElement(tag);
    card.setAttribute('lang', 'en');
    card.setAttribute('item-id', itemId(i));
    card.setAttribute('variant', record.variant);
    card.setAttribute('src', src);
    container.append(card);
  }
  await done;
  const cards = [...container.querySelectorAll<NewsCardElement>(tag)];
  await Promise.all(cards.map((card) => card.updateComplete));
  await settle();
  const label = recordName(record);
  const violations: Violation[] = [];
  cards.forEach((card, i) => {
    if (card.state !== 'loaded') violations.push({ vector: i, path: label, rule: 'not rendered', detail: `state ${card.state}` });
    violations.push(...inspect(card, i, label, { contentParts: CARD_PARTS }));
    for (const field of record.fields) {
      const problem = field.text?.(card, vectors[i]!.payload, i);
      if (problem) violations.push({ vector: i, path: `${field.at} (${record.variant})`, rule: 'text is not literal', detail: problem });
    }
  });
  container.replaceChildren();
  return { renders: cards.length, violations };
}

/**
 * Call inside an injection suite's `describe`: one test per record, rendering every vector
 * through it from the hostile document at `docUrl` (`itemId(i)` picks vector i's item).
 */
export function itRendersEveryVector(suite: InjectionSuite, records: CardRecord[], docUrl: string, itemId: (i: number) => string): void {
  for (const record of records) {
    it(`renders every vector in ${recordName(record)} inert, as text where it is text, and inside the card`, async function () {
      this.timeout(60_000);
      const container = await fixture<HTMLDivElement>(html`<div style="width: 360px"></div>`);
      const ran = executions.length;
      const { renders, violations } = await renderCards(container, docUrl, record, suite.vectors, itemId);
      suite.tally.paths += record.fields.length;
      suite.tally.renders += renders;
      suite.tally.violations += violations.length;
      expect(renders).to.equal(suite.vectors.length);
      expect(executions.slice(ran), 'code ran').to.deep.equal([]);
      expect(violations.length, summarise(violations, suite.vectors)).to.equal(0);
    });
  }
}
