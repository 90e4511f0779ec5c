/**
 * Property tests that are reproducible and finish on a busy machine: every run starts
 * from the same seed (a failure prints it, with the path to the counterexample, so
 * `fc.assert(..., { seed, path })` replays it), and stops early when its time budget is
 * spent, as long as it has run enough cases to mean something.
 */
import fc from 'fast-check';

/** The seed of every property run; change it to explore other cases. */
export const SEED = 13;

export interface Budget {
  /** Cases to run when time allows. */
  numRuns: number;
  /** Fewest cases that still make the property meaningful; the test fails below it. */
  minRuns?: number;
  /** Milliseconds the property may take (well inside mocha's 10 s test timeout). */
  timeLimit?: number;
}

/**
 * `fc.assert` with the fixed seed and a time budget. Throws fast-check's report on a
 * counterexample, and an error when the budget allowed fewer than `minRuns` cases.
 */
export function assertProperty<Ts>(property: fc.IProperty<Ts>, { numRuns, minRuns = Math.ceil(numRuns / 5), timeLimit = 5_000 }: Budget): void {
  const details = fc.check(property, { seed: SEED, numRuns, interruptAfterTimeLimit: timeLimit, markInterruptAsFailure: false });
  if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? `property failed (seed ${SEED})`);
  if (details.numRuns < minRuns) {
    throw new Error(`only ${details.numRuns} of ${numRuns} cases ran in ${timeLimit} ms (seed ${SEED}); at least ${minRuns} are needed`);
  }
}
