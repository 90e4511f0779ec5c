/**
 * One IntersectionObserver for every lazy card on the page (one per card would cost a
 * callback per card on every scroll). Module state by design, the single allowed kind:
 * `resetNearViewport()` clears it between tests.
 */

let observer: IntersectionObserver | undefined;
const waiting = new Map<Element, () => void>();

/**
 * With `callback`, calls it once, when `element` comes within 300px of the viewport
 * (calling again only replaces the callback); without, stops waiting for `element`.
 */
export function whenNearViewport(element: Element, callback?: () => void): void {
  if (callback) {
    observer ??= new IntersectionObserver(
      (entries) => {
        for (const { isIntersecting, target } of entries) {
          const near = isIntersecting && waiting.get(target);
          if (near) {
            whenNearViewport(target);
            near();
          }
        }
      },
      { rootMargin: '300px 0px' },
    );
    waiting.set(element, callback);
    observer.observe(element);
  } else if (waiting.delete(element)) {
    observer!.unobserve(element);
  }
}

/** Forgets every waiting element and the observer (tests). */
export function resetNearViewport(): void {
  observer?.disconnect();
  observer = undefined;
  waiting.clear();
}

/** How many elements wait (tests: proves every lazy card shares the one observer). */
export const nearViewportWaiting = (): number => waiting.size;
