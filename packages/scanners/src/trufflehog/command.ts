import type { ExitCodeTable, ToolCommand } from '@gatehouse/toolchain';
import type { RunOptions } from '../adapter';
import { parseRevisionArgs } from '../git/revision-args';

/** With `--fail`, trufflehog exits 183 when it found something; 0 when not; anything else is a failure. */
export const TRUFFLEHOG_FOUND_EXIT_CODE = 183;

export const TRUFFLEHOG_EXIT_CODES: ExitCodeTable = {
  clean: [0],
  findings: [TRUFFLEHOG_FOUND_EXIT_CODE],
  failures: { 1: 'trufflehog failed (its last log line says why)', 2: 'trufflehog crashed (Go runtime error)' },
};

/**
 * What a git range becomes for `trufflehog git`: it scans `--since-commit <base>..--branch <head>`
 * only, so a range with one excluded commit is all it can take (a pull request, a fast-forward
 * push). The plan does not give it the wider ranges of force pushes and new branches.
 */
export function trufflehogRangeArgs(gitRange: string | undefined): string[] {
  if (!gitRange?.trim()) return [];
  const args = parseRevisionArgs(gitRange);
  if (args.length === 1 && args[0]!.includes('..')) {
    const [since, head] = args[0]!.split('..') as [string, string];
    return ['--since-commit', since, '--branch', head];
  }
  if (args.length === 1 && args[0] === '--all') return [];
  throw new Error(`trufflehog can only scan a base..head range, not ${gitRange.slice(0, 200)}`);
}

/**
 * The argv for trufflehog 3 (pinned 3.97.1), printing JSON lines on stdout:
 *
 * - `history` / `diff`: `trufflehog git file://<workspace> [--since-commit B --branch H]`;
 * - `full`: `trufflehog filesystem <targets…>`;
 * - `image`: `trufflehog docker --image <ref>`.
 *
 * Always `--no-update` (trufflehog otherwise replaces itself with a download), `--fail` (exit 183
 * on results) and every result kind (`--results=verified,unknown,unverified`). Verification, which
 * sends each candidate to its own provider's API, stays on unless `extraArgs` has
 * `--no-verification`.
 */
export function trufflehogCommand(opts: RunOptions): ToolCommand {
  const common = ['--json', '--no-update', '--fail', '--results=verified,unknown,unverified', ...(opts.extraArgs ?? [])];
  let args: string[];
  switch (opts.mode) {
    case 'history':
    case 'diff':
      args = ['git', `file://${opts.workspace}`, ...trufflehogRangeArgs(opts.gitRange), ...common];
      break;
    case 'full':
      // A target starting with "-" would read as an option: ./ keeps it a path.
      args = ['filesystem', ...common, ...(opts.targets.length > 0 ? opts.targets : ['.']).map((t) => (t.startsWith('-') ? `./${t}` : t))];
      break;
    case 'image':
      if (!opts.image) throw new Error('trufflehog: image mode needs opts.image');
      args = ['docker', `--image=${opts.image}`, ...common];
      break;
    default:
      throw new Error(`trufflehog has no ${opts.mode} mode`);
  }
  return { executable: opts.executable, args, cwd: opts.workspace };
}
