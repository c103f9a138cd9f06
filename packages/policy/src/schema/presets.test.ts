import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate/evaluate';
import { codeFinding, NOW, packageFinding, ran, secretFinding } from '../test-support/policy-fixtures';
import { PolicySchema } from './policy-schema';
import { defaultPolicy, policyPreset } from './presets';

describe('default policy', () => {
  it('has the documented defaults', () => {
    const policy = defaultPolicy();
    expect(policy.rules).toEqual({ block: 'high', warn: 'medium', requireFix: false, allowInlineSuppressions: true });
    expect(policy.categories.secret).toEqual({ block: 'info', requireFix: false, allowInlineSuppressions: false });
    expect(policy.unknownSeverity).toBe('high');
    expect(policy.incomplete).toBe('fail');
    expect(policy.sla).toEqual({ critical: '48h', high: '7d', medium: '30d', low: 'none', info: 'none', breach: 'warn' });
    expect(policy.exceptionPolicy).toEqual({ warnBeforeExpiryDays: 7, maxDays: 90 });
    expect(policy.newOnly).toEqual({ modes: ['pr'] });
    expect(policy.override).toMatchObject({ users: [], teams: [], environments: [], notify: [], requireTicket: true, maxDuration: '24h' });
    expect(policy.remediationIssues).toMatchObject({ enabled: false, severities: ['critical', 'high'] });
  });

  it('is a fresh object each time (callers may not share mutations)', () => {
    const a = defaultPolicy();
    a.rules.block = 'none';
    expect(defaultPolicy().rules.block).toBe('high');
  });

  it('validates against its own schema', () => {
    expect(PolicySchema.parse(defaultPolicy())).toEqual(defaultPolicy());
    expect(PolicySchema.parse(policyPreset('deploy'))).toEqual(policyPreset('deploy'));
  });
});

describe('deploy preset', () => {
  const policy = policyPreset('deploy');
  const engines = [ran('trivy')];
  const noFix = { available: false, versions: [], state: 'not_fixed' as const };

  it('blocks critical and high only when a fix is available', () => {
    const fixable = packageFinding({ severity: 'critical', category: 'container' });
    const unfixable = packageFinding({ severity: 'high', category: 'container', ruleId: 'CVE-2024-9', aliases: ['CVE-2024-9'], identifiers: [], fix: noFix });
    const { decision } = evaluate([fixable, unfixable], policy, NOW, { engines, mode: 'deploy' });
    expect(decision.blockingIds).toEqual([fixable.id]);
    expect(decision.warningIds).toEqual([unfixable.id]);
  });

  it('warns on everything else, down to info', () => {
    for (const severity of ['medium', 'low', 'info'] as const) {
      const { decision } = evaluate([packageFinding({ severity, category: 'container' })], policy, NOW, { engines });
      expect(decision.verdict).toBe('warn');
    }
  });

  it('still blocks secrets and code findings, which have no fix version', () => {
    expect(evaluate([secretFinding({ severity: 'low' })], policy, NOW, { engines }).decision.verdict).toBe('block');
    expect(evaluate([codeFinding({ severity: 'high' })], policy, NOW, { engines }).decision.verdict).toBe('block');
  });
});
