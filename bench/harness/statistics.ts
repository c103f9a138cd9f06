/** Median, min and max of a series: what every figure in the bench reports. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function spreadOf(values: readonly number[]): Spread {
  if (!values.length) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, runs: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)!, runs: sorted.length };
}

/** Ratios of paired runs (subject_i / baseline_i): pairing cancels what drifts between rounds. */
export function pairedRatios(subject: readonly number[], baseline: readonly number[]): number[] {
  const n = Math.min(subject.length, baseline.length);
  return Array.from({ length: n }, (_, i) => subject[i]! / baseline[i]!);
}
