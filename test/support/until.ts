/**
 * Waits until `condition` (sync or async) holds, checking again after each short pause;
 * fails with `what` after `timeout` ms. For conditions nothing signals (a server's request
 * counter, a layout that settles), instead of a fixed sleep.
 */
export async function until(condition: () => boolean | Promise<boolean>, what = 'condition', timeout = 5_000): Promise<void> {
  if (!(await holds(condition, timeout))) throw new Error(`Timed out after ${timeout} ms waiting for: ${what}`);
}

/**
 * Like `until`, but says whether `condition` came to hold within `timeout` ms instead of
 * failing, for a caller that collects failures. Timers, not animation frames: a page the
 * runner keeps in the background gets no frames.
 */
export async function holds(condition: () => boolean | Promise<boolean>, timeout = 5_000): Promise<boolean> {
  const deadline = performance.now() + timeout;
  while (!(await condition())) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}
