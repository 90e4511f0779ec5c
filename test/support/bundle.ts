/**
 * Loads a built script-tag file into this page the way a partner pastes it: a classic
 * `<script src>`. By default the loader (dist/lapa-widgets.min.js, which `npm test` builds
 * first), then `LapaWidgets.load()` of every element, so that the caller finds all three
 * defined as it would with the all-in-one file (ALL_IN_ONE). Resolves with the errors thrown
 * while the scripts ran (they are kept from failing the test run, so the test can assert on them).
 */
// From the embed server (test/embed/server.mjs), which sends dist/ as built: the test runner's
// own file server rewrites scripts, which would break the chunks' integrity.
export const BUNDLE = '/__embed/dist/lapa-widgets.min.js';
export const ALL_IN_ONE = '/__embed/dist/lapa-widgets.all.min.js';
export const TAGS = ['news-card', 'comment-box', 'scroll-to-top', 'comment-count', 'news-feed'] as const;

export function loadBundle(src = BUNDLE): Promise<unknown[]> {
  const errors: unknown[] = [];
  const onError = (event: ErrorEvent) => {
    errors.push(event.error ?? event.message);
    event.preventDefault();
  };
  window.addEventListener('error', onError);
  const script = document.createElement('script');
  script.src = src;
  return new Promise<void>((resolve, reject) => {
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`${src} did not load: run npm run build first`));
    document.head.append(script);
  })
    .then(() => Promise.all(TAGS.map((tag) => window.LapaWidgets!.load(tag))))
    .then(() => errors)
    .finally(() => window.removeEventListener('error', onError));
}
