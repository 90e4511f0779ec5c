/**
 * The DOM a server render borrows for the few things that need one: building an article's
 * nodes (internal/article/article.view.ts), sanitising a `full` body and decoding HTML texts (sanitize.ts).
 * Node has no DOM; `lapa-widgets/ssr` hands us a server window (jsdom, an optional peer
 * dependency, as DOMPurify documents), and each server render runs with that window's
 * globals in place for the length of one synchronous call, then puts back what was there.
 * Nothing else in the process sees them. Module state, like the two other allowed cases
 * (src/internal/README.md): one window per process, reset with `setServerWindow()`.
 */

type ServerWindow = Window & typeof globalThis;

/** The globals the borrowed code reads (and nothing Lit's SSR DOM shim provides). */
const GLOBALS = ['window', 'document', 'DOMParser', 'Document', 'Node', 'NodeFilter'] as const;

let serverWindow: ServerWindow | undefined;
let rawHtml: ((markup: string) => unknown) | undefined;

/**
 * Sets (or, without arguments, removes) the window server renders use, and how they hand
 * Lit SSR markup built in it (`unsafeHTML`, given by `lapa-widgets/ssr`: importing Lit's
 * directive here would put it in every browser bundle, for code only servers run).
 */
export function setServerWindow(win?: Window, raw?: (markup: string) => unknown): void {
  serverWindow = win as ServerWindow | undefined;
  rawHtml = win && raw;
}

/** Whether server renders have a DOM. */
export const hasServerWindow = (): boolean => serverWindow !== undefined && rawHtml !== undefined;

/** `markup` (built in the server DOM) as a value Lit SSR writes as it is. */
export const serverMarkup = (markup: string): unknown => rawHtml!(markup);

/** Runs `fn` with the server window's globals in place; without a server window, as it is. */
export function withServerDom<T>(fn: () => T): T {
  const win = serverWindow;
  if (!win || (globalThis as { window?: unknown }).window === win) return fn();
  const saved = GLOBALS.map((name) => Object.getOwnPropertyDescriptor(globalThis, name));
  for (const name of GLOBALS) Object.defineProperty(globalThis, name, { value: win[name], configurable: true, writable: true });
  try {
    return fn();
  } finally {
    GLOBALS.forEach((name, i) => {
      const was = saved[i];
      if (was) Object.defineProperty(globalThis, name, was);
      else delete (globalThis as Record<string, unknown>)[name];
    });
  }
}
