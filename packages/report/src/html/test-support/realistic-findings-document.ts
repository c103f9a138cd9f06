import { CATEGORIES, SEVERITIES, type Decision, type EngineRun, type Finding, type FindingsDocument, type Reason } from '@gatehouse/findings';
import { codeDraft, finalized, packageDraft } from '@gatehouse/findings/test-support';

/** The report's own time in these documents; SLA states are judged against it. */
export const REPORT_TIME = '2026-03-01T12:00:00.000Z';
export const XSS_TITLE = '<img src=x onerror=alert(1)>';
export const SCRIPT_BREAKOUT_MESSAGE = 'value </script><script>alert(1)</script> reached a sink';

const DAY = 86_400_000;
const at = (days: number) => new Date(Date.parse(REPORT_TIME) + days * DAY).toISOString();

type Draft = Parameters<typeof finalized>[0][number];

/** Counts and ids as the policy would report them for these findings. */
export function decisionFor(findings: readonly Finding[], verdict: Decision['verdict'], reasons: Reason[]): Decision {
  const open = findings.filter((f) => f.status === 'open');
  const blocking = open.filter((f) => f.severity === 'critical' || f.severity === 'high').map((f) => f.id);
  const warning = open.filter((f) => f.severity === 'medium').map((f) => f.id);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, open.filter((f) => f.severity === s).length])) as Decision['counts']['bySeverity'];
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, open.filter((f) => f.category === c).length])) as Decision['counts']['byCategory'];
  return {
    verdict,
    reasons,
    blockingIds: blocking,
    warningIds: warning,
    counts: {
      total: findings.length,
      open: open.length,
      suppressed: findings.length - open.length,
      blocking: blocking.length,
      warning: warning.length,
      new: findings.filter((f) => f.isNew).length,
      overdue: open.filter((f) => f.slaDueAt !== undefined && Date.parse(f.slaDueAt) < Date.parse(REPORT_TIME)).length,
      bySeverity,
      byCategory,
    },
  };
}

const ENGINES: EngineRun[] = [
  { id: 'gitleaks', version: '8.28.0', status: 'ran', findings: 3, durationMs: 1_200 },
  { id: 'semgrep', version: '1.140.0', status: 'ran', findings: 9, durationMs: 14_000 },
  { id: 'bandit', version: '1.8.6', status: 'ran', findings: 4, durationMs: 2_100 },
  { id: 'npm-audit', version: '10.9.2', status: 'ran', findings: 8, durationMs: 3_000 },
  { id: 'osv-scanner', version: '2.2.3', status: 'ran', findings: 6, durationMs: 2_500 },
  { id: 'trivy', version: '0.67.2', status: 'incomplete', reason: 'the vulnerability database could not be fetched (HTTP 503 from the mirror)' },
  { id: 'syft', version: '1.33.0', status: 'ran', durationMs: 900 },
  { id: 'grype', status: 'not-run', reason: 'not installed on this machine' },
];

function sast(i: number, overrides: Partial<Draft>): Draft {
  const severity = overrides.severity ?? 'medium';
  return codeDraft({
    category: 'sast',
    ruleId: `python.lang.security.rule-${i}`,
    title: `Insecure construct ${i}`,
    message: `Insecure construct ${i} found in request handler`,
    severity,
    severityBasis: { kind: 'tool', label: severity.toUpperCase(), source: 'semgrep' },
    location: { kind: 'code', path: `app/module_${i % 5}.py`, startLine: 10 + i },
    sources: [{ engine: 'semgrep', engineVersion: '1.140.0', nativeId: `python.lang.security.rule-${i}`, nativeSeverity: severity.toUpperCase() }],
    ...overrides,
  });
}

function dependency(i: number, overrides: Partial<Draft>): Draft {
  const name = ['lodash', 'minimist', 'express', 'jsonwebtoken', 'axios', 'semver', 'tar', 'ws'][i % 8]!;
  const version = `1.${i}.0`;
  return packageDraft({
    ruleId: `GHSA-${['2p57', '3h5v', '4wf5', '5j4c', '6chw', '7fh5', '8qr4', '9c47'][i % 8]}-${['rm9w', 'q8jv', 'vfh6', 'x3m7'][i % 4]}-${['4fv3', 'wr6g', 'jrvx', 'qhfc'][i % 4]}`,
    title: `Vulnerability ${i} in ${name}`,
    message: `${name} ${version} is vulnerable; upgrade to 1.${i}.9`,
    severity: 'high',
    severityBasis: { kind: 'cvss', cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N', score: 9.1, source: 'nvd' } },
    identifiers: [
      { type: 'CVE', value: `CVE-2025-${1000 + i}` },
      { type: 'CWE', value: 'CWE-1321' },
    ],
    aliases: [`CVE-2025-${1000 + i}`],
    location: { kind: 'package', purl: `pkg:npm/${name}@${version}`, ecosystem: 'npm', name, version, manifest: 'package-lock.json' },
    fix: { available: true, versions: [`1.${i}.9`], state: 'fixed' },
    sources: [{ engine: 'npm-audit', engineVersion: '10.9.2', nativeId: `${1_100_000 + i}`, nativeSeverity: 'high' }],
    firstSeen: at(-60),
    ...overrides,
  } as Partial<Draft>);
}

/**
 * A run as a security lead would see it: 38 findings across every severity, category and several
 * engines; suppressed by exception, VEX and inline comment; new and overdue findings; an incomplete
 * and a not-run engine; and hostile strings (an XSS title, a script break-out message, a javascript:
 * URL) that must render as text.
 */
export function realisticFindingsDocument(): FindingsDocument {
  const drafts: Draft[] = [];
  const severities = ['critical', 'high', 'medium', 'low', 'info', 'unknown'] as const;
  for (let i = 0; i < 12; i += 1) {
    drafts.push(
      sast(i, {
        severity: severities[i % severities.length]!,
        identifiers: [
          { type: 'CWE', value: ['CWE-89', 'CWE-79', 'CWE-78', 'CWE-22', 'CWE-502', 'CWE-327'][i % 6]! },
          { type: 'OWASP', value: 'A03:2021 - Injection' },
        ],
        ...(i % 2 === 1 && { sources: [{ engine: 'bandit', engineVersion: '1.8.6', nativeId: `B6${i}`, nativeSeverity: 'HIGH' }] }),
        isNew: i % 3 === 0,
        slaDueAt: at(i % 4 === 0 ? -3 : 10),
      }),
    );
  }
  for (let i = 0; i < 14; i += 1) {
    drafts.push(
      dependency(i, {
        severity: severities[i % 4]!,
        isNew: i % 4 === 1,
        slaDueAt: at(i % 3 === 0 ? -5 : 20),
        ...(i % 2 === 0 && { sources: [{ engine: 'osv-scanner', engineVersion: '2.2.3', nativeId: `GHSA-x${i}`, nativeSeverity: 'HIGH' }, { engine: 'npm-audit', nativeId: `${1_200_000 + i}` }] }),
      } as Partial<Draft>),
    );
  }
  // Container findings from an image.
  for (let i = 0; i < 4; i += 1) {
    drafts.push(
      packageDraft({
        category: 'container',
        ruleId: `CVE-2024-${2000 + i}`,
        title: `openssl vulnerability ${i}`,
        message: `libssl3 3.0.${i} in the image is vulnerable`,
        severity: i === 0 ? 'critical' : 'medium',
        severityBasis: { kind: 'vendor', label: 'HIGH', source: 'debian' },
        identifiers: [{ type: 'CVE', value: `CVE-2024-${2000 + i}` }],
        aliases: [`CVE-2024-${2000 + i}`],
        location: { kind: 'image', ref: 'ghcr.io/acme/shop:1.4.2', digest: 'sha256:' + 'ab'.repeat(32), layer: `sha256:${'cd'.repeat(32)}`, name: 'libssl3', version: `3.0.${i}`, purl: `pkg:deb/debian/libssl3@3.0.${i}` },
        fix: i === 1 ? { available: false, versions: [], state: 'not_fixed' } : { available: true, versions: [`3.0.${i}-1+deb12u2`], state: 'fixed' },
        sources: [{ engine: 'trivy', engineVersion: '0.67.2', nativeId: `CVE-2024-${2000 + i}`, nativeSeverity: 'HIGH' }],
      } as Partial<Draft> as never),
    );
  }
  // Secrets, masked.
  for (let i = 0; i < 3; i += 1) {
    drafts.push(
      codeDraft({
        category: 'secret',
        ruleId: ['aws-access-token', 'github-pat', 'generic-api-key'][i]!,
        title: ['AWS access key', 'GitHub personal access token', 'Generic API key'][i]!,
        message: 'A secret was committed (value redacted)',
        severity: 'critical',
        severityBasis: { kind: 'default', reason: 'secrets are critical by default' },
        location: { kind: 'code', path: `config/settings_${i}.py`, startLine: 3 + i, commit: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678' },
        secret: { hash: String(i).repeat(64), preview: ['AKIA…', 'ghp_…', '****'][i]!, verified: i === 0 },
        sources: [{ engine: 'gitleaks', engineVersion: '8.28.0', nativeId: ['aws-access-token', 'github-pat', 'generic-api-key'][i]! }],
      }),
    );
  }
  // Configuration.
  drafts.push(
    codeDraft({
      category: 'iac',
      ruleId: 'DS002',
      title: 'Image user should not be root',
      message: 'Last USER command in Dockerfile should not be root',
      severity: 'high',
      severityBasis: { kind: 'tool', label: 'HIGH', source: 'trivy' },
      location: { kind: 'code', path: 'Dockerfile' },
      sources: [{ engine: 'trivy', nativeId: 'DS002', nativeSeverity: 'HIGH' }],
    }),
  );
  // Suppressed: an exception, a VEX statement, an inline comment.
  drafts.push(
    dependency(20, {
      severity: 'critical',
      status: 'suppressed',
      suppression: { kind: 'exception', reason: 'Not reachable: only used by the build script', owner: 'alice@example.com', expiresAt: at(30), ref: '.github/gatehouse.yml#exceptions[0]' },
    } as Partial<Draft>),
    dependency(21, {
      severity: 'high',
      status: 'suppressed',
      suppression: { kind: 'vex', reason: 'vulnerable_code_not_in_execute_path', owner: 'security@example.com', ref: 'vex/openvex.json' },
    } as Partial<Draft>),
    sast(30, {
      severity: 'low',
      status: 'suppressed',
      suppression: { kind: 'inline', reason: 'nosemgrep comment on the line', ref: 'app/legacy.py:40' },
      location: { kind: 'code', path: 'app/legacy.py', startLine: 40 },
    }),
  );
  // Hostile strings: they must render as text and never run or link.
  drafts.push(
    sast(40, {
      title: XSS_TITLE,
      message: SCRIPT_BREAKOUT_MESSAGE,
      severity: 'high',
      ruleId: 'custom.xss-title',
      identifiers: [{ type: 'RULE', value: 'custom.xss-title', url: 'javascript:alert(1)' }, { type: 'CWE', value: 'CWE-79' }],
      references: ['javascript:alert(document.domain)', 'https://example.com/advice?a=1&b=<2>'],
      location: { kind: 'code', path: 'web/<svg onload=alert(1)>.js', startLine: 7 },
      isNew: true,
    }),
  );
  const findings = finalized(drafts);
  const reasons: Reason[] = [
    { kind: 'block', code: 'severity-threshold', message: 'Open critical and high findings block this change.' },
    { kind: 'incomplete', code: 'engine-incomplete', message: 'trivy is incomplete: the vulnerability database could not be fetched.', engine: 'trivy' },
    { kind: 'warn', code: 'sla-breach', message: 'Findings are past their SLA due date.' },
    { kind: 'info', code: 'exception-expiring', message: 'An exception lapses in 30 days <b>(alice@example.com)</b>.' },
  ];
  return {
    schemaVersion: '1.0',
    tool: { name: 'gatehouse', version: '0.1.0' },
    target: { name: 'acme/shop', kind: 'repository', repository: 'acme/shop', ref: 'refs/pull/42/merge', commit: '0123456789abcdef0123456789abcdef01234567' },
    generatedAt: REPORT_TIME,
    engines: ENGINES,
    decision: decisionFor(findings, 'incomplete', reasons),
    findings,
  };
}

/**
 * `count` findings of realistic shape and text length (a 10,000-finding document measures the
 * report's size and paging). Mixed categories; every tenth a distinct CVE, paths spread over 500 files.
 */
export function syntheticFindingsDocument(count: number): FindingsDocument {
  const drafts: Draft[] = [];
  const severities = ['critical', 'high', 'medium', 'low', 'info', 'unknown'] as const;
  for (let i = 0; i < count; i += 1) {
    const severity = severities[i % severities.length]!;
    if (i % 2 === 0) {
      drafts.push(
        sast(i, {
          severity,
          ruleId: `python.lang.security.audit.rule-${i % 120}`,
          title: `Possible injection through user input reaching a dangerous sink (rule ${i % 120})`,
          message: `User-controlled data flows from the request parameter into a call that interprets it at line ${i % 400}; validate or parameterise it. Occurrence ${i}.`,
          identifiers: [{ type: 'CWE', value: `CWE-${[89, 79, 78, 22, 502][i % 5]}` }],
          location: { kind: 'code', path: `services/service_${i % 50}/handlers/module_${i % 500}.py`, startLine: (i % 900) + 1 },
          slaDueAt: at(i % 7 === 0 ? -2 : 15),
          isNew: i % 11 === 0,
        }),
      );
    } else {
      drafts.push(
        dependency(i, {
          severity,
          title: `Prototype pollution in package-${i % 300}`,
          message: `package-${i % 300} 1.${i % 40}.0 is vulnerable to prototype pollution through crafted input; fixed in 1.${i % 40}.9.`,
          identifiers: [{ type: 'CVE', value: `CVE-2025-${10000 + (i % 1000)}` }],
          aliases: [`CVE-2025-${10000 + (i % 1000)}`],
          location: { kind: 'package', purl: `pkg:npm/package-${i % 300}@1.${i % 40}.${i}`, ecosystem: 'npm', name: `package-${i % 300}`, version: `1.${i % 40}.${i}`, manifest: `apps/app-${i % 20}/package-lock.json` },
          slaDueAt: at(i % 5 === 0 ? -1 : 25),
          ...(i % 13 === 0 && { status: 'suppressed', suppression: { kind: 'exception', reason: 'accepted risk', owner: 'bob@example.com', expiresAt: at(20) } }),
        } as Partial<Draft>),
      );
    }
  }
  const findings = finalized(drafts);
  return {
    schemaVersion: '1.0',
    tool: { name: 'gatehouse', version: '0.1.0' },
    target: { name: 'acme/monorepo', kind: 'repository', repository: 'acme/monorepo' },
    generatedAt: REPORT_TIME,
    engines: [
      { id: 'semgrep', status: 'ran' },
      { id: 'npm-audit', status: 'ran' },
    ],
    decision: decisionFor(findings, 'block', [{ kind: 'block', code: 'severity-threshold', message: 'Open critical and high findings block this change.' }]),
    findings,
  };
}
