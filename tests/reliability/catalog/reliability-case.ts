/**
 * One case of the reliability suite: a fault or hostile input, and what Gatehouse must do with it.
 * The catalog is plain data so both the tests and the docs/reliability.md generator read it: a case
 * is listed on the page exactly when a test exists for it. A case that does not hold yet carries
 * `open` (the reason); its test is an expected failure, so fixing the code flags the stale entry.
 */
export type CaseGroup = 'fault-matrix' | 'hostile-input' | 'network' | 'leak-audit' | 'concurrency' | 'tamper';

export interface ReliabilityCase {
  /** Stable, unique: `<group>/<subject>/<fault>`. */
  id: string;
  group: CaseGroup;
  /** What is done to Gatehouse. */
  title: string;
  /** What Gatehouse does about it (what the test asserts). */
  expectation: string;
  /** Set when the case does not hold today: why. */
  open?: string;
}

/** A combination that cannot happen for an engine, with why (listed on the page, not counted). */
export interface NotApplicableCase {
  group: CaseGroup;
  subject: string;
  fault: string;
  why: string;
}

export const GROUP_TITLES: Record<CaseGroup, string> = {
  'fault-matrix': 'Engine fault matrix',
  'hostile-input': 'Hostile scanner output and inputs',
  network: 'Network faults',
  'leak-audit': 'Secret leak audit',
  concurrency: 'Concurrency',
  tamper: 'Tamper attempts from a pull request',
};
