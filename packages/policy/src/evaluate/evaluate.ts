import { CATEGORIES, SEVERITIES, type Category, type Decision, type EngineRun, type Finding, type Reason, type Severity } from '@gatehouse/findings';
import type { Policy } from '../schema/policy-schema';
import type { Mode } from '../schema/rules';
import { VexIndex } from '../vex/vex-index';
import { vexStatusSuppresses, type VexStatement } from '../vex/vex-statement';
import { rulesByCategory } from './effective-rules';
import { annotateFinding } from './annotate-finding';
import { engineReasons } from './engine-reasons';
import { ExceptionIndex, type CompiledException } from './exception-index';
import { exceptionReasons } from './exception-reasons';
import { FactsCache } from './finding-keys';
import { FindingGroup, reason, sortReasons } from './reasons';
import { countedLevel, meetsThreshold } from './severity-level';
import { slaTable } from './sla';
import { bestValidException, carriedSuppression, exceptionSuppression, vexSuppression } from './suppressions';

export interface EvaluationContext {
  /** Every engine of the run with its status; incomplete ones fail the gate unless the policy says otherwise. */
  engines: readonly EngineRun[];
  /** First-seen dates by finding id, from the findings ledger; findings not in it are first seen now. */
  firstSeen?: ReadonlyMap<string, string>;
  /** Finding ids already present on the base branch; in new-only modes they do not block. */
  baseline?: ReadonlySet<string>;
  /** Statements from the VEX documents the policy lists (read from the base ref on pull requests). */
  vex?: readonly VexStatement[];
  /** The kind of run: selects `modes.<mode>` overrides and new-only behaviour. */
  mode?: Mode;
  /** The engines this run answers for; required engines outside it are not checked. Default: all. */
  engineScope?: ReadonlySet<string>;
  /** Named in suppression refs (`.github/gatehouse.yml#exceptions[3]`). */
  policyFile?: string;
}

export interface Evaluation {
  decision: Decision;
  /** The findings, in input order, annotated: status and suppression, isNew, firstSeen, slaDueAt. */
  findings: Finding[];
}

/**
 * Applies a policy to findings. Pure: the time is a parameter, nothing is read or written, and the
 * inputs are left untouched (annotated copies are returned). Linear in the number of findings.
 */
export function evaluate(findings: readonly Finding[], policy: Policy, now: Date, context: EvaluationContext): Evaluation {
  const nowMs = now.getTime();
  if (Number.isNaN(nowMs)) throw new TypeError('evaluate: now is an invalid date');
  const rules = rulesByCategory(policy, context.mode);
  const exceptions = new ExceptionIndex(policy.exceptions, {
    now: nowMs,
    warnBeforeExpiryDays: policy.exceptionPolicy.warnBeforeExpiryDays,
    maxDays: policy.exceptionPolicy.maxDays,
  });
  const vex = new VexIndex(context.vex ?? []);
  const policyFile = context.policyFile ?? '.github/gatehouse.yml';
  const baseline = context.baseline;
  const newOnly = context.mode !== undefined && policy.newOnly.modes.includes(context.mode);

  const matchedBy = new Map<CompiledException, string[]>();
  const lapsedBy = new Map<CompiledException, string[]>();
  const groups = {
    block: new FindingGroup(),
    slaBlock: new FindingGroup(),
    warn: new FindingGroup(),
    noFix: new FindingGroup(),
    preexisting: new FindingGroup(),
    overdue: new FindingGroup(),
    inlineRefused: new FindingGroup(),
  };
  const suppressedBy = { exception: 0, vex: 0, inline: 0, baseline: 0 };
  const counts = emptyCounts(findings.length);
  const blockingIds: string[] = [];
  const warningIds: string[] = [];
  const annotated: Finding[] = new Array(findings.length);

  const facts = new FactsCache();
  // Without exceptions or VEX there is nothing to match against: skip working out ids and purls.
  const matchers = exceptions.all.length > 0 || vex.size > 0;
  const slaMs = slaTable(policy);
  const nowIso = now.toISOString();

  findings.forEach((finding, index) => {
    const categoryRules = rules[finding.category];
    const carried = carriedSuppression(finding, categoryRules);
    if (carried.kind === 'inline-refused') groups.inlineRefused.add(finding.id, finding.severity);
    let suppression = carried.kind === 'kept' ? carried.suppression : undefined;

    if (matchers) {
      const known = facts.factsOf(finding);
      const matched = exceptions.matching(known);
      for (const m of matched) push(matchedBy, m, finding.id);
      if (!suppression && matched.length > 0) {
        const valid = bestValidException(matched);
        if (valid) suppression = exceptionSuppression(valid, policyFile);
      }
      if (!suppression) {
        const statement = vex.decide(known);
        if (statement && vexStatusSuppresses(statement.status)) suppression = vexSuppression(statement);
      }
      if (!suppression) for (const m of matched) if (m.state === 'expired') push(lapsedBy, m, finding.id);
    }

    const firstSeen = firstSeenOf(context.firstSeen?.get(finding.id), finding.firstSeen, nowMs, nowIso);
    const result = annotateFinding(finding, suppression, baseline ? !baseline.has(finding.id) : undefined, firstSeen.iso);
    annotated[index] = result;

    if (suppression) {
      counts.suppressed++;
      suppressedBy[suppression.kind]++;
      return;
    }
    counts.open++;
    counts.bySeverity[finding.severity]++;
    counts.byCategory[finding.category]++;
    if (result.isNew) counts.new++;

    const level = countedLevel(finding.severity, policy);
    const sla = slaMs[level];
    const due = sla === undefined ? undefined : firstSeen.ms + sla;
    if (due !== undefined) result.slaDueAt = new Date(due).toISOString();
    const overdue = due !== undefined && nowMs > due;
    if (overdue) {
      counts.overdue++;
      groups.overdue.add(finding.id, finding.severity);
    }

    const atBlock = meetsThreshold(level, categoryRules.block);
    const fixMissing = categoryRules.requireFix && !finding.fix.available;
    const preexisting = newOnly && baseline !== undefined && baseline.has(finding.id);
    const blockedBySeverity = atBlock && !fixMissing && !preexisting;
    const blockedBySla = overdue && policy.sla.breach === 'block';
    if (blockedBySeverity) groups.block.add(finding.id, finding.severity);
    if (blockedBySla) groups.slaBlock.add(finding.id, finding.severity);
    if (blockedBySeverity || blockedBySla) {
      blockingIds.push(finding.id);
      return;
    }
    if (atBlock && fixMissing) groups.noFix.add(finding.id, finding.severity);
    else if (atBlock && preexisting) groups.preexisting.add(finding.id, finding.severity);
    const warns = atBlock || overdue || meetsThreshold(level, categoryRules.warn);
    if (!warns) return;
    if (!atBlock && !overdue) groups.warn.add(finding.id, finding.severity);
    warningIds.push(finding.id);
  });

  counts.blocking = blockingIds.length;
  counts.warning = warningIds.length;
  const reasons: Reason[] = [
    ...engineReasons(context.engines, policy, context.engineScope),
    ...findingReasons(groups, policy),
    ...exceptionReasons(exceptions.all, matchedBy, lapsedBy, policy, policyFile),
  ];
  if (newOnly && !baseline) {
    reasons.push(reason('info', 'baseline-missing', 'new-only mode is on but no baseline was given: every finding counts as new'));
  }
  const suppressedTotal = counts.suppressed;
  if (suppressedTotal > 0) {
    const parts = (Object.entries(suppressedBy) as [string, number][]).filter(([, n]) => n > 0).map(([kind, n]) => `${n} by ${kind}`);
    reasons.push(reason('info', 'suppressed', `${suppressedTotal} finding${suppressedTotal === 1 ? '' : 's'} suppressed (${parts.join(', ')})`));
  }
  const sorted = sortReasons(reasons);
  return {
    decision: { verdict: verdictOf(sorted), reasons: sorted, counts, blockingIds, warningIds },
    findings: annotated,
  };
}

type Groups = Record<'block' | 'slaBlock' | 'warn' | 'noFix' | 'preexisting' | 'overdue' | 'inlineRefused', FindingGroup>;

function findingReasons(groups: Groups, policy: Policy): Reason[] {
  const reasons: Reason[] = [];
  const add = (group: FindingGroup, kind: Reason['kind'], code: string, text: (described: string) => string) => {
    if (group.size > 0) reasons.push(reason(kind, code, text(group.describe()), { findingIds: group.ids }));
  };
  add(groups.block, 'block', 'severity-threshold', (d) => `${d} at or above the block threshold of their category`);
  add(groups.slaBlock, 'block', 'sla-breach', (d) => `${d} past the SLA due date (sla.breach: block)`);
  add(groups.noFix, 'warn', 'fix-unavailable', (d) => `${d} would block but no fix is available yet (requireFix)`);
  add(groups.preexisting, 'warn', 'preexisting', (d) => `${d} would block but already exist on the base branch (new-only mode)`);
  add(groups.warn, 'warn', 'severity-threshold', (d) => `${d} at or above the warn threshold of their category`);
  if (policy.sla.breach === 'warn') add(groups.overdue, 'warn', 'sla-breach', (d) => `${d} past the SLA due date`);
  add(groups.inlineRefused, 'info', 'inline-suppression-ignored', (d) => `${d} carried inline suppressions the policy does not honour for their category; treated as open`);
  return reasons;
}

function verdictOf(reasons: readonly Reason[]): Decision['verdict'] {
  if (reasons.some((r) => r.kind === 'incomplete')) return 'incomplete';
  if (reasons.some((r) => r.kind === 'block')) return 'block';
  if (reasons.some((r) => r.kind === 'warn')) return 'warn';
  return 'pass';
}

const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The ledger's date, else the finding's own, else now; a date in the future or unreadable is not believed. */
function firstSeenOf(fromLedger: string | undefined, fromFinding: string | undefined, nowMs: number, nowIso: string): { ms: number; iso: string } {
  for (const candidate of [fromLedger, fromFinding]) {
    if (candidate === undefined) continue;
    const ms = Date.parse(candidate);
    if (Number.isNaN(ms) || ms > nowMs) continue;
    // The ledger writes toISOString(); reuse such strings rather than re-serialising every date.
    return { ms, iso: CANONICAL_INSTANT.test(candidate) ? candidate : new Date(ms).toISOString() };
  }
  return { ms: nowMs, iso: nowIso };
}

function emptyCounts(total: number): Decision['counts'] {
  return {
    total,
    open: 0,
    suppressed: 0,
    blocking: 0,
    warning: 0,
    new: 0,
    overdue: 0,
    bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>,
    byCategory: Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>,
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
