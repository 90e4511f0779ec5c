/**
 * The one loading mechanism of every element that fetches: a Lit reactive controller that
 * owns what each of them needs around a request.
 *
 * - Abort on change: `key()` is read before every update of the host; when it differs from
 *   the last one, the load in flight is aborted and a new one starts (undefined: nothing
 *   to load, and whatever was loaded is forgotten).
 * - Stale answers: only the newest load may settle; an older one's answer is dropped.
 * - Moves: a host taken out of the page and put back in one go (moved) keeps its load; one
 *   that stays out aborts it, and loads again when it comes back.
 * - Timeout: after `timeout()` ms the load is aborted with a FetchError `timeout`.
 * - Retry: `retry()` loads again (Retry buttons); a failure carrying `retryAfter` seconds
 *   (a 503 or 429 with Retry-After) is retried once per failure streak when it is at most
 *   `maxRetryAfter`; with `retryOnline`, a failed load is retried when the browser is
 *   back online.
 * - Sanitiser: with `sanitizer`, a load also waits for sanitizerReady() (DOMPurify's import
 *   where the engine has no native Sanitizer), started together with the request, so a
 *   value is only ever rendered once its HTML can be sanitised, at no extra round trip.
 * - Events: `settled(outcome)` is called once per outcome, after the update that renders
 *   it, so listeners find in the DOM what the event reports.
 *
 * Aborts are the element's own doing, never an outcome: they are not reported.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { FetchError } from './fetch-json.js';
import { sanitizerReady } from './sanitize.js';

/** What a load gave: a value, or the error it failed with. */
export type LoadOutcome<T> = { value: T; error?: undefined } | { value?: undefined; error: unknown };

export interface LoadOptions<T> {
  /**
   * What the load depends on, as a string (say, JSON of the URL and options), read before
   * every update. Undefined or '' when there is nothing to load.
   */
  key(): string | undefined;
  /**
   * Performs the load; must reject when `signal` aborts (with its reason). `again` is true
   * for a retry (Retry, Retry-After, back online): the last answer was not good enough.
   */
  run(signal: AbortSignal, again: boolean): Promise<T>;
  /** Milliseconds before the load gives up with a FetchError `timeout`; 0 or undefined: never. */
  timeout?(): number;
  /** Longest Retry-After (seconds) followed on its own, once per failure streak; none by default. */
  maxRetryAfter?: number;
  /** Loads again when the browser comes back online after a failure. */
  retryOnline?: boolean;
  /** The value holds HTML to sanitise: the load also waits for the sanitiser (in parallel). */
  sanitizer?: boolean;
  /** Reports an outcome, once, after the host has rendered it. */
  settled?(outcome: LoadOutcome<T>): void;
}

type Host = ReactiveControllerHost & HTMLElement;

const isAbort = (error: unknown, signal: AbortSignal) => signal.aborted && error === signal.reason;

export class LoadController<T> implements ReactiveController {
  /** The newest outcome, or undefined while loading or before any load. */
  outcome?: LoadOutcome<T>;
  private currentKey?: string;
  private request?: AbortController;
  private reported?: LoadOutcome<T>;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private followedRetryAfter = false;
  private readonly onOnline = () => {
    if (this.outcome?.error !== undefined) this.retry();
  };

  constructor(
    private readonly host: Host,
    private readonly options: LoadOptions<T>,
  ) {
    host.addController(this);
  }

  /** Whether a load is under way. */
  get pending(): boolean {
    return !!this.request;
  }

  /** The loaded value, when the newest load succeeded. */
  get value(): T | undefined {
    return this.outcome?.value;
  }

  /** Why the newest load failed, when it did. */
  get error(): unknown {
    return this.outcome?.error;
  }

  hostConnected(): void {
    if (this.options.retryOnline) window.addEventListener('online', this.onOnline);
    // Back in the page after a removal stopped the load: the next update loads again.
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.onOnline);
    clearTimeout(this.retryTimer);
    // A host moved within the page is disconnected and connected again in one go: it keeps
    // its load. One still out after that gives it up, and loads again when it comes back.
    queueMicrotask(() => {
      if (!this.host.isConnected && this.request) {
        this.request.abort();
        this.request = this.currentKey = undefined;
      }
    });
  }

  hostUpdate(): void {
    // A host out of the page loads nothing (it may still update: a property set by code).
    if (!this.host.isConnected) return;
    const key = this.options.key() || undefined;
    if (key !== this.currentKey) this.start(key);
  }

  hostUpdated(): void {
    const outcome = this.outcome;
    if (!outcome || outcome === this.reported) return;
    this.reported = outcome;
    if (outcome.error === undefined) {
      this.followedRetryAfter = false;
    } else {
      const wait = (outcome.error as FetchError | undefined)?.retryAfter;
      if (this.options.maxRetryAfter !== undefined && wait !== undefined && wait <= this.options.maxRetryAfter && !this.followedRetryAfter) {
        this.followedRetryAfter = true;
        this.retryTimer = setTimeout(() => this.again(), Math.max(1, wait) * 1000);
      }
    }
    this.options.settled?.(outcome);
  }

  /** Loads again now, as a Retry button does (nothing while a load is under way). */
  retry(): void {
    this.followedRetryAfter = false;
    this.again();
  }

  /** Forgets the key, so the next update loads afresh even if it is the same. */
  reset(): void {
    this.currentKey = undefined;
    this.host.requestUpdate();
  }

  private again(): void {
    if (this.currentKey && !this.request) this.start(this.currentKey, true);
  }

  private start(key: string | undefined, again = false): void {
    clearTimeout(this.retryTimer);
    if (key !== this.currentKey) this.followedRetryAfter = false;
    this.currentKey = key;
    this.request?.abort();
    this.outcome = undefined;
    this.host.requestUpdate();
    if (!key) {
      this.request = undefined;
      return;
    }
    const request = (this.request = new AbortController());
    const { signal } = request;
    const ms = this.options.timeout?.() ?? 0;
    const timer = ms > 0 ? setTimeout(() => request.abort(new FetchError('timeout', `No answer in ${ms} ms`)), ms) : undefined;
    const run = this.options.run(signal, again);
    void (this.options.sanitizer ? Promise.all([run, sanitizerReady()]).then(([value]) => value) : run)
      .then(
        (value): LoadOutcome<T> => ({ value }),
        (error: unknown): LoadOutcome<T> | undefined =>
          // Our own abort (a newer load, removal) is no outcome; a timeout is.
          isAbort(error, signal) && !(error instanceof FetchError) ? undefined : { error },
      )
      .then((outcome) => {
        clearTimeout(timer);
        if (request !== this.request) return;
        this.request = undefined;
        this.outcome = outcome;
        this.host.requestUpdate();
      });
  }
}
