/**
 * Waits until `condition` (sync or async) holds, checking again after each short pause;
 * fails with `what` after `timeout` ms. For conditions nothing signals (a server's request
 * counter, a layout that settles), instead of a fixed sleep.
 */
export async function until(condition: () => boolean | Promise<boolean>, what = 'condition', timeout = 5_000): Promise<void> {
  const deadline = performance.now() + timeout;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
