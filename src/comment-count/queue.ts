/**
 * The page's bound on comment-count requests: at most `MAX_CONCURRENT` at once (a listing
 * page of 50 teasers must not open 50 connections to one comments server, nor hold back
 * the page's own requests), the rest waiting in the order they asked. A request holds its
 * slot until its body is read, or it fails or is aborted; one aborted while it waits
 * leaves the line. Module state by design: `resetCountQueue()` clears it between tests.
 */
import { FetchError } from '../internal/fetch-json.js';

export const MAX_CONCURRENT = 6;

/** Bumped by a reset, so that a slot taken before it is not given back after it. */
let generation = 0;
let active = 0;
/** The requests waiting for a slot, first come first served; each is handed its slot. */
let waiting: (() => void)[] = [];

/**
 * A `fetch` that waits for a slot first, and keeps it until the answer's body has been
 * read, or the request failed or was aborted (one aborted while waiting leaves the line).
 * `timeout` ms (0: none) count from the start of the request, not of the wait: a count at
 * the end of a long line is not given up for the line's length.
 */
export function queuedFetch(timeout: number, base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    // fetchJson always passes a signal.
    const outer = init!.signal!;
    const mine = generation;
    if (active < MAX_CONCURRENT) active++;
    else {
      await new Promise<void>((resolve, reject) => {
        const leave = (): void => {
          waiting = waiting.filter((w) => w !== take);
          reject(outer.reason);
        };
        const take = (): void => {
          outer.removeEventListener('abort', leave);
          resolve();
        };
        waiting.push(take);
        outer.addEventListener('abort', leave);
      });
    }
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(outer.reason);
    const timer = timeout > 0 ? setTimeout(() => controller.abort(new FetchError('timeout', `No answer in ${timeout} ms`)), timeout) : 0;
    let held = true;
    const done = (): void => {
      if (!held) return;
      held = false;
      clearTimeout(timer);
      outer.removeEventListener('abort', onAbort);
      // The slot goes to the next in line as it is, or back to the pool.
      if (mine === generation) (waiting.shift() ?? (() => active--))();
    };
    // WebKit rejects an aborted fetch with an AbortError, not with the reason it was given.
    const why = (error: unknown): unknown => (controller.signal.aborted ? controller.signal.reason : error);
    outer.addEventListener('abort', onAbort);
    try {
      // (Aborted between getting the slot and here, it runs to its end unheard: harmless.)
      const res = await base(input, { ...init, signal: controller.signal });
      const reader = res.body?.getReader();
      if (!reader) {
        done();
        return res;
      }
      const body = new ReadableStream<Uint8Array>({
        async pull(stream) {
          try {
            const chunk = await reader.read();
            if (chunk.done) {
              done();
              stream.close();
            } else {
              stream.enqueue(chunk.value);
            }
          } catch (error) {
            done();
            stream.error(why(error));
          }
        },
        cancel(reason) {
          done();
          return reader.cancel(reason);
        },
      });
      return new Response(body, { status: res.status, headers: res.headers });
    } catch (error) {
      done();
      throw why(error);
    }
  };
}

/** Forgets every waiting request and every taken slot (tests). */
export function resetCountQueue(): void {
  generation++;
  active = 0;
  waiting = [];
}

/** Requests running and waiting now (tests). */
export const countQueueState = (): { active: number; waiting: number } => ({ active, waiting: waiting.length });
