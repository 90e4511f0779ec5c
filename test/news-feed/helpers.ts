import { expect, fixtureSync, html } from '@open-wc/testing';
import { render } from 'lit';
import type { TemplateResult } from 'lit';
import '../../src/news-feed/define.js';
import type { NewsFeedElement } from '../../src/news-feed/news-feed.js';
import type { NewsFeedErrorEvent, NewsFeedLoadEvent } from '../../src/internal/events.js';
import { part, parts, text } from '../support/dom.js';
import { until } from '../support/until.js';

export const uid = (): string => Math.random().toString(36).slice(2, 10);

/** A generated feed URL (test/servers/news-feed.mjs) with its own `key`, so its requests are logged apart. */
export function feedUrl(route: 'json' | 'wp' | 'plain' | 'rss' | 'rss-paged' | 'atom', params: Record<string, string | number> = {}): { url: string; key: string } {
  const key = uid();
  const search = new URLSearchParams({ ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])), key });
  return { url: `/__feed/${route}?${search}`, key };
}

/** The request paths (with queries) the server logged for `key`. */
export async function requests(key: string): Promise<string[]> {
  return (await fetch(`/__feed/log?key=${key}`)).json() as Promise<string[]>;
}

export type Outcome = NewsFeedLoadEvent | NewsFeedErrorEvent;

/** The next load or error event of `target`. */
export function outcome(target: EventTarget): Promise<Outcome> {
  return new Promise((resolve) => {
    const done = (event: Event) => {
      target.removeEventListener('news-feed-load', done);
      target.removeEventListener('news-feed-error', done);
      resolve(event as Outcome);
    };
    target.addEventListener('news-feed-load', done);
    target.addEventListener('news-feed-error', done);
  });
}

export function container(): HTMLDivElement {
  return fixtureSync<HTMLDivElement>(html`<div></div>`);
}

/** Renders `template` and returns its first feed (no waiting for a load). */
export async function mount(template: TemplateResult, wrapper: HTMLElement = container()): Promise<NewsFeedElement> {
  render(template, wrapper);
  const feed = wrapper.querySelector<NewsFeedElement>('news-feed')!;
  await feed.updateComplete;
  return feed;
}

/** Renders `template` and waits for its first feed's load or error event. */
export async function settle(template: TemplateResult): Promise<{ feed: NewsFeedElement; event: Outcome }> {
  const wrapper = container();
  const next = outcome(wrapper);
  render(template, wrapper);
  const feed = wrapper.querySelector<NewsFeedElement>('news-feed')!;
  const event = await next;
  await feed.updateComplete;
  return { feed, event };
}

export async function reaches(feed: NewsFeedElement, state: NewsFeedElement['state']): Promise<void> {
  await until(() => feed.state === state, `the feed ${state}`);
  await feed.updateComplete;
  expect(feed.state).to.equal(state);
}

/** The headlines shown, in order. */
export const titles = (feed: Element): string[] => parts(feed, 'title').map(text);

/** The "load more" button, or null. */
export const moreButton = (feed: Element): HTMLButtonElement | null => part<HTMLButtonElement>(feed, 'load-more');

/** Clicks "load more" and waits for the outcome it reports. */
export async function loadMore(feed: NewsFeedElement): Promise<Outcome> {
  const next = outcome(feed);
  moreButton(feed)!.click();
  const event = await next;
  await feed.updateComplete;
  return event;
}

/** The element focused inside `feed`'s shadow root. */
export const focused = (feed: Element): Element | null => feed.shadowRoot!.activeElement;

export { part, parts, text };

/**
 * Resolves once IntersectionObservers have reported on `target`: an observer made now reports
 * after every observer made before it (the element's own), so a lazy element has had its
 * chance to start loading. What "nothing happened yet" tests wait for, instead of a delay.
 */
export function observedOnce(target: Element): Promise<void> {
  return new Promise((resolve) => {
    const observer = new IntersectionObserver(() => {
      observer.disconnect();
      resolve();
    });
    observer.observe(target);
  });
}

/** Resolves after `feed` has rendered what it had pending and a frame has passed. */
export async function quiet(feed: NewsFeedElement): Promise<void> {
  await feed.updateComplete;
  await new Promise((resolve) => requestAnimationFrame(resolve));
}
