/**
 * Reading a widget's shadow tree the way the tests assert on it: by its documented parts,
 * and its text as a reader sees it. Works for elements of another window too (the embed
 * tests' iframes).
 */

/** The first element of `host`'s shadow tree exposed as part `name`, or null. */
export function part<T extends Element = HTMLElement>(host: Element, name: string): T | null {
  return host.shadowRoot?.querySelector<T>(`[part~="${name}"]`) ?? null;
}

/** Every element of `host`'s shadow tree exposed as part `name`. */
export function parts<T extends Element = HTMLElement>(host: Element, name: string): T[] {
  return [...(host.shadowRoot?.querySelectorAll<T>(`[part~="${name}"]`) ?? [])];
}

/** The text of `el` with white space collapsed and trimmed; '' for no element. */
export const text = (el: Element | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/**
 * Resolves once an image asked for now has failed to load. An image's error handler is
 * the slowest way markup runs code (after a round trip to the server), so code that a
 * sanitiser wrongly kept in markup rendered before this call has had its chance to run
 * by then: a signal to wait for instead of a fixed sleep before asserting "nothing ran".
 */
export function imageRoundTrip(): Promise<void> {
  return new Promise((resolve) => {
    const img = new Image();
    img.onload = img.onerror = () => resolve();
    img.src = `/__news/status/404?round-trip=${Math.random().toString(36).slice(2)}`;
  });
}
