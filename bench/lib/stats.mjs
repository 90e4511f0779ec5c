// Small, dependency-free statistics for the benchmark: medians and quartiles (linear
// interpolation between order statistics), and a percentile-bootstrap confidence interval
// for the ratio and difference of two medians, with a fixed seed so a report is
// reproducible from its samples.

export function quantile(values, q) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export const median = (values) => quantile(values, 0.5);

/** Median, quartiles, extremes and count of `values`. */
export function summary(values) {
  return {
    n: values.length,
    median: median(values),
    p25: quantile(values, 0.25),
    p75: quantile(values, 0.75),
    p95: quantile(values, 0.95),
    min: values.length ? Math.min(...values) : NaN,
    max: values.length ? Math.max(...values) : NaN,
  };
}

function prng(seed) {
  let s = seed >>> 0;
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function resample(values, random) {
  return Array.from(values, () => values[Math.floor(random() * values.length)]);
}

/**
 * 95% bootstrap intervals for median(a) / median(b) and median(a) - median(b), from
 * `rounds` resamples of each group.
 */
export function compare(a, b, rounds = 2000) {
  const random = prng(0x1a9a);
  const ratios = [];
  const diffs = [];
  for (let i = 0; i < rounds; i++) {
    const ma = median(resample(a, random));
    const mb = median(resample(b, random));
    ratios.push(ma / mb);
    diffs.push(ma - mb);
  }
  return {
    ratio: median(a) / median(b),
    ratioCi: [quantile(ratios, 0.025), quantile(ratios, 0.975)],
    diff: median(a) - median(b),
    diffCi: [quantile(diffs, 0.025), quantile(diffs, 0.975)],
  };
}
