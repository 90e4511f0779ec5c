/**
 * Shared steps of the <comment-box> tests. Every test works on a fresh article (or a
 * fresh WordPress site) of test/servers/comments.mjs, so tests never see each other's
 * comments, whichever order or concurrency they run in.
 */
import { fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/comment-box/define.js';
import type { CommentBoxElement } from '../../src/comment-box/comment-box.js';

export type { CommentBoxElement };

let counter = 0;

/** A new article id; the prefix picks the reference server's settings (held-, slow-...). */
export function articleId(prefix = 'art'): string {
  return `${prefix}-${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}

export const srcFor = (article: string) => `/api/articles/${article}/comments`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each caller reads its own route's JSON
async function post(url: string, body: unknown): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

export interface SeedComment {
  name?: string;
  email?: string;
  url?: string;
  text?: string;
  /** Index of the comment (in this list) it replies to. */
  replyTo?: number;
  status?: 'approved' | 'pending' | 'rejected';
  date?: string;
}

/** Stores comments straight into the reference server's database; returns their ids. */
export async function seed(article: string, comments: SeedComment[] = [], options: { closed?: boolean } = {}): Promise<string[]> {
  return (await post('/__comments/seed', { article, comments, ...options })).ids;
}

/** Comments stored for the article, whatever their status. */
export async function storedCount(article: string): Promise<{ total: number; approved: number; pending: number }> {
  return (await fetch(`/__comments/count?article=${article}`)).json();
}

export interface LoggedRequest {
  method: string;
  url: string;
  idempotencyKey: string | null;
  contentType: string | null;
  origin: string | null;
}

export async function requestLog(article: string): Promise<{ requests: LoggedRequest[]; aborted: number }> {
  return (await fetch(`/__comments/log?article=${article}`)).json();
}

export interface Fault {
  method: 'GET' | 'POST' | '*';
  mode: '500' | 'stall' | 'drop' | 'drop-after-store' | 'delay' | 'error';
  times?: number;
  ms?: number;
  /** For the WordPress mode `error`: the recorded error to answer with. */
  code?: string;
}

/** The next matching requests for the article fail as planned. */
export async function planFaults(article: string, faults: Fault[]): Promise<void> {
  await post('/__comments/faults', { article, faults });
}

/** Moves the clock of the article's server instance (slow-, stale-...) on by `ms`. */
export async function advanceClock(article: string, ms: number): Promise<void> {
  await post('/__comments/clock', { article, ms });
}

export async function closeArticle(article: string): Promise<void> {
  await post('/__comments/close', { article });
}

export async function crossOrigin(): Promise<string> {
  return (await (await fetch('/__comments/cross-origin')).json()).origin;
}

// ---- WordPress ----------------------------------------------------------------------

export interface WpComment {
  name?: string;
  email?: string;
  url?: string;
  text?: string;
  /** content.rendered as the site would send it, instead of the text made into paragraphs. */
  rendered?: string;
  replyTo?: number;
  status?: 'approved' | 'hold';
  /** date_gmt: UTC without a zone, as WordPress writes it. */
  date?: string;
}

export interface WpSiteConfig {
  comments?: WpComment[];
  commentStatus?: 'open' | 'closed';
  postId?: number;
  postType?: 'posts' | 'pages';
  anonymous?: boolean;
  moderation?: 'approve' | 'hold';
  flood?: boolean;
  faults?: Fault[];
  /** Every list answer claims this many pages (X-WP-TotalPages), each a full page of replies. */
  totalPages?: number;
}

export interface WpSite {
  base: string;
  /** The comments URL in the pretty-permalink form. */
  src: string;
  log(): Promise<{ requests: Array<{ method: string; route: string; query: Record<string, string>; headers: Record<string, string> }>; comments: Array<Record<string, unknown>> }>;
}

/** A new WordPress-shaped site; `origin`: reach it there (the second origin, for CORS) instead of here. */
export async function wpSite(config: WpSiteConfig = {}, origin = ''): Promise<WpSite> {
  const { base } = await post('/__wp/sites', config);
  return {
    base: `${origin}${base}`,
    src: `${origin}${base}/wp-json/wp/v2/comments?post=${config.postId ?? 5}`,
    log: async () => (await fetch(`${base}/__log`)).json(),
  };
}

// ---- the element --------------------------------------------------------------------

/**
 * Puts a <comment-box> on the page and waits for its first answer (load or error).
 * The listeners are attached before the element connects, so no event is missed.
 */
export async function mount(attributes: Record<string, string>, properties: Partial<CommentBoxElement> = {}, wait = true): Promise<CommentBoxElement> {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement('comment-box');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  Object.assign(el, properties);
  const settled = Promise.race([oneEvent(el, 'comment-box-load'), oneEvent(el, 'comment-box-error')]);
  host.append(el);
  if (wait) await settled;
  await el.updateComplete;
  return el;
}

/** Takes the element off the page and puts a new one with the same attributes in its place, as a reload would. */
export async function remount(el: CommentBoxElement): Promise<CommentBoxElement> {
  const attributes = Object.fromEntries([...el.attributes].map((a) => [a.name, a.value]));
  el.remove();
  return mount(attributes);
}

export function part<T extends Element = HTMLElement>(el: CommentBoxElement, name: string, within: ParentNode = el.shadowRoot!): T | null {
  return within.querySelector<T>(`[part~="${name}"]`);
}

export function parts<T extends Element = HTMLElement>(el: CommentBoxElement, name: string, within: ParentNode = el.shadowRoot!): T[] {
  return [...within.querySelectorAll<T>(`[part~="${name}"]`)];
}

export const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

export const control = (el: CommentBoxElement, field: 'name' | 'email' | 'url' | 'text') =>
  el.shadowRoot!.querySelector<HTMLInputElement & HTMLTextAreaElement>(`#f-${field}`)!;

/** Types into a field as a person would: the value, an input event, then leaving the field. */
export async function type(el: CommentBoxElement, field: 'name' | 'email' | 'url' | 'text', value: string): Promise<void> {
  const input = control(el, field);
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  input.blur();
  await el.updateComplete;
}

export interface FormValues {
  name?: string;
  email?: string;
  url?: string;
  text?: string;
}

/** Fills the whole form (a default reader unless given), replacing whatever was there. */
export async function fill(el: CommentBoxElement, values: FormValues = {}): Promise<void> {
  const v = { name: 'Anna Bērziņa', email: 'anna@example.org', url: '', text: `Comment ${Math.random().toString(36).slice(2)}`, ...values };
  for (const field of ['name', 'email', 'url', 'text'] as const) await type(el, field, v[field]);
}

export function submitButton(el: CommentBoxElement): HTMLButtonElement {
  return part<HTMLButtonElement>(el, 'submit')!;
}

/** Clicks Post and waits for the outcome: the posted event or the error event. */
export async function submit(el: CommentBoxElement): Promise<Event> {
  const outcome = Promise.race([oneEvent(el, 'comment-box-posted'), oneEvent(el, 'comment-box-error')]);
  submitButton(el).click();
  const event = await outcome;
  await el.updateComplete;
  return event;
}

/** Waits until a part shows the given text. */
export async function waitForText(el: CommentBoxElement, partName: string, expected: string | RegExp): Promise<void> {
  await waitUntil(
    () => {
      const t = parts(el, partName).map(text).join(' ');
      return typeof expected === 'string' ? t.includes(expected) : expected.test(t);
    },
    `waiting for "${expected}" in part ${partName}`,
    { timeout: 5000 },
  );
}

export function activeElement(el: CommentBoxElement): Element | null {
  return el.shadowRoot!.activeElement;
}

export function clearStorage(): void {
  sessionStorage.clear();
}
