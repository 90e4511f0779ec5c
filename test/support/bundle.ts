/**
 * Loads the built script-tag bundle (dist/lapa-widgets.min.js, which `npm test` builds
 * first) into this page the way a partner pastes it: a classic `<script src>`. Resolves
 * with the errors it threw while running (they are kept from failing the test run, so
 * the test can assert on them).
 */
export const BUNDLE = '/dist/lapa-widgets.min.js';

export function loadBundle(src = BUNDLE): Promise<unknown[]> {
  const errors: unknown[] = [];
  const onError = (event: ErrorEvent) => {
    errors.push(event.error ?? event.message);
    event.preventDefault();
  };
  window.addEventListener('error', onError);
  const script = document.createElement('script');
  script.src = src;
  return new Promise<unknown[]>((resolve, reject) => {
    script.onload = () => resolve(errors);
    script.onerror = () => reject(new Error(`${src} did not load: run npm run build first`));
    document.head.append(script);
  }).finally(() => window.removeEventListener('error', onError));
}
