import { expect, fixtureSync, html } from '@open-wc/testing';
import { render } from 'lit';
import type { TemplateResult } from 'lit';
import '../../src/news-card/define.js';
import type { NewsCardElement } from '../../src/news-card/news-card.js';
import type { NewsCardErrorEvent, NewsCardLoadEvent } from '../../src/internal/events.js';
import type { Article } from '../../src/internal/formats/article.js';
import { part } from '../support/dom.js';
import { until } from '../support/until.js';

export const FEED = '/__news/fixtures/jsonfeed/feed-1.1.json';
export const FEED_1_0 = '/__news/fixtures/jsonfeed/feed-1.0.json';
export const ITEM = '/__news/fixtures/jsonfeed/item.json';
export const EMPTY = '/__news/fixtures/jsonfeed/empty.json';
export const TEXT_ONLY = '/__news/fixtures/jsonfeed/text-only.json';
export const WP_POST = '/__news/fixtures/wordpress/02-post-latvian-embed.json';
export const WP_LIST = '/__news/fixtures/wordpress/01-posts-per_page-2.json';
export const WP_DANGEROUS = '/__news/fixtures/wordpress/13-post-dangerous.json';

export const uid = (): string => Math.random().toString(36).slice(2, 10);

/**
 * `url` with a query no other card has used: successful answers are shared for the page's
 * life, so each test that means to make a request needs its own URL.
 */
export function fresh(url: string, params: Record<string, string | number> = {}): string {
  const u = new URL(url, location.href);
  u.searchParams.set('t', uid());
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, String(v));
  return u.pathname + u.search;
}

export interface ServerStats {
  requests: number;
  /** Requests the client gave up before the answer was complete. */
  aborted: number;
  /** Requests that carried a Cookie header. */
  cookies: number;
}

export async function stats(key: string): Promise<ServerStats> {
  return (await fetch(`/__news/stats?key=${key}`)).json() as Promise<ServerStats>;
}

/** Lets the requests made with `?hold=name` (see `fresh`) answer, now and from now on. */
export async function release(name: string): Promise<void> {
  await fetch(`/__news/release/${name}`);
}

export type Outcome = NewsCardLoadEvent | NewsCardErrorEvent;

/** The next load or error event of `target` (or of anything inside it). */
export function outcome(target: EventTarget): Promise<Outcome> {
  return new Promise((resolve) => {
    const done = (event: Event) => {
      target.removeEventListener('news-card-load', done);
      target.removeEventListener('news-card-error', done);
      resolve(event as Outcome);
    };
    target.addEventListener('news-card-load', done);
    target.addEventListener('news-card-error', done);
  });
}

/**
 * An empty element in the page, removed after the test. fixtureSync, because fixture()
 * waits for an animation frame, which a page the runner keeps in the background never gets.
 */
export function container(): HTMLDivElement {
  return fixtureSync<HTMLDivElement>(html`<div></div>`);
}

/** Renders `template` (containing one or more cards) into the page and returns the first card. */
export async function mount(template: TemplateResult): Promise<NewsCardElement> {
  const wrapper = container();
  render(template, wrapper);
  const card = wrapper.querySelector<NewsCardElement>('news-card')!;
  await card.updateComplete;
  return card;
}

/** Waits for `card` to reach `state`, rendered (the empty state fires no event). */
export async function reaches(card: NewsCardElement, state: NewsCardElement['state']): Promise<void> {
  await until(() => card.state === state, `the card ${state}`);
  await card.updateComplete;
  expect(card.state).to.equal(state);
}

/** Renders `template` and waits for its first card's load or error event. */
export async function settle(template: TemplateResult): Promise<{ card: NewsCardElement; event: Outcome }> {
  const wrapper = container();
  const next = outcome(wrapper);
  render(template, wrapper);
  const card = wrapper.querySelector<NewsCardElement>('news-card')!;
  const event = await next;
  await card.updateComplete;
  return { card, event };
}

export { part, parts, text } from '../support/dom.js';

/** A complete article with every field a card shows. */
export const sampleArticle = (extra: Partial<Article> = {}): Article => ({
  title: 'Radošā uzņēmējdarbība',
  url: 'https://agency.example/a',
  summaryText: 'Kopsavilkums.',
  contentHtml: '<p>Teksts.</p>',
  datePublished: '2025-05-16T10:00:00.000Z',
  authors: [{ name: 'Anna Bērziņa' }],
  tags: ['sadarbība'],
  image: { src: '/__news/images/a.svg', alt: '', width: 640, height: 360 },
  ...extra,
});

/** The card's computed background colour, and the two it takes by default. */
export const background = (card: NewsCardElement): string => getComputedStyle(part(card, 'base')!).backgroundColor;
export const WHITE = 'rgb(255, 255, 255)';
export const DARK = 'rgb(29, 33, 39)';
