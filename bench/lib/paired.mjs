// How both benchmarks take samples: an element's and its baseline's alternate (A B B A …),
// so drift on a busy machine falls on both alike, after warm-up rounds that are discarded.

/**
 * Runs `sample(impl, i)` for each implementation, `warmup + n` rounds, alternating the order,
 * and returns `{ [impl]: results }` without the warm-up rounds.
 */
export async function paired(impls, n, sample, warmup = 1) {
  const out = Object.fromEntries(impls.map((impl) => [impl, []]));
  for (let i = 0; i < warmup + n; i++) {
    const order = i % 2 ? [...impls].reverse() : impls;
    for (const impl of order) {
      const result = await sample(impl, i);
      if (i >= warmup) out[impl].push(result);
    }
  }
  return out;
}
