/**
 * Host pages for the embedding tests: each test opens a real page of test/embed/pages/
 * (served by test/servers/embed.mjs) in an iframe, so it gets its own window, custom
 * element registry and globals, and loads the built script-tag bundle the way a partner
 * page does.
 */
import { part, parts, text } from '../support/dom.js';
import type { LapaWidgetsApi } from '../../src/loader/api.js';
import { holds } from '../support/until.js';

export const BUNDLE = '/__embed/dist/lapa-widgets.min.js';
export const FEED = '/__embed/data/feed.json';
export const DANGEROUS = '/__embed/data/dangerous.json';
export const COMMENTS = '/__embed/api/articles/embed/comments';
/** The feed's title, entities decoded. */
export const FEED_TITLE = 'Three partners, one toolkit & a handbook';
/** Comments the test server seeds for the article (two threads, one reply). */
export const SEEDED_COMMENTS = 3;

export interface RecordedEvent {
  type: string;
  tag: string;
  id: string;
  kind?: string;
  status?: number;
}

/** What test/embed/pages/record.js collects in each page. */
export interface EmbedLog {
  events: RecordedEvent[];
  errors: string[];
  consoleErrors: string[];
  violations: unknown[];
  when(type: string, id?: string): Promise<RecordedEvent>;
}

export type LapaWidgetsGlobal = LapaWidgetsApi;

export type HostWindow = Window &
  typeof globalThis & {
    __embed: EmbedLog;
    LapaWidgets?: LapaWidgetsGlobal;
    [key: string]: unknown;
  };

export interface HostPage {
  frame: HTMLIFrameElement;
  win: HostWindow;
  doc: Document;
  log: EmbedLog;
}

const frames: HTMLIFrameElement[] = [];

/** Opens `path` in a new iframe of the given size and waits for its load event. */
export async function openPage(path: string, { width = 800, height = 600 } = {}): Promise<HostPage> {
  const frame = document.createElement('iframe');
  frame.width = String(width);
  frame.height = String(height);
  // Every frame at the top left of the runner's viewport: Chromium stops rendering frames
  // scrolled out of view, and with it IntersectionObserver and animation frames.
  frame.style.cssText = 'position: fixed; top: 0; left: 0; border: 0; background: #fff';
  const loaded = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
  frame.src = path;
  document.body.append(frame);
  frames.push(frame);
  await loaded;
  const win = frame.contentWindow as HostWindow;
  if (!win.__embed) throw new Error(`${path} did not load record.js (is the embed server mounted?)`);
  return { frame, win, doc: frame.contentDocument!, log: win.__embed };
}

/** Removes every page opened so far; call from afterEach. */
export function closePages(): void {
  for (const frame of frames.splice(0)) frame.remove();
}

/** Runs a classic script in the page, as a `<script src>` added to its body, and waits for it. */
export function addScript(page: HostPage, src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = page.doc.createElement('script');
    script.src = src;
    script.addEventListener('load', () => resolve(), { once: true });
    script.addEventListener('error', () => reject(new Error(`${src} failed to load`)), { once: true });
    page.doc.body.append(script);
  });
}

/**
 * The first `type` event from the element `id` that the page recorded (whenever it fired:
 * record.js listens from the page's start). Fails with the page's log after `timeout`.
 */
export async function recorded(page: HostPage, type: string, id?: string, timeout = 6000): Promise<RecordedEvent> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no ${type}${id ? ` from #${id}` : ''} within ${timeout} ms; page log: ${JSON.stringify(summary(page))}`)),
      timeout,
    );
  });
  try {
    return await Promise.race([page.log.when(type, id), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** The parts of the log worth printing when something went wrong. */
export function summary(page: HostPage): Pick<EmbedLog, 'events' | 'errors' | 'consoleErrors' | 'violations'> {
  const { events, errors, consoleErrors, violations } = page.log;
  return { events, errors, consoleErrors, violations };
}

/** Uncaught errors, unhandled rejections and console errors the page recorded. */
export function problems(page: HostPage): string[] {
  return [...page.log.errors, ...page.log.consoleErrors];
}

export function byId<T extends Element>(page: HostPage, id: string): T {
  const el = page.doc.getElementById(id);
  if (!el) throw new Error(`no #${id} in the page`);
  return el as unknown as T;
}

export { part, parts, text } from '../support/dom.js';

/**
 * Waits for a Lit element of another window to be defined (the loader fetches its code when
 * the tag appears) and to finish rendering.
 */
export async function rendered(el: Element, timeout = 8000): Promise<void> {
  const registry = el.ownerDocument.defaultView!.customElements;
  if (!registry.get(el.localName)) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      registry.whenDefined(el.localName),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`<${el.localName}> not defined within ${timeout} ms`)), timeout))),
    ]).finally(() => clearTimeout(timer));
  }
  await (el as Element & { updateComplete?: Promise<unknown> }).updateComplete;
}

/** The chunk scripts the loader inserted into `page`, by path. */
export function chunkScripts(page: HostPage): string[] {
  return [...page.doc.scripts].filter((s) => s.src.includes('/dist/chunks/')).map((s) => new URL(s.src).pathname);
}

/**
 * Asserts the three widgets of a standard test page show real data: the card its article,
 * the comment box the seeded comments and its form, and the scroll-to-top button appears
 * once the page is scrolled past its threshold.
 */
export async function expectWidgetsWork(page: HostPage, { card = 'card', comments = 'comments', top = 'top' } = {}): Promise<string[]> {
  const failures: string[] = [];
  if (card) {
    await recorded(page, 'news-card-load', card);
    const el = byId(page, card);
    await rendered(el);
    if (text(part(el, 'title')) !== FEED_TITLE) failures.push(`#${card} title is "${text(part(el, 'title'))}"`);
  }
  if (comments) {
    await recorded(page, 'comment-box-load', comments);
    const el = byId(page, comments);
    await rendered(el);
    if (parts(el, 'comment').length !== SEEDED_COMMENTS) failures.push(`#${comments} shows ${parts(el, 'comment').length} comments`);
    if (!part(el, 'form')) failures.push(`#${comments} has no form`);
  }
  if (top) {
    const el = byId(page, top);
    await rendered(el);
    if (!el.shadowRoot || !part(el, 'button')) failures.push(`#${top} did not render its button`);
    else {
      page.win.scrollTo(0, 1500);
      const shown = await until(() => el.matches(':state(visible)'), 3000);
      if (!shown) failures.push(`#${top} did not appear after scrolling`);
      page.win.scrollTo(0, 0);
      if (!(await until(() => !el.matches(':state(visible)'), 3000))) failures.push(`#${top} did not hide after scrolling back`);
      await transitionsEnd(el);
    }
  }
  return failures;
}

/** Waits for the CSS transitions running in `host`'s shadow tree to finish. */
export async function transitionsEnd(host: Element): Promise<void> {
  const win = host.ownerDocument.defaultView as Window & typeof globalThis;
  const running = host.shadowRoot?.getAnimations().filter((a) => a instanceof win.CSSTransition) ?? [];
  await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
}

/** Whether `predicate` comes to hold within `timeout` ms (support/until.ts's `holds`). */
export const until = (predicate: () => boolean, timeout = 3000): Promise<boolean> => holds(predicate, timeout);
