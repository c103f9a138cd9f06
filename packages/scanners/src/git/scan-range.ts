import { ConfigurationError, type Logger, silentLogger } from '@gatehouse/findings';
import type { RevisionRange } from './revision-args';
import { branchTips, commitIfPresent, countCommits, isAncestor, isFullSha, isShallow, isZeroSha, rangeIsCutByShallowBoundary } from './repository-facts';
import { runGit } from './run-git';

/** What triggered the scan, with the commit ids the event names (GitHub's payload, or the CLI's flags). */
export type ScanEvent =
  | { kind: 'pull_request'; baseSha: string; headSha: string; number?: number; /** the payload's commit count, a hint for deepening */ commits?: number }
  | { kind: 'push'; before: string; after: string; /** the pushed branch, without refs/heads/ */ branch: string }
  | { kind: 'full-history'; trigger: string };

export interface FetchPolicy {
  /**
   * May Gatehouse fetch what the checkout lacks (deepen a shallow clone, fetch the base commit or the
   * default branch)? Yes by default in GitHub Actions, never on a laptop (it would change the
   * user's repository).
   */
  allowed: boolean;
  remote?: string;
  /** Deepening rounds (each doubling the depth) before the last resort, `--unshallow`. */
  maxDeepenRounds?: number;
  timeoutMs?: number;
}

export interface ResolveRangeOptions {
  /** The repository's default branch (`main`): new branches and force pushes are scanned against it. */
  defaultBranch?: string;
  fetch: FetchPolicy;
  logger?: Logger;
}

/** The commits a history scan covers, established against the real checkout. */
export interface ScanRange {
  event: ScanEvent['kind'];
  /** Undefined when there is nothing to scan (a deleted branch) or the range could not be established. */
  range?: RevisionRange;
  commitCount: number;
  /** For the summary: what was scanned and how many commits. */
  description: string;
  /** False when commits of the range are missing and could not be fetched: a scan would be short, so it is incomplete. */
  complete: boolean;
  problem?: string;
  /** What was done to get there (fetches), and anything a reader of the summary should know. */
  notes: string[];
}

const short = (sha: string) => sha.slice(0, 7);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const SAFE_NAME = /^(?!-)(?!.*\.\.)(?!.*\/\/)[A-Za-z0-9._/-]{1,255}$/;
const FETCH_DEPTH_ADVICE = 'check out with actions/checkout `fetch-depth: 0`, or let Gatehouse fetch the missing history (input `fetch-history: true`)';

class Fetcher {
  readonly remote: string;
  constructor(
    private readonly cwd: string,
    private readonly policy: FetchPolicy,
    private readonly notes: string[],
    private readonly logger: Logger,
  ) {
    this.remote = policy.remote ?? 'origin';
    if (!SAFE_NAME.test(this.remote)) throw new ConfigurationError(`not a git remote name: ${JSON.stringify(this.remote.slice(0, 100))}`);
  }

  get allowed(): boolean {
    return this.policy.allowed;
  }

  private async fetch(args: string[], what: string): Promise<boolean> {
    try {
      await runGit(this.cwd, ['fetch', '--no-tags', '--quiet', ...args], { timeoutMs: this.policy.timeoutMs ?? 10 * 60_000 });
      this.notes.push(what);
      return true;
    } catch (error) {
      this.logger.warning(`git fetch failed (${what}): ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  /** Fetches a commit GitHub named but the checkout lacks (GitHub serves any reachable commit by id). */
  async commit(sha: string, depth: number): Promise<boolean> {
    const shallow = await isShallow(this.cwd);
    return this.fetch([...(shallow ? [`--depth=${depth}`] : []), this.remote, sha], `fetched commit ${short(sha)}`);
  }

  async branch(name: string): Promise<boolean> {
    if (!SAFE_NAME.test(name)) return false;
    return this.fetch([this.remote, `+refs/heads/${name}:refs/remotes/${this.remote}/${name}`], `fetched branch ${name}`);
  }

  async deepen(tips: readonly string[], depth: number): Promise<boolean> {
    return this.fetch([`--depth=${depth}`, this.remote, ...tips], `deepened the shallow checkout to ${depth} commits`);
  }

  async unshallow(): Promise<boolean> {
    return this.fetch(['--unshallow', this.remote], 'fetched the whole history (--unshallow)');
  }
}

/**
 * Makes sure no commit of the range is missing from a shallow checkout, deepening it when allowed.
 * Returns the problem when commits are still missing.
 */
async function completeHistory(cwd: string, range: RevisionRange, fetcher: Fetcher, hint: number, maxRounds: number): Promise<string | undefined> {
  if (!(await isShallow(cwd))) return undefined;
  const tips = range.kind === 'commits' ? [...range.include, ...range.exclude] : [];
  let depth = Math.max(64, hint * 2);
  for (let round = 0; round <= maxRounds; round++) {
    if (range.kind === 'commits' && !(await rangeIsCutByShallowBoundary(cwd, range))) return undefined;
    if (!fetcher.allowed) break;
    const fetched = range.kind === 'all' || round === maxRounds ? await fetcher.unshallow() : await fetcher.deepen(tips, depth);
    if (!fetched) break;
    if (range.kind === 'all' || round === maxRounds) return (await isShallow(cwd)) ? 'the checkout is still shallow after --unshallow' : undefined;
    depth *= 2;
  }
  return `the checkout is shallow and misses commits of the range; ${FETCH_DEPTH_ADVICE}`;
}

async function ensureCommit(cwd: string, sha: string, what: string, fetcher: Fetcher, depth: number): Promise<string | undefined> {
  if (await commitIfPresent(cwd, sha)) return undefined;
  if (fetcher.allowed && (await fetcher.commit(sha, depth)) && (await commitIfPresent(cwd, sha))) return undefined;
  return `the ${what} commit ${short(sha)} is not in the checkout${fetcher.allowed ? ' and could not be fetched' : ''}; ${FETCH_DEPTH_ADVICE}`;
}

function checkSha(sha: string, what: string): void {
  if (!isFullSha(sha)) throw new ConfigurationError(`the ${what} commit is not a full commit id: ${JSON.stringify(sha.slice(0, 80))}`);
}

function incomplete(event: ScanEvent['kind'], description: string, problem: string, notes: string[]): ScanRange {
  return { event, commitCount: 0, description, complete: false, problem, notes };
}

/**
 * Commits of `after` that no other branch has: what a new branch or a force push brought. Every
 * local and remote-tracking branch but the pushed one is excluded, the default branch always
 * (fetched when missing and allowed), and the old tip of a force-pushed branch when present.
 */
async function newCommitsOf(cwd: string, event: Extract<ScanEvent, { kind: 'push' }>, options: ResolveRangeOptions, fetcher: Fetcher, notes: string[]): Promise<{ range: RevisionRange; against: string }> {
  const pushed = new Set([`refs/heads/${event.branch}`, `refs/remotes/${fetcher.remote}/${event.branch}`]);
  const defaultBranch = options.defaultBranch;
  let tips = await branchTips(cwd);
  const hasDefault = () => defaultBranch !== undefined && tips.some((t) => t.ref === `refs/heads/${defaultBranch}` || t.ref === `refs/remotes/${fetcher.remote}/${defaultBranch}`);
  if (defaultBranch && defaultBranch !== event.branch && !hasDefault() && fetcher.allowed && (await fetcher.branch(defaultBranch))) tips = await branchTips(cwd);
  if (defaultBranch && defaultBranch !== event.branch && !hasDefault()) notes.push(`the default branch ${defaultBranch} is not in the checkout: commits are compared with the other branches only`);
  const exclude = new Set(tips.filter((t) => !pushed.has(t.ref)).map((t) => t.sha));
  if (!isZeroSha(event.before) && (await commitIfPresent(cwd, event.before))) exclude.add(event.before);
  if (exclude.size === 0) notes.push('no other branch is in the checkout: every commit of the pushed branch is scanned');
  const against = defaultBranch && defaultBranch !== event.branch ? `${defaultBranch} or other branches` : 'other branches';
  return { range: { kind: 'commits', include: [event.after], exclude: [...exclude].sort() }, against };
}

/**
 * The commits a history scan must cover, for the event:
 *
 * - pull request: exactly `base..head`, every commit of the PR whatever their number;
 * - push: `before..after` for a fast-forward; for a force push (before is not an ancestor of
 *   after) and a new branch's first push (before is all zeros), the commits of `after` that no
 *   other branch (and not the default branch) has; nothing for a deleted branch;
 * - schedule / dispatch: the whole history, every ref.
 *
 * A shallow checkout is deepened when `fetch.allowed`, else the range is `complete: false` with
 * what to change: a scan of a range with missing commits would be silently short.
 */
export async function resolveScanRange(cwd: string, event: ScanEvent, options: ResolveRangeOptions): Promise<ScanRange> {
  const notes: string[] = [];
  const logger = options.logger ?? silentLogger;
  const fetcher = new Fetcher(cwd, options.fetch, notes, logger);
  const maxRounds = options.fetch.maxDeepenRounds ?? 4;

  if (event.kind === 'full-history') {
    const range: RevisionRange = { kind: 'all' };
    const problem = await completeHistory(cwd, range, fetcher, 0, maxRounds);
    if (problem) return incomplete(event.kind, `full history (${event.trigger})`, problem, notes);
    const count = await countCommits(cwd, range);
    return { event: event.kind, range, commitCount: count, description: `full history (${event.trigger}): ${plural(count, 'commit')} on every branch and tag`, complete: true, notes };
  }

  if (event.kind === 'pull_request') {
    checkSha(event.baseSha, 'base');
    checkSha(event.headSha, 'head');
    const label = `pull request${event.number !== undefined ? ` #${event.number}` : ''}`;
    const depth = Math.max(64, (event.commits ?? 0) + 2);
    for (const [sha, what] of [[event.headSha, 'head'], [event.baseSha, 'base']] as const) {
      const problem = await ensureCommit(cwd, sha, what, fetcher, depth);
      if (problem) return incomplete(event.kind, label, problem, notes);
    }
    const range: RevisionRange = { kind: 'commits', include: [event.headSha], exclude: [event.baseSha] };
    const problem = await completeHistory(cwd, range, fetcher, event.commits ?? 0, maxRounds);
    if (problem) return incomplete(event.kind, label, problem, notes);
    const count = await countCommits(cwd, range);
    return { event: event.kind, range, commitCount: count, description: `${label}: ${short(event.baseSha)}..${short(event.headSha)}, ${plural(count, 'commit')}`, complete: true, notes };
  }

  const label = `push to ${event.branch}`;
  if (isZeroSha(event.after)) {
    return { event: event.kind, commitCount: 0, description: `${label}: the branch was deleted, nothing to scan`, complete: true, notes };
  }
  checkSha(event.after, 'pushed');
  if (!isZeroSha(event.before)) checkSha(event.before, 'previous');
  const afterProblem = await ensureCommit(cwd, event.after, 'pushed', fetcher, 64);
  if (afterProblem) return incomplete(event.kind, label, afterProblem, notes);

  let range: RevisionRange;
  let description: (count: number) => string;
  const created = isZeroSha(event.before);
  const beforePresent = !created && ((await commitIfPresent(cwd, event.before)) !== undefined || (fetcher.allowed && (await fetcher.commit(event.before, 64)) && (await commitIfPresent(cwd, event.before)) !== undefined));
  if (!created && beforePresent && (await isAncestor(cwd, event.before, event.after))) {
    range = { kind: 'commits', include: [event.after], exclude: [event.before] };
    description = (n) => `${label}: ${short(event.before)}..${short(event.after)}, ${plural(n, 'commit')}`;
  } else {
    if (!created && !beforePresent) notes.push(`the previous tip ${short(event.before)} is not in the checkout (force-pushed away): scanned as a force push`);
    const found = await newCommitsOf(cwd, event, options, fetcher, notes);
    range = found.range;
    description = created
      ? (n) => `new branch ${event.branch}: ${plural(n, 'commit')} of ${short(event.after)} not on ${found.against}`
      : (n) => `force push to ${event.branch}: ${plural(n, 'commit')} of ${short(event.after)} not on ${found.against}`;
  }
  const problem = await completeHistory(cwd, range, fetcher, 0, maxRounds);
  if (problem) return incomplete(event.kind, label, problem, notes);
  const count = await countCommits(cwd, range);
  return { event: event.kind, range, commitCount: count, description: description(count), complete: true, notes };
}
