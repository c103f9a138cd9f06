import { runChild, type ChildCommand, type ChildRun } from './child-run';

/** A named process the bench measures; each round runs every case once, each in a fresh process. */
export interface MeasuredCase {
  name: string;
  command: ChildCommand;
  /** A run that does not meet this is a failure of the case (e.g. a worker that printed no result). */
  check?: (run: ChildRun) => string | undefined;
}

export interface CaseRuns {
  name: string;
  runs: ChildRun[];
  failures: string[];
}

/**
 * Runs `rounds` rounds of the cases, alternating their order (A B, then B A, ...) so that a machine
 * that gets slower or faster during the bench shifts baseline and subject alike. Each run is a fresh
 * child process, so heap, GC state and peak RSS belong to that one case.
 */
export async function runAlternatingRounds(
  cases: readonly MeasuredCase[],
  rounds: number,
  onRun?: (name: string, run: ChildRun) => void,
  options: { stopOnFailure?: boolean } = {},
): Promise<CaseRuns[]> {
  const out = cases.map((c) => ({ name: c.name, runs: [] as ChildRun[], failures: [] as string[] }));
  // With stopOnFailure, the first failed run ends the rounds: minutes per run at a million findings.
  const failed = () => options.stopOnFailure === true && out.some((c) => c.failures.length > 0);
  for (let round = 0; round < rounds && !failed(); round++) {
    const order = cases.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const index of order) {
      if (failed()) break;
      const measured = cases[index]!;
      const run = await runChild(measured.command);
      const problem = run.timedOut ? `timed out after ${Math.round(run.wallMs)} ms` : measured.check?.(run);
      if (problem) out[index]!.failures.push(problem);
      out[index]!.runs.push(run);
      onRun?.(measured.name, run);
    }
  }
  return out;
}
