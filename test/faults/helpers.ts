/**
 * Shared steps of the fault tests: the broken servers are test/servers/faults.mjs.
 */
import { fixture, oneEvent } from '@open-wc/testing';
import { html, render } from 'lit';
import '../../src/define.js';
import type { NewsCardElement } from '../../src/news-card/news-card.js';
import type { CommentBoxElement } from '../../src/comment-box/comment-box.js';

/** Everything a page must not log while widgets fail: uncaught errors, rejections, console errors. */
export const problems: string[] = [];
let watching = false;

export function watchPage(): void {
  if (watching) return;
  watching = true;
  window.addEventListener('error', (event) => problems.push(`uncaught: ${event.message}`));
  window.addEventListener('unhandledrejection', (event) => problems.push(`unhandled rejection: ${String(event.reason)}`));
  const error = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    problems.push(`console.error: ${args.map(String).join(' ')}`);
    error(...args);
  };
}

let counter = 0;
export const uid = (prefix = 'k'): string => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export async function recover(key: string): Promise<void> {
  await fetch(`/__faults/recover/${key}`, { method: 'POST' });
}

let origin: Promise<string> | undefined;
/** The second origin (another port on 127.0.0.1). */
export function otherOrigin(): Promise<string> {
  origin ??= fetch('/__faults/origin')
    .then((res) => res.json())
    .then((body: { origin: string }) => body.origin);
  return origin;
}

/** Pretends the browser went offline or came back: only `navigator.onLine` and the `online` event, which no server can change. */
export function setOnline(online: boolean): void {
  if (online) {
    delete (navigator as unknown as Record<string, unknown>).onLine;
    window.dispatchEvent(new Event('online'));
  } else {
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    window.dispatchEvent(new Event('offline'));
  }
}

export interface Fault {
  /** The route of test/servers/faults.mjs (`cors` loads the other origin directly). */
  fault: string;
  what: string;
  kind: string;
  status?: number;
}

/** Every way loading can fail, and the error kind each must be reported as. */
export const FAULTS: Fault[] = [
  { fault: '404', what: 'a 404 page', kind: 'http', status: 404 },
  { fault: '500', what: 'a 500', kind: 'http', status: 500 },
  { fault: '503', what: 'a 503 with Retry-After', kind: 'http', status: 503 },
  { fault: 'html', what: 'an HTML page with status 200', kind: 'not-json' },
  { fault: 'wrong-type', what: 'JSON sent as text/plain', kind: 'not-json' },
  { fault: 'malformed', what: 'malformed JSON', kind: 'not-json' },
  { fault: 'truncated', what: 'a truncated body', kind: 'not-json' },
  { fault: 'empty', what: 'an empty body', kind: 'not-json' },
  { fault: 'title-number', what: 'JSON with a number where text belongs', kind: 'invalid' },
  { fault: 'items-not-array', what: 'JSON whose list is not an array', kind: 'invalid' },
  { fault: 'nulls', what: 'JSON with nulls everywhere', kind: 'invalid' },
  { fault: 'big', what: 'a 10 MB body', kind: 'too-large' },
  { fault: 'stall', what: 'a body that never finishes', kind: 'timeout' },
  { fault: 'drop', what: 'a connection dropped mid-response', kind: 'network' },
  { fault: 'redirect', what: 'a redirect to another origin without CORS', kind: 'network' },
  { fault: 'cors', what: 'another origin without CORS', kind: 'network' },
];

/** The URL that answers with `fault` for `format` until `key` is recovered. */
export async function faultUrl(format: 'news' | 'comments', fault: string, key: string): Promise<string> {
  return fault === 'cors' ? `${await otherOrigin()}/${format}/${key}` : `/__faults/${format}/${fault}/${key}`;
}

export interface Bystanders {
  wrapper: HTMLElement;
  card: NewsCardElement;
  box: CommentBoxElement;
  scroller: HTMLElement;
}

/**
 * Healthy widgets on the same page as the failing ones, for the whole file (not a
 * fixture, which is removed after each test): each fault test checks that they are
 * still fine afterwards. Take them away with `wrapper.remove()`.
 */
export async function mountBystanders(): Promise<Bystanders> {
  const key = uid('bystander');
  await recover(key);
  const wrapper = document.createElement('div');
  wrapper.lang = 'lv';
  wrapper.style.minHeight = '200vh';
  render(
    html`<news-card src=${`/__faults/news/500/${key}`}></news-card>
      <comment-box src=${`/__faults/comments/500/${key}`}></comment-box>
      <scroll-to-top threshold="10"></scroll-to-top>`,
    wrapper,
  );
  document.body.append(wrapper);
  const card = wrapper.querySelector<NewsCardElement>('news-card')!;
  const box = wrapper.querySelector<CommentBoxElement>('comment-box')!;
  await Promise.all([
    new Promise((resolve) => card.addEventListener('news-card-load', resolve, { once: true })),
    new Promise((resolve) => box.addEventListener('comment-box-load', resolve, { once: true })),
  ]);
  return { wrapper, card, box, scroller: wrapper.querySelector('scroll-to-top')! };
}

/**
 * Called in a `describe`: watches the page for errors and keeps bystanders mounted for
 * its tests. The returned object is filled in before the first test.
 */
export function withBystanders(): Bystanders {
  const bystanders = {} as Bystanders;
  before(async () => {
    watchPage();
    Object.assign(bystanders, await mountBystanders());
  });
  after(() => bystanders.wrapper.remove());
  return bystanders;
}

/** What is wrong with the bystanders now, if anything. */
export async function bystanderProblems({ wrapper, card, box, scroller }: Bystanders): Promise<string[]> {
  await Promise.all([card.updateComplete, box.updateComplete]);
  const out: string[] = [];
  if (!wrapper.isConnected) out.push('the healthy widgets left the page');
  if (card.state !== 'loaded') out.push(`the healthy card is ${card.state}`);
  if (!box.shadowRoot!.querySelector('[part~="comment"]')) out.push('the healthy comment box lost its comments');
  if (!box.shadowRoot!.querySelector('[part~="form"]')) out.push('the healthy comment box lost its form');
  if (!scroller.shadowRoot?.querySelector('button')) out.push('scroll-to-top lost its button');
  return out;
}

export { part as partOf, text as textOf } from '../support/dom.js';

interface Failing {
  'news-card': { el: NewsCardElement; event: HTMLElementEventMap['news-card-error'] };
  'comment-box': { el: CommentBoxElement; event: HTMLElementEventMap['comment-box-error'] };
}

/** Renders a Latvian widget for `src` (timeout 400 ms) and resolves with it and its first error event. */
export async function failing<T extends keyof Failing>(tag: T, src: string): Promise<Failing[T]> {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang="lv"></div>`);
  const error = oneEvent(wrapper, `${tag}-error`);
  render(tag === 'news-card' ? html`<news-card src=${src} timeout="400"></news-card>` : html`<comment-box src=${src} timeout="400"></comment-box>`, wrapper);
  const event = await error;
  const el = wrapper.querySelector(tag) as Failing[T]['el'];
  await el.updateComplete;
  return { el, event } as unknown as Failing[T];
}
