import { createHash } from 'node:crypto';
import type { Decision, EngineRun, Finding, FindingsDocument, Severity } from '@gatehouse/findings';
import { SEVERITIES } from '@gatehouse/findings';

const SCORE: Record<Severity, number> = { critical: 9.8, high: 7.5, medium: 5.3, low: 3.1, info: 0, unknown: 0 };

function idOf(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

/** A valid open code finding; tests override what they exercise. Ids derive from `seed`. */
export function codeFinding(seed: string, overrides: Partial<Finding> = {}): Finding {
  return {
    id: idOf(`code:${seed}`),
    category: 'sast',
    ruleId: 'B602',
    title: 'subprocess call with shell=True',
    message: 'subprocess call with shell=True identified, security issue.',
    severity: 'high',
    severityBasis: { kind: 'tool', label: 'HIGH', source: 'bandit' },
    identifiers: [{ type: 'CWE', value: 'CWE-78' }],
    aliases: [],
    location: { kind: 'code', path: 'app/main.py', startLine: 10 },
    fix: { available: false, versions: [], state: 'unknown' },
    sources: [{ engine: 'bandit', nativeId: 'B602', nativeSeverity: 'HIGH' }],
    status: 'open',
    ...overrides,
  };
}

/** A valid open package vulnerability (lodash prototype pollution). */
export function packageFinding(seed: string, overrides: Partial<Finding> = {}): Finding {
  return {
    id: idOf(`pkg:${seed}`),
    category: 'sca',
    ruleId: 'GHSA-p6mc-m468-83gw',
    title: 'Prototype Pollution in lodash',
    message: 'lodash 4.17.15 is affected',
    severity: 'high',
    severityBasis: {
      kind: 'cvss',
      cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H', score: 7.4, source: 'ghsa' },
    },
    identifiers: [
      { type: 'CVE', value: 'CVE-2020-8203', url: 'https://nvd.nist.gov/vuln/detail/CVE-2020-8203' },
      { type: 'GHSA', value: 'GHSA-p6mc-m468-83gw' },
      { type: 'CWE', value: 'CWE-1321' },
    ],
    aliases: ['CVE-2020-8203', 'GHSA-p6mc-m468-83gw'],
    location: {
      kind: 'package',
      purl: 'pkg:npm/lodash@4.17.15',
      ecosystem: 'npm',
      name: 'lodash',
      version: '4.17.15',
      manifest: 'package-lock.json',
    },
    fix: { available: true, versions: ['4.17.19', '4.17.20'], state: 'fixed' },
    sources: [{ engine: 'npm-audit', nativeId: '1523', nativeSeverity: 'high' }],
    references: ['https://github.com/advisories/GHSA-p6mc-m468-83gw'],
    status: 'open',
    ...overrides,
  };
}

/** `count` findings spread over severities and rules, for limit and performance tests. */
export function manyFindings(count: number, engine: string, options: { criticalEvery?: number; rules?: number } = {}): Finding[] {
  const criticalEvery = options.criticalEvery ?? 50;
  const rules = options.rules ?? 200;
  const findings: Finding[] = [];
  for (let i = 0; i < count; i += 1) {
    const severity: Severity = i % criticalEvery === 0 ? 'critical' : SEVERITIES[1 + (i % 5)]!;
    const rule = `RULE-${i % rules}`;
    findings.push(
      codeFinding(`${engine}:${i}`, {
        ruleId: rule,
        title: `Rule ${rule} of ${engine}`,
        message: `Finding ${i} of ${engine}: untrusted input reaches a dangerous call.`,
        severity,
        severityBasis:
          severity === 'info' || severity === 'unknown'
            ? { kind: 'none' }
            : { kind: 'cvss', cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', score: SCORE[severity] } },
        location: { kind: 'code', path: `src/module-${i % 997}/file-${i % 13}.py`, startLine: 1 + (i % 400) },
        sources: [{ engine, nativeId: rule }],
      }),
    );
  }
  return findings;
}

export function emptyDecision(verdict: Decision['verdict'] = 'pass'): Decision {
  const zero = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Decision['counts']['bySeverity'];
  return {
    verdict,
    reasons: [],
    counts: {
      total: 0,
      open: 0,
      suppressed: 0,
      blocking: 0,
      warning: 0,
      new: 0,
      overdue: 0,
      bySeverity: zero,
      byCategory: { secret: 0, sca: 0, sast: 0, container: 0, iac: 0 },
    },
    blockingIds: [],
    warningIds: [],
  };
}

/** A findings document around `findings`; engines default to every primary engine, all `ran`. */
export function documentOf(findings: Finding[], overrides: Partial<FindingsDocument> = {}): FindingsDocument {
  const engines: EngineRun[] = [...new Set(findings.map((f) => f.sources[0]!.engine))].map((id) => ({ id, status: 'ran' }));
  return {
    schemaVersion: '1.0',
    tool: { name: 'gatehouse', version: '0.1.0' },
    target: { name: 'example', kind: 'directory' },
    generatedAt: '2026-05-01T12:00:00.000Z',
    engines,
    decision: emptyDecision(),
    findings,
    ...overrides,
  };
}
