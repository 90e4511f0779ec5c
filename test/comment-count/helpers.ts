/**
 * Shared steps of the <comment-count> tests. Counts come over real HTTP: from the
 * reference comments server (fresh articles seeded through test/servers/comments.mjs), from
 * its WordPress-shaped REST API (fresh sites), and from test/servers/comment-count.mjs, which
 * answers what a test asks and counts requests per key, with how many were open at once.
 */
import { oneEvent } from '@open-wc/testing';
import { render } from 'lit';
import type { TemplateResult } from 'lit';
import { until } from '../support/until.js';
import '../../src/comment-count/define.js';
import type { CommentCountElement } from '../../src/comment-count/comment-count.js';
import { resetCountQueue } from '../../src/comment-count/queue.js';
import type { CommentCountErrorEvent, CommentCountLoadEvent } from '../../src/internal/events.js';
import { resetSharedFetches } from '../../src/internal/fetch-json.js';
import { resetNearViewport } from '../../src/internal/near-viewport.js';

export type { CommentCountElement };
export { articleId, requestLog, seed, srcFor } from '../comment-box/helpers.js';

/** The containers settle() made, removed before the next test. */
const containers: HTMLElement[] = [];

/** Every test starts with a page that has asked nothing yet. */
export function freshPage(): void {
  for (const container of containers.splice(0)) container.remove();
  resetSharedFetches();
  resetCountQueue();
  resetNearViewport();
}

let counter = 0;
/** A key no other test uses. */
export const uid = (): string => `c${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A URL of the count server: `/__count/answer/<key>?…`. */
export function answer(key: string, params: Record<string, string | number> = {}): string {
  const q = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  return `/__count/answer/${key}${q.size ? `?${q}` : ''}`;
}

export async function stats(key: string): Promise<{ requests: number; peak: number; open: number; urls: string[] }> {
  return (await fetch(`/__count/stats?key=${encodeURIComponent(key)}`)).json();
}

export const release = async (name: string): Promise<unknown> => (await fetch(`/__count/release/${name}`)).json();

/** The element's outcome event, whichever it is. */
export function outcome(el: Element): Promise<CommentCountLoadEvent | CommentCountErrorEvent> {
  return Promise.race([oneEvent(el, 'comment-count-load'), oneEvent(el, 'comment-count-error')]) as Promise<Event> as Promise<CommentCountLoadEvent | CommentCountErrorEvent>;
}

/**
 * Renders `template` (one `<comment-count>` in it) into a new container and waits for its
 * outcome, listening before anything renders: a kept answer can settle within the render.
 */
export async function settle(template: TemplateResult): Promise<{ el: CommentCountElement; event: CommentCountLoadEvent | CommentCountErrorEvent }> {
  const container = document.createElement('div');
  document.body.append(container);
  containers.push(container);
  const event = outcome(container);
  render(template, container);
  const el = container.querySelector<CommentCountElement>('comment-count')!;
  return { el, event: await event };
}

/** Waits until none of `els` is loading; their counts, or 'error'. */
export async function settledAll(els: CommentCountElement[], timeout = 8_000): Promise<(number | 'error')[]> {
  await until(() => els.every((el) => el.state !== 'loading'), 'every count settled', timeout);
  return els.map((el) => (el.state === 'loaded' ? el.count! : 'error'));
}

/** What the element shows: its count's text, or '' when it shows none. */
export const shownText = (el: CommentCountElement): string => el.shadowRoot!.querySelector('[part~="count"]')?.textContent ?? '';

export const part = (el: CommentCountElement, name: string): HTMLElement | null => el.shadowRoot!.querySelector(`[part~="${name}"]`);

/** A WordPress-shaped site (test/servers/comments.mjs) with `approved` visible comments and some that are not. */
export async function wordpressSite(approved: number, hidden = 0): Promise<{ id: string; src: string; plain: string }> {
  const comments = [...Array(approved).fill({}), ...Array(hidden).fill({ status: 'hold' })];
  const res = await fetch('/__wp/sites', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ comments }) });
  const { id, base } = (await res.json()) as { id: string; base: string };
  return { id, src: `${base}/wp-json/wp/v2/comments?post=5`, plain: `${base}/?rest_route=/wp/v2/comments&post=5` };
}

export async function wordpressLog(id: string): Promise<{ route: string; query: Record<string, string> }[]> {
  return ((await (await fetch(`/__wp/${id}/__log`)).json()) as { requests: { route: string; query: Record<string, string> }[] }).requests;
}
