/**
 * One IntersectionObserver for every lazy card on the page (one per card would cost a
 * callback per card on every scroll). Module state by design, the single allowed kind:
 * `resetNearViewport()` clears it between tests.
 */

/** How far ahead of the viewport a lazy card starts loading. */
export const LAZY_MARGIN = '300px 0px';

let observer: IntersectionObserver | undefined;
const waiting = new Map<Element, () => void>();

function stop(element: Element): void {
  waiting.delete(element);
  observer?.unobserve(element);
  if (waiting.size === 0) {
    observer?.disconnect();
    observer = undefined;
  }
}

/** Calls `callback` once, when `element` comes within LAZY_MARGIN of the viewport. Returns a cancel function. */
export function whenNearViewport(element: Element, callback: () => void): () => void {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const near = entry.isIntersecting ? waiting.get(entry.target) : undefined;
        if (near) {
          stop(entry.target);
          near();
        }
      }
    },
    { rootMargin: LAZY_MARGIN },
  );
  waiting.set(element, callback);
  observer.observe(element);
  return () => {
    if (waiting.get(element) === callback) stop(element);
  };
}

/** Forgets every waiting element and the observer (tests). */
export function resetNearViewport(): void {
  observer?.disconnect();
  observer = undefined;
  waiting.clear();
}

/** How many elements wait (tests: proves every lazy card shares the one observer). */
export function nearViewportWaiting(): number {
  return waiting.size;
}
