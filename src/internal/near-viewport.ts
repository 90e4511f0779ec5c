/**
 * The viewport watching of every element on the page, one IntersectionObserver per
 * question shared by all of them (one per element would cost a callback per element on
 * every scroll): is a lazy card (or a comment count) near enough to load (300 px ahead),
 * and is a loading card on screen, so its skeleton may shimmer. Module state by design,
 * the single allowed kind: `resetNearViewport()` clears it between tests.
 */

let nearObserver: IntersectionObserver | undefined;
let seenObserver: IntersectionObserver | undefined;
const waiting = new Map<Element, () => void>();
const watched = new Map<Element, (seen: boolean) => void>();

/**
 * With `callback`, calls it once, when `element` comes within 300px of the viewport
 * (calling again only replaces the callback); without, stops waiting for `element`.
 */
export function whenNearViewport(element: Element, callback?: () => void): void {
  if (callback) {
    nearObserver ??= new IntersectionObserver(
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
    nearObserver.observe(element);
  } else if (waiting.delete(element)) {
    nearObserver!.unobserve(element);
  }
}

/**
 * With `callback`, calls it with true when `element` enters the viewport and with false
 * when it leaves (first with where it is now; calling again only replaces the callback);
 * without, stops watching `element`.
 */
export function whileInViewport(element: Element, callback?: (seen: boolean) => void): void {
  if (callback) {
    seenObserver ??= new IntersectionObserver((entries) => {
      for (const { isIntersecting, target } of entries) watched.get(target)?.(isIntersecting);
    });
    if (!watched.has(element)) seenObserver.observe(element);
    watched.set(element, callback);
  } else if (watched.delete(element)) {
    seenObserver!.unobserve(element);
  }
}

/** Forgets every waiting element and the observers (tests). */
export function resetNearViewport(): void {
  nearObserver?.disconnect();
  seenObserver?.disconnect();
  nearObserver = seenObserver = undefined;
  waiting.clear();
  watched.clear();
}

/** How many elements wait (tests: proves every lazy card shares the one observer). */
export const nearViewportWaiting = (): number => waiting.size;

/** How many elements are watched for the shimmer (tests). */
export const inViewportWatched = (): number => watched.size;
