import type { ThroughputCase } from './suites/throughput';

export type SuiteName = 'cold-start' | 'throughput' | 'demo';
export const SUITES: readonly SuiteName[] = ['cold-start', 'throughput', 'demo'];

/** What a bench run measures and how often: the full plan, or --quick (under a minute on 2 cores). */
export interface BenchPlan {
  quick: boolean;
  suites: readonly SuiteName[];
  coldStartRounds: number;
  demoRounds: number;
  throughput: ThroughputCase[];
  /** Pipeline runs on an empty report per format (the RSS base of cost per finding). */
  emptyReportRounds: number;
}

const FULL_FORMATS = ['trivy-image', 'semgrep', 'gitleaks', 'npm-audit'] as const;

/** Fewer rounds for big cases (each is minutes of machine time), never fewer than three for a median with a range. */
const roundsFor = (findings: number) => (findings >= 100_000 ? 3 : 5);

export function benchPlan(quick: boolean, suites: readonly SuiteName[] = SUITES): BenchPlan {
  if (quick) {
    return {
      quick,
      suites,
      coldStartRounds: 5,
      demoRounds: 1,
      emptyReportRounds: 1,
      throughput: [
        ...FULL_FORMATS.map((kind) => ({ kind, findings: 1_000, rounds: 3 })),
        { kind: 'trivy-image', findings: 10_000, rounds: 3 },
      ],
    };
  }
  return {
    quick,
    suites,
    coldStartRounds: 11,
    demoRounds: 3,
    emptyReportRounds: 3,
    throughput: [
      ...FULL_FORMATS.flatMap((kind) => [1_000, 10_000, 100_000].map((findings) => ({ kind, findings, rounds: roundsFor(findings) }))),
      // Compact entries: how time and memory grow up to 1M findings in one document.
      ...[10_000, 100_000, 1_000_000].map((findings) => ({ kind: 'trivy-compact', findings, rounds: roundsFor(findings) })),
    ],
  };
}
