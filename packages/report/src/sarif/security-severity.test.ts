import { describe, expect, it } from 'vitest';
import { formatSecuritySeverity, sarifLevel, securitySeverityScore } from './security-severity';

describe('securitySeverityScore', () => {
  it('uses the CVSS base score when the severity came from CVSS', () => {
    const score = securitySeverityScore({
      severity: 'critical',
      severityBasis: { kind: 'cvss', cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', score: 9.8 } },
    });
    expect(score).toBe(9.8);
  });

  it.each([
    ['critical', 9.5],
    ['high', 8.0],
    ['medium', 5.5],
    ['low', 2.0],
  ] as const)('gives a %s finding rated by label the representative score %d', (severity, expected) => {
    expect(securitySeverityScore({ severity, severityBasis: { kind: 'tool', label: severity, source: 'bandit' } })).toBe(expected);
  });

  it.each(['info', 'unknown'] as const)('gives %s findings no security severity', (severity) => {
    expect(securitySeverityScore({ severity, severityBasis: { kind: 'none' } })).toBeUndefined();
  });

  it('falls back to the representative score when the CVSS band disagrees with the severity', () => {
    const score = securitySeverityScore({
      severity: 'critical',
      severityBasis: { kind: 'cvss', cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H', score: 7.4 } },
    });
    expect(score).toBe(9.5);
  });

  it('gives a CVSS score of 0.0 no security severity', () => {
    expect(
      securitySeverityScore({ severity: 'info', severityBasis: { kind: 'cvss', cvss: { version: '3.1', vector: 'x', score: 0 } } }),
    ).toBeUndefined();
  });

  it('keeps every representative score inside GitHub band of its severity', () => {
    const band = (score: number) => (score >= 9 ? 'critical' : score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low');
    for (const severity of ['critical', 'high', 'medium', 'low'] as const) {
      const score = securitySeverityScore({ severity, severityBasis: { kind: 'default', reason: 'x' } })!;
      expect(band(score)).toBe(severity);
    }
  });
});

describe('formatSecuritySeverity', () => {
  it('writes one decimal as GitHub expects a numeric string', () => {
    expect(formatSecuritySeverity(8)).toBe('8.0');
    expect(formatSecuritySeverity(9.8)).toBe('9.8');
  });
});

describe('sarifLevel', () => {
  it('maps severities to SARIF levels', () => {
    expect(['critical', 'high', 'medium', 'low', 'info', 'unknown'].map((s) => sarifLevel(s as never))).toEqual([
      'error',
      'error',
      'warning',
      'note',
      'note',
      'warning',
    ]);
  });
});
