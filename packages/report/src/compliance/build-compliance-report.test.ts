import { describe, expect, it } from 'vitest';
import { ConfigurationError, type Finding, type FindingsDocument } from '@gatehouse/findings';
import { codeDraft, finalized, packageDraft } from '@gatehouse/findings/test-support';
import { compileJsonSchema } from '../html/test-support/json-schema-validator';
import { decisionFor, realisticFindingsDocument, REPORT_TIME } from '../html/test-support/realistic-findings-document';
import { buildComplianceReport, type BuildComplianceOptions } from './build-compliance-report';
import type { ComplianceReport, ControlResult, OverrideRecord } from './compliance-schema';
import { complianceJsonSchema } from './json-schema';

const NOW = new Date(REPORT_TIME);
const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();

function documentOf(findings: Finding[], engines: FindingsDocument['engines'], verdict: FindingsDocument['decision']['verdict'] = 'pass'): FindingsDocument {
  return {
    schemaVersion: '1.0',
    tool: { name: 'gatehouse', version: '0.1.0' },
    target: { name: 'acme/shop', kind: 'repository' },
    generatedAt: REPORT_TIME,
    engines,
    decision: decisionFor(findings, verdict, []),
    findings,
  };
}

const ran = (...ids: string[]) => ids.map((id) => ({ id, status: 'ran' as const }));
const scansOf = (doc: FindingsDocument): BuildComplianceOptions['scans'] =>
  doc.engines.filter((e) => e.status !== 'not-run').map((e) => ({ engine: e.id, ranAt: at(-1), status: e.status }));
const control = (report: ComplianceReport, key: string): ControlResult => report.controls.find((c) => c.key === key)!;

describe('buildComplianceReport: OWASP Top 10 and CWE Top 25', () => {
  const doc = realisticFindingsDocument();
  const report = buildComplianceReport(doc, { scans: scansOf(doc), now: NOW });

  it('counts open and suppressed findings per OWASP category', () => {
    const a06 = report.owaspTop10.find((c) => c.id === 'A06:2021')!;
    const packages = doc.findings.filter((f) => f.category === 'sca' || f.category === 'container');
    expect(a06.open).toBe(packages.filter((f) => f.status === 'open').length);
    expect(a06.suppressed).toBe(packages.filter((f) => f.status === 'suppressed').length);
    expect(a06.findingIds).toHaveLength(a06.open);
    const a03 = report.owaspTop10.find((c) => c.id === 'A03:2021')!;
    expect(a03.open).toBeGreaterThan(0);
  });

  it('counts open findings per CWE Top 25 entry, secrets as CWE-798', () => {
    const cwe798 = report.cweTop25.find((c) => c.id === 'CWE-798')!;
    expect(cwe798.rank).toBe(22);
    expect(cwe798.open).toBe(doc.findings.filter((f) => f.category === 'secret' && f.status === 'open').length);
    expect(report.cweTop25.find((c) => c.id === 'CWE-79')!.open).toBeGreaterThan(0);
  });

  it('says both blocked and incomplete when the run is both', () => {
    expect(report.verdict).toBe('incomplete');
    expect(report.blocked).toBe(true);
    expect(report.incomplete).toBe(true);
  });

  it('validates against docs/schema/compliance.schema.json', () => {
    const validate = compileJsonSchema(complianceJsonSchema());
    expect(validate(JSON.parse(JSON.stringify(report)))).toEqual([]);
  });

  it('is a pure function of the document, the scans and the time', () => {
    expect(buildComplianceReport(doc, { scans: scansOf(doc), now: NOW })).toEqual(report);
    expect(report.generatedAt).toBe(REPORT_TIME);
  });
});

describe('buildComplianceReport: controls', () => {
  it('is satisfied when the engines that evidence a control ran and nothing fails it', () => {
    const findings = finalized([packageDraft({ severity: 'low', severityBasis: { kind: 'vendor', label: 'LOW', source: 'ghsa' } })]);
    const doc = documentOf(findings, ran('npm-audit', 'semgrep', 'gitleaks', 'syft'));
    const report = buildComplianceReport(doc, { scans: scansOf(doc), now: NOW });
    expect(control(report, 'pci-dss-4.0:11.3.1').status).toBe('satisfied');
    expect(control(report, 'pci-dss-4.0:6.3.2').status).toBe('satisfied');
    expect(control(report, 'pci-dss-4.0:8.6.2').status).toBe('satisfied');
    expect(control(report, 'pci-dss-4.0:11.3.1').evidence.scans.map((s) => s.engine)).toEqual(['npm-audit']);
    expect(control(report, 'pci-dss-4.0:11.3.1').evidence.scans[0]!.ranAt).toBe(at(-1));
  });

  it('is never satisfied when an engine it relies on was incomplete', () => {
    const doc = documentOf([], [...ran('gitleaks'), { id: 'trivy', status: 'incomplete', reason: 'database download failed' }]);
    const report = buildComplianceReport(doc, { scans: scansOf(doc), now: NOW });
    const scans = control(report, 'pci-dss-4.0:11.3.1');
    expect(scans.status).toBe('incomplete');
    expect(scans.statusReasons).toContain('trivy is incomplete: database download failed.');
  });

  it('says no evidence when no engine covering the control ran', () => {
    const doc = documentOf([], [...ran('gitleaks'), { id: 'grype', status: 'not-run', reason: 'not installed' }]);
    const report = buildComplianceReport(doc, { scans: scansOf(doc), now: NOW });
    expect(control(report, 'pci-dss-4.0:11.3.1').status).toBe('no-evidence');
    expect(control(report, 'pci-dss-4.0:11.3.1').statusReasons).toContain('grype did not run: not installed.');
    expect(control(report, 'pci-dss-4.0:6.3.2').status).toBe('no-evidence');
    expect(control(report, 'pci-dss-4.0:8.6.2').status).toBe('satisfied');
  });

  it('fails 6.3.3 for a critical vulnerability with a fix left past its SLA or past one month', () => {
    const findings = finalized([
      packageDraft({ severity: 'critical', slaDueAt: at(-2) } as never),
      packageDraft({ severity: 'high', firstSeen: at(-45), location: { kind: 'package', purl: 'pkg:npm/ws@1.0.0', ecosystem: 'npm', name: 'ws', version: '1.0.0', manifest: 'package-lock.json' } } as never),
      packageDraft({ severity: 'high', firstSeen: at(-5), slaDueAt: at(2), location: { kind: 'package', purl: 'pkg:npm/tar@1.0.0', ecosystem: 'npm', name: 'tar', version: '1.0.0', manifest: 'package-lock.json' } } as never),
      packageDraft({ severity: 'critical', slaDueAt: at(-2), fix: { available: false, versions: [], state: 'not_fixed' }, location: { kind: 'package', purl: 'pkg:npm/qs@1.0.0', ecosystem: 'npm', name: 'qs', version: '1.0.0', manifest: 'package-lock.json' } } as never),
    ]);
    const doc = documentOf(findings, ran('npm-audit'), 'block');
    const patches = control(buildComplianceReport(doc, { scans: scansOf(doc), now: NOW }), 'pci-dss-4.0:6.3.3');
    expect(patches.status).toBe('not-satisfied');
    expect(patches.evidence.failing.count).toBe(2);
    expect(patches.evidence.overdue.count).toBe(2);
    expect(patches.statusReasons[0]).toBe('2 critical or high vulnerabilities with a fix are unpatched past one month or past the SLA.');
  });

  it('counts unknown severity as high for 11.3.1 and as unranked for 6.3.1', () => {
    const findings = finalized([packageDraft({ severity: 'unknown', severityBasis: { kind: 'none' } })]);
    const doc = documentOf(findings, ran('npm-audit'));
    const report = buildComplianceReport(doc, { scans: scansOf(doc), now: NOW });
    expect(control(report, 'pci-dss-4.0:11.3.1').status).toBe('not-satisfied');
    expect(control(report, 'pci-dss-4.0:6.3.1').statusReasons[0]).toBe('1 open finding has no risk ranking (severity unknown).');
  });

  it('fails 8.6.2 and CC7.2 for an open hard-coded secret, and not for a suppressed one', () => {
    const secret = codeDraft({ category: 'secret', ruleId: 'github-pat', secret: { preview: 'ghp_…' }, sources: [{ engine: 'gitleaks', nativeId: 'github-pat' }] });
    const open = documentOf(finalized([secret]), ran('gitleaks'));
    expect(control(buildComplianceReport(open, { scans: scansOf(open), now: NOW }), 'pci-dss-4.0:8.6.2').status).toBe('not-satisfied');
    expect(control(buildComplianceReport(open, { scans: scansOf(open), now: NOW }), 'soc2:CC7.2').status).toBe('not-satisfied');
    const suppressed = documentOf(
      finalized([{ ...secret, status: 'suppressed', suppression: { kind: 'exception', reason: 'test fixture', owner: 'bob', expiresAt: at(10), ref: 'policy#1' } }]),
      ran('gitleaks'),
    );
    const report = buildComplianceReport(suppressed, { scans: scansOf(suppressed), now: NOW });
    expect(control(report, 'pci-dss-4.0:8.6.2').status).toBe('satisfied');
    expect(control(report, 'pci-dss-4.0:8.6.2').evidence.exceptionsInForce).toEqual({ count: 1, refs: ['policy#1'] });
  });

  it('flags an approved override whose notification was not delivered, and lists every override as evidence', () => {
    const doc = documentOf([], ran('gitleaks', 'npm-audit'), 'block');
    const overrides: OverrideRecord[] = [
      { outcome: 'approved', actor: 'alice', environment: 'production', reason: 'hotfix', ticket: 'SEC-1', at: at(0), expiresAt: at(1), notifications: [{ channel: 'slack', delivered: false }] },
      { outcome: 'refused', actor: 'mallory', reason: 'please', at: at(0), refusals: ['mallory is not among the users or teams the policy allows to override'] },
    ];
    const report = buildComplianceReport(doc, { scans: scansOf(doc), overrides, now: NOW });
    const change = control(report, 'soc2:CC8.1');
    expect(change.status).toBe('not-satisfied');
    expect(change.statusReasons).toContain('An approved override by alice was not delivered to: slack.');
    expect(change.evidence.overrides).toEqual(overrides);
    expect(report.overrides).toEqual(overrides);
  });

  it('leaves CC8.1 incomplete when the gate verdict is incomplete', () => {
    const doc = documentOf([], ran('gitleaks'), 'incomplete');
    expect(control(buildComplianceReport(doc, { scans: scansOf(doc), now: NOW }), 'soc2:CC8.1').status).toBe('incomplete');
  });
});

describe('buildComplianceReport: exceptions, limits and input', () => {
  it('lists exceptions and VEX statements in force, grouped, and leaves out lapsed ones', () => {
    const suppressed = (name: string, suppression: Finding['suppression']) =>
      packageDraft({ status: 'suppressed', suppression, location: { kind: 'package', purl: `pkg:npm/${name}@1.0.0`, ecosystem: 'npm', name, version: '1.0.0', manifest: 'package-lock.json' } } as never);
    const exception = { kind: 'exception' as const, reason: 'not reachable', owner: 'alice', expiresAt: at(30), ref: 'policy#exceptions[0]' };
    const findings = finalized([
      suppressed('a', exception),
      suppressed('b', exception),
      suppressed('c', { kind: 'vex', reason: 'vulnerable_code_not_present', ref: 'vex/openvex.json' }),
      suppressed('d', { kind: 'exception', reason: 'lapsed', owner: 'bob', expiresAt: at(-1), ref: 'policy#exceptions[1]' }),
      suppressed('e', { kind: 'baseline', reason: 'in the baseline' }),
    ]);
    const report = buildComplianceReport(documentOf(findings, ran('npm-audit')), { scans: [], now: NOW });
    expect(report.exceptionsInForce.map((e) => [e.kind, e.ref, e.findingCount])).toEqual([
      ['exception', 'policy#exceptions[0]', 2],
      ['vex', 'vex/openvex.json', 1],
    ]);
    // The lapsed exception still suppresses in the document (the policy decides that); it is only not "in force".
    expect(report.findings.suppressedBy).toEqual({ exception: 3, baseline: 1, vex: 1, inline: 0 });
  });

  it('caps id lists at 100 and says how many it left out', () => {
    const drafts = Array.from({ length: 130 }, (_, i) =>
      packageDraft({ location: { kind: 'package', purl: `pkg:npm/p${i}@1.0.0`, ecosystem: 'npm', name: `p${i}`, version: '1.0.0', manifest: 'package-lock.json' } } as never),
    );
    const report = buildComplianceReport(documentOf(finalized(drafts), ran('npm-audit')), { scans: [], now: NOW });
    const a06 = report.owaspTop10.find((c) => c.id === 'A06:2021')!;
    expect(a06.open).toBe(130);
    expect(a06.findingIds).toHaveLength(100);
    expect(a06.findingIdsOmitted).toBe(30);
  });

  it('refuses a malformed scan record with a clear error', () => {
    const doc = documentOf([], ran('gitleaks'));
    expect(() => buildComplianceReport(doc, { scans: [{ engine: 'gitleaks', ranAt: 'yesterday', status: 'ran' }], now: NOW })).toThrow(ConfigurationError);
    expect(() => buildComplianceReport(doc, { scans: [{ engine: 'gitleaks', ranAt: 'yesterday', status: 'ran' }], now: NOW })).toThrow(/scans\.0\.ranAt/);
  });

  it('takes the worse status when the document and the scan records disagree', () => {
    const doc = documentOf([], [{ id: 'npm-audit', status: 'incomplete', reason: 'registry unreachable' }]);
    const report = buildComplianceReport(doc, { scans: [{ engine: 'npm-audit', ranAt: at(-1), status: 'ran' }], now: NOW });
    expect(report.scans).toEqual([{ engine: 'npm-audit', status: 'incomplete', ranAt: at(-1), reason: 'registry unreachable', categories: ['sca'], inventory: false }]);
  });
});
