import { errorMessage, type Decision, type EngineRun, type Finding, type Verdict } from '@gatehouse/findings';
import { evaluate, type Mode } from '@gatehouse/policy';
import { markdownText } from '@gatehouse/report';
import { evaluationContext } from '../common/evaluation-context';
import type { TrustedFiles } from '../common/trusted-files';
import { loadTrustedPolicy, type TrustedPolicy } from '../common/trusted-policy';

/** What a pull request's own policy (and the VEX and baseline it names) would decide, next to the base's. */
export type PolicyChange =
  | { kind: 'unchanged' }
  | { kind: 'invalid'; where: string; problem: string }
  | { kind: 'changed'; where: string; noLongerBlocking: number; newlyBlocking: number; verdict: Verdict; baseVerdict: Verdict };

function samePolicy(a: TrustedPolicy, b: TrustedPolicy): boolean {
  return (
    a.loaded.sha256 === b.loaded.sha256 &&
    JSON.stringify(a.vex) === JSON.stringify(b.vex) &&
    JSON.stringify([...(a.baselineIds ?? [])]) === JSON.stringify([...(b.baselineIds ?? [])])
  );
}

/**
 * Reads the policy as the pull request would leave it (`head`) and, when it differs from the trusted
 * one, evaluates the same findings under it. Information only: the verdict always comes from the
 * trusted (base) policy, and a PR policy that does not even load is reported, not obeyed.
 */
export async function comparePolicyChange(options: {
  head: TrustedFiles;
  base: TrustedPolicy;
  baseDecision: Decision;
  findings: readonly Finding[];
  engines: readonly EngineRun[];
  now: Date;
  mode: Mode;
  /** First-seen dates from the ledger (read once by the caller). */
  firstSeen: ReadonlyMap<string, string>;
}): Promise<PolicyChange> {
  let head: TrustedPolicy;
  try {
    head = await loadTrustedPolicy(options.head, options.base.path);
  } catch (error) {
    return { kind: 'invalid', where: options.head.description, problem: errorMessage(error).slice(0, 1_000) };
  }
  if (samePolicy(head, options.base)) return { kind: 'unchanged' };
  const firstSeen = options.firstSeen;
  const context = await evaluationContext({ policy: head, ledger: { read: async () => firstSeen }, mode: options.mode });
  const decision = evaluate(options.findings, head.loaded.policy, options.now, { ...context, engines: options.engines }).decision;
  const under = new Set(decision.blockingIds);
  const before = new Set(options.baseDecision.blockingIds);
  return {
    kind: 'changed',
    where: options.head.description,
    noLongerBlocking: [...before].filter((id) => !under.has(id)).length,
    newlyBlocking: [...under].filter((id) => !before.has(id)).length,
    verdict: decision.verdict,
    baseVerdict: options.baseDecision.verdict,
  };
}

/** One sentence for the PR comment and the log. */
export function policyChangeNote(change: PolicyChange, path: string): string | undefined {
  switch (change.kind) {
    case 'unchanged':
      return undefined;
    case 'invalid':
      return `This pull request's ${path} does not load (${change.problem}); the gate used the base branch's policy. Once merged, every run would fail on it.`;
    case 'changed': {
      const parts: string[] = [];
      if (change.noLongerBlocking > 0) parts.push(`this PR loosens the policy: ${change.noLongerBlocking} finding${change.noLongerBlocking === 1 ? '' : 's'} would no longer block once merged`);
      if (change.newlyBlocking > 0) parts.push(`${change.newlyBlocking} finding${change.newlyBlocking === 1 ? '' : 's'} would newly block`);
      if (parts.length === 0) parts.push('it changes no blocking finding of this run');
      const verdict = change.verdict === change.baseVerdict ? `the verdict would stay ${change.verdict}` : `the verdict would be ${change.verdict} instead of ${change.baseVerdict}`;
      return `This pull request changes ${path} (or the VEX or baseline it names): ${parts.join('; ')}; ${verdict}. The gate decides with the base branch's policy; the change applies once merged.`;
    }
  }
}

/** A section of the job summary (Markdown, every untrusted string escaped). */
export function policyChangeSection(change: PolicyChange, path: string): string {
  const note = policyChangeNote(change, path);
  if (!note) return '';
  return `### Policy change in this pull request\n\n${markdownText(note, 2_000)}`;
}
