import type { Finding, Logger } from '@gatehouse/findings';
import type { GitHubClient, GitHubContext } from '@gatehouse/github';

/**
 * The findings ledger (issue 5): first-seen dates per finding id, written only by runs on the
 * default branch and read by every run, for SLA due dates and the new-only baseline. This is the
 * seam the actions call; the ledger itself is built elsewhere. Until then `noFindingsLedger` is used:
 * nothing is known, so findings are first seen now and, without a baseline file, every finding is new.
 */
export interface FindingsLedger {
  /** First-seen instants (ISO 8601) by finding id, as recorded by default-branch runs. */
  read(): Promise<ReadonlyMap<string, string>>;
  /**
   * Records this run's findings. Called by policy-gate only on default-branch runs
   * (`isDefaultBranchRun`), never on pull requests; a failure is reported, never changes the verdict.
   */
  write?(findings: readonly Finding[], now: Date): Promise<void>;
}

export interface FindingsLedgerSetup {
  client: GitHubClient;
  context: GitHubContext;
  logger: Logger;
}

/** Builds the ledger for a run (it needs the client and the context to find the last default-branch run). */
export type FindingsLedgerFactory = (setup: FindingsLedgerSetup) => FindingsLedger;

export const noFindingsLedger: FindingsLedger = {
  read: async () => new Map(),
};
