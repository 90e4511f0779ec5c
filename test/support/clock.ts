/**
 * A hand-driven clock for timers an element sets itself (a retry after Retry-After), so
 * a test can run them at once, and see that none is set, instead of sleeping through
 * them. Only timers `take` picks are held; every other timer (the test runner's, the
 * test's own polling) runs on the real clock.
 */
export interface HeldTimer {
  delay: number;
  run(): void;
}

export interface Clock {
  /** Timers set and not yet run, oldest first. */
  readonly pending: HeldTimer[];
  /** Runs the oldest pending timer; fails when there is none. */
  tick(): void;
  /** Puts the real `setTimeout` and `clearTimeout` back; pending timers are dropped. */
  restore(): void;
}

export function holdTimers(take: (delay: number) => boolean): Clock {
  const realSet = window.setTimeout;
  const realClear = window.clearTimeout;
  const held = new Map<number, HeldTimer>();
  let next = -1;
  window.setTimeout = ((handler: TimerHandler, delay = 0, ...args: unknown[]) => {
    if (typeof handler !== 'function' || !take(delay)) return realSet(handler, delay, ...args);
    const id = next--;
    held.set(id, {
      delay,
      run: () => {
        held.delete(id);
        (handler as (...a: unknown[]) => void)(...args);
      },
    });
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (id !== undefined && held.delete(id)) return;
    realClear(id);
  }) as typeof window.clearTimeout;
  return {
    get pending() {
      return [...held.values()];
    },
    tick() {
      const [first] = held.values();
      if (!first) throw new Error('no timer is pending');
      first.run();
    },
    restore() {
      window.setTimeout = realSet;
      window.clearTimeout = realClear;
      held.clear();
    },
  };
}
