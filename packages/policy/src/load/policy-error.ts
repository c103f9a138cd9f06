import { ConfigurationError, formatPosition } from '@gatehouse/findings';

/** One mistake in a policy file: where it is and what is wrong. Never quotes the offending value. */
export interface PolicyProblem {
  file: string;
  line?: number;
  column?: number;
  /** Key path such as `exceptions[2].owner`; empty for the document itself. */
  keyPath: string;
  message: string;
}

export function formatProblem(problem: PolicyProblem): string {
  const where = formatPosition(problem.file, problem.line, problem.column);
  return problem.keyPath ? `${where}: ${problem.keyPath}: ${problem.message}` : `${where}: ${problem.message}`;
}

/**
 * A policy file that cannot be used. Every mistake found is reported at once, each with
 * file:line:col and its key, so fixing a file takes one round trip.
 */
export class PolicyValidationError extends ConfigurationError {
  override name = 'PolicyValidationError';
  readonly problems: readonly PolicyProblem[];

  constructor(file: string, problems: readonly PolicyProblem[]) {
    const sorted = [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    const first = sorted[0];
    if (sorted.length === 1 && first) {
      super(first.keyPath ? `${first.keyPath}: ${first.message}` : first.message, file, first.line, first.column);
    } else {
      super(`${sorted.length} problems in the policy file:\n${sorted.map((p) => `  ${formatProblem(p)}`).join('\n')}`, file);
    }
    this.problems = sorted;
  }
}

/** `exceptions[2].owner` from `['exceptions', 2, 'owner']`. */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text ? `.${String(segment)}` : String(segment);
  }
  return text;
}
