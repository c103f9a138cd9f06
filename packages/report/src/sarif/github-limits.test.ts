import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Finding } from '@gatehouse/findings';
import { documentOf, manyFindings } from '../test-support/findings-factory';
import { sarifSchemaErrors } from '../test-support/sarif-schema';
import { buildSarif } from './build-sarif';
import { GITHUB_SARIF_LIMITS, resolveLimits, type SarifLimits } from './limits';
import type { SarifLog } from './sarif-log';

function expectWithinLimits(sarif: SarifLog, json: string, limits: SarifLimits) {
  expect(sarif.runs.length).toBeLessThanOrEqual(limits.runs);
  for (const run of sarif.runs) {
    expect(run.results.length).toBeLessThanOrEqual(limits.resultsPerRun);
    expect(run.tool.driver.rules!.length).toBeLessThanOrEqual(limits.rulesPerRun);
    expect(run.tool.extensions!.length).toBeLessThanOrEqual(limits.toolExtensionsPerRun);
    for (const rule of run.tool.driver.rules!) expect(rule.properties.tags.length).toBeLessThanOrEqual(limits.tagsPerRule);
    for (const result of run.results) {
      expect(result.locations.length).toBeLessThanOrEqual(limits.locationsPerResult);
      expect(result).not.toHaveProperty('codeFlows');
    }
  }
  // GitHub's own compression is at least as good as level 1; measure with its default, too.
  expect(gzipSync(json).length).toBeLessThanOrEqual(limits.gzippedBytes);
}

function idsIn(sarif: SarifLog): Set<string> {
  return new Set(sarif.runs.flatMap((r) => r.results.map((res) => res.partialFingerprints['gatehouse/v1']!)));
}

function criticalIds(findings: Finding[]): string[] {
  return findings.filter((f) => f.severity === 'critical').map((f) => f.id);
}

describe('SARIF within GitHub limits', () => {
  it('turns 60,000 results into SARIF that validates, fits every limit and keeps every critical', () => {
    const semgrep = manyFindings(60_000, 'semgrep', { criticalEvery: 40, rules: 500 });
    const bandit = manyFindings(2_000, 'bandit');
    const doc = documentOf([...semgrep, ...bandit]);
    const { sarif, json, omitted, gzipped, gzippedBytes } = buildSarif(doc);

    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expectWithinLimits(sarif, json, GITHUB_SARIF_LIMITS);
    expect(gzippedBytes).toBeLessThanOrEqual(GITHUB_SARIF_LIMITS.gzippedBytes);
    expect(gunzipSync(gzipped).toString('utf8')).toBe(json);

    const kept = idsIn(sarif);
    for (const id of criticalIds([...semgrep, ...bandit])) expect(kept.has(id)).toBe(true);
    expect(kept.size).toBe(25_000 + 2_000);

    expect(omitted.total).toBe(35_000);
    expect(omitted.bySeverity.critical).toBe(0);
    expect(Object.values(omitted.bySeverity).reduce((a, b) => a + b, 0)).toBe(35_000);
    const semgrepRun = sarif.runs.find((r) => r.automationDetails.id === 'gatehouse/semgrep/')!;
    expect(semgrepRun.properties.gatehouse).toMatchObject({
      openFindings: 60_000,
      results: 25_000,
      omitted: { total: 35_000, byReason: { 'results-per-run-limit': 35_000 } },
    });
  });

  it('keeps the most severe results of a run when it has more than the run limit', () => {
    const findings = manyFindings(500, 'semgrep', { criticalEvery: 10 });
    const { sarif, omitted } = buildSarif(documentOf(findings), { limits: { resultsPerRun: 100 } });
    const levels = sarif.runs[0]!.results.map((r) => r.properties.severity);
    expect(levels.filter((s) => s === 'critical')).toHaveLength(50);
    expect(levels.filter((s) => s === 'high')).toHaveLength(50);
    expect(omitted.engines[0]!.byReason).toEqual({ 'results-per-run-limit': 400 });
    expect(omitted.bySeverity).toMatchObject({ critical: 0, high: 0, medium: 100, low: 100, info: 100, unknown: 100 });
  });

  it('still reports criticals it could not keep when criticals alone exceed the run limit', () => {
    const findings = manyFindings(300, 'semgrep', { criticalEvery: 1 });
    const { sarif, omitted } = buildSarif(documentOf(findings), { limits: { resultsPerRun: 250 } });
    expect(sarif.runs[0]!.results).toHaveLength(250);
    expect(omitted.bySeverity.critical).toBe(50);
  });

  it('drops the least severe results across runs until the gzipped file fits', () => {
    const findings = [...manyFindings(3_000, 'semgrep', { criticalEvery: 30 }), ...manyFindings(1_000, 'bandit', { criticalEvery: 25 })];
    const limits = { gzippedBytes: 40_000 };
    const { sarif, json, omitted } = buildSarif(documentOf(findings), { limits });
    expectWithinLimits(sarif, json, resolveLimits(limits));
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    const kept = idsIn(sarif);
    for (const id of criticalIds(findings)) expect(kept.has(id)).toBe(true);
    expect(omitted.total).toBe(findings.length - kept.size);
    expect(omitted.total).toBeGreaterThan(0);
    expect(omitted.engines.flatMap((e) => Object.keys(e.byReason))).toEqual(expect.arrayContaining(['size-limit']));
    // Nothing of a severity was left out while something less severe stayed.
    const keptSeverities = new Set(findings.filter((f) => kept.has(f.id)).map((f) => f.severity));
    const rank = ['critical', 'high', 'medium', 'low', 'info', 'unknown'];
    const worstOmitted = Math.min(...findings.filter((f) => !kept.has(f.id)).map((f) => rank.indexOf(f.severity)));
    const leastKept = Math.max(...[...keptSeverities].map((s) => rank.indexOf(s)));
    expect(leastKept).toBeLessThanOrEqual(worstOmitted);
  });

  it('leaves out the runs with the least severe findings when there are more engines than runs allowed', () => {
    const findings = [
      ...manyFindings(5, 'alpha', { criticalEvery: 1 }),
      ...manyFindings(5, 'beta', { criticalEvery: 1000 }).map((f) => ({ ...f, severity: 'low' as const })),
      ...manyFindings(5, 'gamma', { criticalEvery: 1000 }),
    ];
    const { sarif, omitted } = buildSarif(documentOf(findings), { limits: { runs: 2 } });
    expect(sarif.runs.map((r) => r.automationDetails.id)).toEqual(['gatehouse/alpha/', 'gatehouse/gamma/']);
    expect(omitted.engines).toEqual([expect.objectContaining({ engine: 'beta', total: 5, byReason: { 'runs-limit': 5 } })]);
  });

  it('keeps the rules of the most severe results when a run has more rules than allowed', () => {
    const findings = manyFindings(400, 'semgrep', { rules: 200, criticalEvery: 7 });
    const { sarif, omitted } = buildSarif(documentOf(findings), { limits: { rulesPerRun: 5 } });
    const run = sarif.runs[0]!;
    expect(run.tool.driver.rules).toHaveLength(5);
    for (const result of run.results) expect(run.tool.driver.rules![result.ruleIndex]!.id).toBe(result.ruleId);
    expect(omitted.engines[0]!.byReason['rules-per-run-limit']).toBe(400 - run.results.length);
  });

  it('refuses limits that are not positive integers', () => {
    expect(() => buildSarif(documentOf([]), { limits: { runs: 0 } })).toThrow(/runs/);
  });
});
