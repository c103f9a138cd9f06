import { it } from 'vitest';
import type { ReliabilityCase } from '../catalog/reliability-case';

/**
 * Registers a case's test under its catalog id. An open case is an expected failure (`it.fails`):
 * once the code is fixed the test fails, asking for the catalog entry (and the page) to be updated.
 */
export function caseTest(entry: ReliabilityCase, body: () => Promise<void> | void, timeoutMs?: number): void {
  const name = `${entry.id}: ${entry.title}`;
  if (entry.open) it.fails(name, body, timeoutMs);
  else it(name, body, timeoutMs);
}

/** Finds a case by id in a catalog; a typo in a test is an error, not a silently untested case. */
export function caseById(cases: readonly ReliabilityCase[], id: string): ReliabilityCase {
  const found = cases.find((c) => c.id === id);
  if (!found) throw new Error(`no reliability case ${id} in the catalog`);
  return found;
}
