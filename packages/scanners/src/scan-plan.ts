import type { EngineId, RunOptions } from './adapter';

/**
 * What one action (or `gatehouse scan`) will run: each engine with its options, decided from the
 * event (PR range, push range, full history), the inputs and the files present. Plans are pure data,
 * so they are unit-tested without running anything, and the summary can say what was scanned.
 */
export interface EngineInvocation {
  engine: EngineId;
  /** What this invocation covers, in words for the summary: "PR #12: base..head, 40 commits". */
  label: string;
  options: Omit<RunOptions, 'executable' | 'reportPath'>;
  /** A required engine that cannot run makes the result incomplete even on a laptop. */
  required?: boolean;
  /** A name distinguishing several invocations of one engine (one per manifest, per image). */
  instance?: string;
}

export interface ScanPlan {
  invocations: EngineInvocation[];
  /** Engines deliberately not run, with why ("no Python files", "trufflehog not enabled"). */
  notRun: { engine: EngineId; reason: string }[];
  /** Lines for the summary: the range scanned and the number of commits, the manifests found, ... */
  notes: string[];
  /**
   * Engines that should run and cannot do what was asked (a history range with missing commits, a
   * configuration that could not be read from the trusted commit): reported `incomplete`, never clean.
   */
  incomplete?: { engine: EngineId; reason: string }[];
}
