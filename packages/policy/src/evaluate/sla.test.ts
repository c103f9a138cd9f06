import { describe, expect, it } from 'vitest';
import { codeFinding, DAY, HOUR, NOW, packageFinding, policyOf, ran } from '../test-support/policy-fixtures';
import { evaluate } from './evaluate';
import { slaDueDate } from './sla';

const engines = [ran('trivy')];
const firstSeen = '2025-05-01T00:00:00.000Z';
const start = Date.parse(firstSeen);

describe('slaDueDate', () => {
  const policy = policyOf();

  it('gives the default due times: critical 48h, high 7d, medium 30d, none for low and info', () => {
    expect(slaDueDate({ severity: 'critical' }, policy, firstSeen)?.getTime()).toBe(start + 48 * HOUR);
    expect(slaDueDate({ severity: 'high' }, policy, firstSeen)?.getTime()).toBe(start + 7 * DAY);
    expect(slaDueDate({ severity: 'medium' }, policy, firstSeen)?.getTime()).toBe(start + 30 * DAY);
    expect(slaDueDate({ severity: 'low' }, policy, firstSeen)).toBeUndefined();
    expect(slaDueDate({ severity: 'info' }, policy, firstSeen)).toBeUndefined();
  });

  it('gives unknown severity the due time of the level it counts as', () => {
    expect(slaDueDate({ severity: 'unknown' }, policy, firstSeen)?.getTime()).toBe(start + 7 * DAY);
    expect(slaDueDate({ severity: 'unknown' }, policyOf({ unknownSeverity: 'critical' }), firstSeen)?.getTime()).toBe(start + 48 * HOUR);
  });

  it('follows the policy: hours, days, weeks, none', () => {
    const custom = policyOf({ sla: { critical: '12h', high: '2w', medium: 'none', low: '90d' } });
    expect(slaDueDate({ severity: 'critical' }, custom, new Date(start))?.getTime()).toBe(start + 12 * HOUR);
    expect(slaDueDate({ severity: 'high' }, custom, firstSeen)?.getTime()).toBe(start + 14 * DAY);
    expect(slaDueDate({ severity: 'medium' }, custom, firstSeen)).toBeUndefined();
    expect(slaDueDate({ severity: 'low' }, custom, firstSeen)?.getTime()).toBe(start + 90 * DAY);
  });

  it('has no due date for an unreadable first-seen date', () => {
    expect(slaDueDate({ severity: 'critical' }, policy, 'yesterday')).toBeUndefined();
  });
});

describe('evaluate: SLA breach', () => {
  const critical = () => packageFinding({ severity: 'critical' });
  const due = start + 48 * HOUR;
  const ledger = (id: string) => new Map([[id, firstSeen]]);

  function atInstant(now: number, breach: 'block' | 'warn', finding = critical()) {
    // block: none isolates the SLA from the severity threshold.
    return evaluate([finding], policyOf({ rules: { block: 'none', warn: 'none' }, sla: { breach } }), new Date(now), {
      engines,
      firstSeen: ledger(finding.id),
    });
  }

  it('annotates the due date', () => {
    const finding = critical();
    expect(atInstant(due - DAY, 'block', finding).findings[0]!.slaDueAt).toBe(new Date(due).toISOString());
  });

  it('is not breached at exactly the due instant', () => {
    const { decision } = atInstant(due, 'block');
    expect(decision.verdict).toBe('pass');
    expect(decision.counts.overdue).toBe(0);
  });

  it('is breached 1 ms after the due instant; breach: block blocks', () => {
    const finding = critical();
    const { decision } = atInstant(due + 1, 'block', finding);
    expect(decision.verdict).toBe('block');
    expect(decision.blockingIds).toEqual([finding.id]);
    expect(decision.counts.overdue).toBe(1);
    expect(decision.reasons.find((r) => r.code === 'sla-breach')).toMatchObject({ kind: 'block', findingIds: [finding.id] });
  });

  it('breach: warn (the default) warns', () => {
    const finding = critical();
    const { decision } = atInstant(due + 1, 'warn', finding);
    expect(decision.verdict).toBe('warn');
    expect(decision.warningIds).toEqual([finding.id]);
    expect(decision.reasons.find((r) => r.code === 'sla-breach')).toMatchObject({ kind: 'warn' });
  });

  it('a medium finding breaches at 30 days and 1 ms', () => {
    const medium = codeFinding({ severity: 'medium' });
    const policy = policyOf({ sla: { breach: 'block' } });
    const context = { engines, firstSeen: ledger(medium.id) };
    expect(evaluate([medium], policy, new Date(start + 30 * DAY), context).decision.verdict).toBe('warn');
    expect(evaluate([medium], policy, new Date(start + 30 * DAY + 1), context).decision.verdict).toBe('block');
  });

  it('a suppressed finding has no due date and never breaches', () => {
    const finding = codeFinding({ severity: 'critical', status: 'suppressed', suppression: { kind: 'inline', reason: 'nosec' } });
    const { decision, findings } = evaluate([finding], policyOf({ sla: { breach: 'block' } }), NOW, { engines, firstSeen: ledger(finding.id) });
    expect(findings[0]!.slaDueAt).toBeUndefined();
    expect(decision.counts.overdue).toBe(0);
  });

  it('an overdue finding in the base branch still breaches in new-only mode', () => {
    const finding = critical();
    const { decision } = evaluate([finding], policyOf({ sla: { breach: 'block' } }), new Date(due + 1), {
      engines,
      firstSeen: ledger(finding.id),
      baseline: new Set([finding.id]),
      mode: 'pr',
    });
    expect(decision.blockingIds).toEqual([finding.id]);
    expect(decision.reasons.map((r) => r.code)).toContain('sla-breach');
  });
});
