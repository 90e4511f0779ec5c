/**
 * Shared by the WordPress end-to-end tests: the seed data run.mjs passes in, the runner's
 * administrator routes, and ways to look into the elements' shadow trees the way a reader
 * sees them (text, headings, fields by their labels), not by private class names.
 */
import { waitUntil } from '@open-wc/testing';

export interface SeededComment {
  id: number;
  parent: number;
  author_name: string;
  author_email: string;
  content: string;
  date_gmt: string;
}

export interface SeededPost {
  id: number;
  link: string;
  /** `.../wp-json/wp/v2/posts/ID` */
  rest: string;
  /** `.../wp-json/wp/v2/comments?post=ID` */
  comments: string;
  date_gmt: string;
  author: string;
  tags: string[];
}

export type PostKey = 'latvian' | 'dangerous' | 'swedish' | 'georgian' | 'cafe' | 'closed' | 'closing' | 'scripts';

export interface Seed {
  site: string;
  group: 'main' | 'flood';
  floodSeconds: number;
  image: {
    id: number;
    alt: string;
    sourceUrl: string;
    sizes: Record<string, { url: string; width: number; height: number }>;
  };
  posts: Record<PostKey, SeededPost>;
  comments: Record<string, Record<string, SeededComment>>;
  held: { id: number; post: PostKey; author_name: string; content: string };
  /** Posts in one category of their own, for <news-feed>'s "load more": the category id, the posts list URL, titles newest first. */
  feed: { category: number; posts: string; titles: string[] };
}

let seedPromise: Promise<Seed> | undefined;
/** What seed.mjs created, served by the runner's `/__wp/seed` route. */
export function seed(): Promise<Seed> {
  seedPromise ??= fetch('/__wp/seed').then(async (res) => {
    if (!res.ok) throw new Error(`/__wp/seed answered ${res.status}: run the suite with npm run test:wordpress`);
    return (await res.json()) as Seed;
  });
  return seedPromise;
}

async function adminCall<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/__wp/admin/${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const answer = await res.json();
  if (!res.ok) throw new Error(`${method} /__wp/admin/${path}: ${res.status} ${JSON.stringify(answer)}`);
  return answer as T;
}

/** Site-administrator actions, done in Node with the application password. */
export const admin = {
  comment: (id: number | string) => adminCall<{ id: number; status: string; parent: number; author_email: string; post: number }>('GET', `comments/${id}`),
  approve: (id: number | string) => adminCall<{ id: number; status: string }>('POST', `comments/${id}/approve`),
  /** A comment by the administrator, from 127.0.0.1 like every test: it starts a flood window for the next anonymous one. */
  addComment: (postId: number, comment: { author_name: string; author_email: string; content: string }) =>
    adminCall<{ id: number; status: string }>('POST', `posts/${postId}/comments`, comment),
  setComments: (postId: number, status: 'open' | 'closed') =>
    adminCall<{ id: number; comment_status: string }>('POST', `posts/${postId}/comments/${status}`),
};

/** Markers the seeded XSS vectors record when they run, and the dialogs anything opened. */
export function pageRecords(): { executed: string[]; dialogs: string[] } {
  const records = (window as unknown as { __lapaE2E: { executed: string[]; dialogs: string[] } }).__lapaE2E;
  return { executed: [...records.executed], dialogs: [...records.dialogs] };
}
export function resetPageRecords(): void {
  const records = (window as unknown as { __lapaE2E: { executed: string[]; dialogs: string[] } }).__lapaE2E;
  records.executed.length = 0;
  records.dialogs.length = 0;
}

export function shadow(el: Element): ShadowRoot {
  if (!el.shadowRoot) throw new Error(`<${el.localName}> has no open shadow root: is it defined by the bundle?`);
  return el.shadowRoot;
}

/** Text as a reader gets it: whitespace collapsed. */
export function text(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Every element of a shadow tree (not descending into nested shadow roots). */
export function allElements(root: ParentNode): Element[] {
  return [...root.querySelectorAll('*')];
}

/** Whether a reader can see it: laid out, not hidden from everyone. */
export function isShown(el: Element): boolean {
  const rects = el.getClientRects();
  if (!rects.length) return false;
  const style = getComputedStyle(el);
  return style.visibility !== 'hidden' && style.display !== 'none';
}

/** The smallest shown element whose text contains `needle`. */
export function elementWithText(root: ParentNode, needle: string): Element | undefined {
  const matches = allElements(root).filter((el) => text(el).includes(needle) && isShown(el));
  return matches.find((el) => ![...el.children].some((child) => matches.includes(child)));
}

/** The accessible name of a form field: its labels' text, else aria-label(ledby). */
export function fieldLabel(field: HTMLElement): string {
  const root = field.getRootNode() as ShadowRoot | Document;
  const labelledby = field.getAttribute('aria-labelledby');
  if (labelledby) return labelledby.split(/\s+/).map((id) => text(root.getElementById(id))).join(' ');
  const labels = (field as HTMLInputElement).labels;
  if (labels?.length) return [...labels].map((l) => text(l)).join(' ');
  return field.getAttribute('aria-label') ?? '';
}

/** Shown, enabled form fields a reader would fill (so not a honeypot hidden from them). */
export function visibleFields(root: ParentNode): HTMLInputElement[] {
  return [...root.querySelectorAll<HTMLInputElement>('input, textarea')].filter(
    (f) => f.type !== 'hidden' && f.type !== 'checkbox' && isShown(f) && f.tabIndex >= 0 && !f.closest('[aria-hidden="true"], [inert]'),
  );
}

/** Waits until `check` holds, with a message saying what was awaited. */
export async function until(check: () => boolean, message: string, timeout = 15_000): Promise<void> {
  await waitUntil(check, message, { timeout, interval: 25 });
}

/**
 * The first of two events on `target`: resolves with an `expected` one, rejects with
 * `explain(event)` on an `unexpected` one, or after `timeout` ms. Listeners and timer are
 * removed either way, so nothing fires into a later test.
 */
export function outcome<T extends Event, U extends Event = Event>(
  target: EventTarget,
  expected: string,
  unexpected: string,
  explain: (event: U) => string,
  timeout = 15_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      target.removeEventListener(expected, onExpected);
      target.removeEventListener(unexpected, onUnexpected);
    };
    const onExpected = (event: Event) => {
      done();
      resolve(event as T);
    };
    const onUnexpected = (event: Event) => {
      done();
      reject(new Error(`${unexpected} where ${expected} was expected: ${explain(event as U)}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`neither ${expected} nor ${unexpected} within ${timeout} ms`));
    }, timeout);
    target.addEventListener(expected, onExpected);
    target.addEventListener(unexpected, onUnexpected);
  });
}

/** Two frames: whatever a render queued (image errors, toggles, focus) has had its turn. */
export function settle(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

/** `2025-03-14T08:30:00` (WordPress's date_gmt, UTC without a zone) as epoch ms. */
export function gmt(dateGmt: string): number {
  return Date.parse(`${dateGmt}Z`);
}

/** A unique-per-run suffix, so WordPress never sees a test's comment as a duplicate of an earlier run's. */
export function runTag(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}
