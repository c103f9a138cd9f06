import { describe, expect, it } from 'vitest';
import { SEVERITIES, type Severity } from '@gatehouse/findings';
import { codeFinding, incomplete, notRun, NOW, packageFinding, policyOf, ran, secretFinding } from '../test-support/policy-fixtures';
import { evaluate } from './evaluate';

const engines = [ran('npm-audit')];

describe('evaluate: severity thresholds', () => {
  const expectations: Record<Severity, 'block' | 'warn' | 'pass'> = {
    critical: 'block',
    high: 'block',
    medium: 'warn',
    low: 'pass',
    info: 'pass',
    unknown: 'block',
  };
  for (const severity of SEVERITIES) {
    it(`default policy: a ${severity} package finding gives ${expectations[severity]}`, () => {
      const finding = packageFinding({ severity });
      const { decision } = evaluate([finding], policyOf(), NOW, { engines });
      expect(decision.verdict).toBe(expectations[severity]);
      expect(decision.blockingIds).toEqual(expectations[severity] === 'block' ? [finding.id] : []);
      expect(decision.warningIds).toEqual(expectations[severity] === 'warn' ? [finding.id] : []);
    });
  }

  const thresholds = ['critical', 'high', 'medium', 'low', 'info'] as const;
  const levels = ['critical', 'high', 'medium', 'low', 'info'] as const;
  for (const threshold of thresholds) {
    it(`block: ${threshold} blocks exactly the levels at or above it`, () => {
      const findings = levels.map((severity) => packageFinding({ severity, ruleId: `R-${severity}`, aliases: [`R-${severity}`], identifiers: [] }));
      const { decision } = evaluate(findings, policyOf({ rules: { block: threshold, warn: 'none' } }), NOW, { engines });
      expect(new Set(findings.map((f) => f.id)).size).toBe(levels.length);
      const cut = levels.indexOf(threshold);
      expect(decision.blockingIds).toEqual(findings.slice(0, cut + 1).map((f) => f.id));
    });
  }

  it('block: none never blocks, even critical', () => {
    const { decision } = evaluate([packageFinding({ severity: 'critical' })], policyOf({ rules: { block: 'none' } }), NOW, { engines });
    expect(decision.verdict).toBe('warn');
    expect(decision.reasons.find((r) => r.code === 'severity-threshold')?.kind).toBe('warn');
  });

  it('warn applies only to findings that do not block', () => {
    const high = packageFinding({ severity: 'high' });
    const { decision } = evaluate([high], policyOf({ rules: { warn: 'info' } }), NOW, { engines });
    expect(decision.blockingIds).toEqual([high.id]);
    expect(decision.warningIds).toEqual([]);
  });

  it('counts unknown severity as high by default, and as the policy says otherwise', () => {
    const unknown = packageFinding({ severity: 'unknown', severityBasis: { kind: 'none' } });
    expect(evaluate([unknown], policyOf(), NOW, { engines }).decision.verdict).toBe('block');
    expect(evaluate([unknown], policyOf({ unknownSeverity: 'medium' }), NOW, { engines }).decision.verdict).toBe('warn');
    expect(evaluate([unknown], policyOf({ unknownSeverity: 'low' }), NOW, { engines }).decision.verdict).toBe('pass');
    // Counted by its real severity, never rewritten.
    const { decision, findings } = evaluate([unknown], policyOf(), NOW, { engines });
    expect(decision.counts.bySeverity.unknown).toBe(1);
    expect(findings[0]!.severity).toBe('unknown');
  });

  it('blocks a secret at any severity by default', () => {
    for (const severity of ['info', 'low', 'medium'] as const) {
      const { decision } = evaluate([secretFinding({ severity })], policyOf(), NOW, { engines: [ran('gitleaks')] });
      expect(decision.verdict).toBe('block');
    }
  });

  it('loosening the general rules does not loosen secrets', () => {
    const { decision } = evaluate([secretFinding({ severity: 'low' })], policyOf({ rules: { block: 'critical' } }), NOW, { engines });
    expect(decision.verdict).toBe('block');
  });
});

describe('evaluate: requireFix', () => {
  const withFix = () => packageFinding({ severity: 'critical' });
  const withoutFix = () =>
    packageFinding({ severity: 'critical', ruleId: 'CVE-2021-0001', aliases: ['CVE-2021-0001'], identifiers: [], fix: { available: false, versions: [], state: 'not_fixed' } });

  it('blocks only findings with a fix available, and warns on the others', () => {
    const [a, b] = [withFix(), withoutFix()];
    const { decision } = evaluate([a, b], policyOf({ rules: { requireFix: true } }), NOW, { engines });
    expect(decision.blockingIds).toEqual([a.id]);
    expect(decision.warningIds).toEqual([b.id]);
    expect(decision.reasons.find((r) => r.code === 'fix-unavailable')).toMatchObject({ kind: 'warn', findingIds: [b.id] });
  });

  it('applies per category: requireFix for sca leaves sast blocking', () => {
    const sast = codeFinding({ severity: 'high' });
    const sca = withoutFix();
    const { decision } = evaluate([sast, sca], policyOf({ categories: { sca: { requireFix: true } } }), NOW, { engines });
    expect(decision.blockingIds).toEqual([sast.id]);
    expect(decision.warningIds).toEqual([sca.id]);
  });
});

describe('evaluate: modes', () => {
  const policy = policyOf({
    rules: { block: 'high' },
    categories: { sca: { block: 'critical' } },
    modes: { deploy: { rules: { block: 'medium' }, categories: { container: { requireFix: true } } }, pr: { categories: { sca: { block: 'medium' } } } },
  });
  const medium = () => packageFinding({ severity: 'medium' });
  const sastMedium = () => codeFinding({ severity: 'medium' });

  it('a category setting beats a mode-wide rule; a mode category setting beats both', () => {
    // deploy: rules.block medium, but categories.sca.block critical is more specific.
    expect(evaluate([medium()], policy, NOW, { engines, mode: 'deploy' }).decision.verdict).toBe('warn');
    // deploy: sast has no category setting, so the mode's rule applies.
    expect(evaluate([sastMedium()], policy, NOW, { engines, mode: 'deploy' }).decision.verdict).toBe('block');
    // pr: the mode's own sca setting wins.
    expect(evaluate([medium()], policy, NOW, { engines, mode: 'pr' }).decision.verdict).toBe('block');
    // no mode: the base rules.
    expect(evaluate([sastMedium()], policy, NOW, { engines }).decision.verdict).toBe('warn');
  });
});

describe('evaluate: engines', () => {
  const high = () => packageFinding({ severity: 'high' });

  it('an incomplete engine fails the gate by default, and says which engine and why', () => {
    const { decision } = evaluate([], policyOf(), NOW, { engines: [incomplete('trivy', 'vulnerability database download failed')] });
    expect(decision.verdict).toBe('incomplete');
    expect(decision.reasons[0]).toMatchObject({ kind: 'incomplete', code: 'engine-incomplete', engine: 'trivy' });
    expect(decision.reasons[0]!.message).toContain('vulnerability database download failed');
  });

  it('incomplete: warn makes an incomplete engine a warning', () => {
    const { decision } = evaluate([], policyOf({ incomplete: 'warn' }), NOW, { engines: [incomplete('trivy', 'timeout')] });
    expect(decision.verdict).toBe('warn');
  });

  it('a run both blocked and incomplete is incomplete and still lists the blocking findings', () => {
    const finding = high();
    const { decision } = evaluate([finding], policyOf(), NOW, { engines: [incomplete('osv-scanner', 'crashed')] });
    expect(decision.verdict).toBe('incomplete');
    expect(decision.blockingIds).toEqual([finding.id]);
    expect(decision.counts.blocking).toBe(1);
    expect(decision.reasons.map((r) => r.kind)).toEqual(['incomplete', 'block']);
  });

  it('a required engine that did not run is incomplete; one not listed at all too', () => {
    const policy = policyOf({ engines: { required: ['gitleaks', 'trivy'] } });
    const { decision } = evaluate([], policy, NOW, { engines: [notRun('gitleaks', 'not installed')] });
    expect(decision.verdict).toBe('incomplete');
    expect(decision.reasons.filter((r) => r.code === 'required-engine-missing').map((r) => r.engine)).toEqual(['gitleaks', 'trivy']);
  });

  it('an engine that did not run and is not required is information only', () => {
    const { decision } = evaluate([], policyOf(), NOW, { engines: [notRun('semgrep', 'not installed')] });
    expect(decision.verdict).toBe('pass');
    expect(decision.reasons).toEqual([expect.objectContaining({ kind: 'info', code: 'engine-not-run', engine: 'semgrep' })]);
  });

  it('required engines outside the run scope are not checked', () => {
    const policy = policyOf({ engines: { required: ['gitleaks', 'trivy'] } });
    const { decision } = evaluate([], policy, NOW, { engines: [ran('gitleaks')], engineScope: new Set(['gitleaks', 'secretlint']) });
    expect(decision.verdict).toBe('pass');
  });

  it('caps an engine reason at the decision schema limit', () => {
    const { decision } = evaluate([], policyOf(), NOW, { engines: [incomplete('semgrep', 'x'.repeat(10_000))] });
    expect(decision.reasons[0]!.message.length).toBeLessThanOrEqual(2_000);
  });
});

describe('evaluate: new-only mode', () => {
  const old = packageFinding({ severity: 'critical' });
  const fresh = packageFinding({ severity: 'high', ruleId: 'CVE-2024-1111', aliases: ['CVE-2024-1111'], identifiers: [] });
  const baseline = new Set([old.id]);

  it('in a pull request, blocks only findings not in the baseline and reports the rest', () => {
    const { decision, findings } = evaluate([old, fresh], policyOf(), NOW, { engines, baseline, mode: 'pr' });
    expect(decision.blockingIds).toEqual([fresh.id]);
    expect(decision.warningIds).toEqual([old.id]);
    expect(decision.reasons.find((r) => r.code === 'preexisting')).toMatchObject({ kind: 'warn', findingIds: [old.id] });
    expect(findings.map((f) => f.isNew)).toEqual([false, true]);
    expect(decision.counts.new).toBe(1);
  });

  it('on a push the baseline does not spare anything', () => {
    const { decision } = evaluate([old, fresh], policyOf(), NOW, { engines, baseline, mode: 'push' });
    expect(decision.blockingIds).toEqual([old.id, fresh.id]);
  });

  it('other modes can opt in', () => {
    const { decision } = evaluate([old, fresh], policyOf({ newOnly: { modes: ['pr', 'push'] } }), NOW, { engines, baseline, mode: 'push' });
    expect(decision.blockingIds).toEqual([fresh.id]);
  });

  it('without a baseline every finding is new, and the decision says so', () => {
    const { decision, findings } = evaluate([old], policyOf(), NOW, { engines, mode: 'pr' });
    expect(decision.blockingIds).toEqual([old.id]);
    expect(findings[0]!.isNew).toBeUndefined();
    expect(decision.reasons.some((r) => r.code === 'baseline-missing')).toBe(true);
  });
});

describe('evaluate: inline suppressions', () => {
  const inline = { kind: 'inline' as const, reason: 'nosec B602', ref: 'app/main.py:10' };

  it('keeps an inline suppression on a code finding', () => {
    const finding = codeFinding({ status: 'suppressed', suppression: inline });
    const { decision, findings } = evaluate([finding], policyOf(), NOW, { engines });
    expect(findings[0]).toMatchObject({ status: 'suppressed', suppression: inline });
    expect(decision.verdict).toBe('pass');
    expect(decision.counts).toMatchObject({ suppressed: 1, open: 0 });
  });

  it('refuses an inline suppression on a secret by default: the finding is open and blocks', () => {
    const finding = secretFinding({ status: 'suppressed', suppression: { kind: 'inline', reason: 'gitleaks:allow' } });
    const { decision, findings } = evaluate([finding], policyOf(), NOW, { engines });
    expect(findings[0]!.status).toBe('open');
    expect(findings[0]!.suppression).toBeUndefined();
    expect(decision.verdict).toBe('block');
    expect(decision.reasons.find((r) => r.code === 'inline-suppression-ignored')).toMatchObject({ kind: 'info', findingIds: [finding.id] });
  });

  it('a policy can refuse inline suppressions for code too', () => {
    const finding = codeFinding({ status: 'suppressed', suppression: inline });
    const { decision } = evaluate([finding], policyOf({ categories: { sast: { allowInlineSuppressions: false } } }), NOW, { engines });
    expect(decision.verdict).toBe('block');
  });

  it('drops an exception suppression carried in from an earlier evaluation and decides again', () => {
    const finding = packageFinding({
      severity: 'high',
      status: 'suppressed',
      suppression: { kind: 'exception', reason: 'accepted by a PR head policy', owner: 'mallory' },
    });
    const { decision, findings } = evaluate([finding], policyOf(), NOW, { engines });
    expect(findings[0]!.status).toBe('open');
    expect(decision.verdict).toBe('block');
  });
});

describe('evaluate: counts and annotations', () => {
  it('counts open findings by severity and category, and suppressed ones apart', () => {
    const findings = [
      packageFinding({ severity: 'high' }),
      codeFinding({ severity: 'medium' }),
      codeFinding({ severity: 'low', ruleId: 'B101', status: 'suppressed', suppression: { kind: 'inline', reason: 'nosec' } }),
    ];
    const { decision } = evaluate(findings, policyOf(), NOW, { engines });
    expect(decision.counts).toMatchObject({ total: 3, open: 2, suppressed: 1, blocking: 1, warning: 1 });
    expect(decision.counts.bySeverity).toMatchObject({ high: 1, medium: 1, low: 0 });
    expect(decision.counts.byCategory).toMatchObject({ sca: 1, sast: 1 });
  });

  it('takes first-seen dates from the ledger and gives new findings the current time', () => {
    const [a, b] = [packageFinding(), codeFinding()];
    const firstSeen = new Map([[a.id, '2025-05-01T00:00:00.000Z']]);
    const { findings } = evaluate([a, b], policyOf(), NOW, { engines, firstSeen });
    expect(findings[0]!.firstSeen).toBe('2025-05-01T00:00:00.000Z');
    expect(findings[1]!.firstSeen).toBe(NOW.toISOString());
  });

  it('does not believe a first-seen date in the future', () => {
    const a = packageFinding();
    const { findings } = evaluate([a], policyOf(), NOW, { engines, firstSeen: new Map([[a.id, '2030-01-01T00:00:00Z']]) });
    expect(findings[0]!.firstSeen).toBe(NOW.toISOString());
  });

  it('passes an empty run with no reasons', () => {
    expect(evaluate([], policyOf(), NOW, { engines: [] }).decision).toMatchObject({ verdict: 'pass', reasons: [], blockingIds: [] });
  });

  it('refuses an invalid clock rather than deciding with it', () => {
    expect(() => evaluate([], policyOf(), new Date('nope'), { engines })).toThrow(TypeError);
  });
});
