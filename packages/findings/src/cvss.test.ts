import { describe, expect, it } from 'vitest';
import { cvssBaseScore, cvssFromVector, cvssVersionOf } from './cvss';
import { rateSeverity, pickBestRating } from './severity-basis';

describe('CVSS scoring', () => {
  it('computes base scores for v2, v3.0, v3.1 and v4.0 vectors', () => {
    expect(cvssBaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toEqual({ version: '3.1', score: 9.8 });
    expect(cvssBaseScore('CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H')).toEqual({ version: '3.0', score: 8.8 });
    expect(cvssBaseScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')).toEqual({
      version: '4.0',
      score: 9.3,
    });
    expect(cvssBaseScore('AV:N/AC:L/Au:N/C:P/I:P/A:P')).toEqual({ version: '2.0', score: 7.5 });
  });

  it('refuses partial or malformed vectors rather than scoring them', () => {
    expect(cvssBaseScore('CVSS:3.1/AV:N')).toBeUndefined();
    expect(cvssBaseScore('CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBeUndefined();
    expect(cvssBaseScore('garbage')).toBeUndefined();
    expect(cvssVersionOf('')).toBeUndefined();
  });

  it('computes the score from the vector instead of copying a score from the report', () => {
    expect(cvssFromVector('CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L', 'nvd')).toEqual({
      version: '3.1',
      vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L',
      score: 5.6,
      source: 'nvd',
    });
  });
});

describe('severity precedence', () => {
  const v31High = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:N/A:N'; // 6.5 medium
  const v4Critical = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';

  it('prefers CVSS v4 over v3.1 whatever their scores', () => {
    const r = rateSeverity({ vectors: [{ vector: v31High }, { vector: v4Critical }] });
    expect(r.severity).toBe('critical');
    expect(r.severityBasis).toMatchObject({ kind: 'cvss', cvss: { version: '4.0' } });
  });

  it('prefers a CVSS score over the vendor label', () => {
    const r = rateSeverity({ vectors: [{ vector: v31High }], vendor: { label: 'CRITICAL', source: 'ghsa' } });
    expect(r.severity).toBe('medium');
    expect(r.severityBasis.kind).toBe('cvss');
  });

  it('prefers the vendor label over the tool label', () => {
    const r = rateSeverity({ vendor: { label: 'LOW', source: 'debian' }, tool: { label: 'HIGH', source: 'trivy' } });
    expect(r).toEqual({ severity: 'low', severityBasis: { kind: 'vendor', label: 'LOW', source: 'debian' } });
  });

  it('prefers the tool label over a category default', () => {
    const r = rateSeverity({ tool: { label: 'MEDIUM', source: 'bandit' }, categoryDefault: { severity: 'high', reason: 'x' } });
    expect(r.severity).toBe('medium');
  });

  it('uses the category default only when nothing else rates the finding', () => {
    const r = rateSeverity({ categoryDefault: { severity: 'high', reason: 'secrets have no severity of their own' } });
    expect(r).toEqual({ severity: 'high', severityBasis: { kind: 'default', reason: 'secrets have no severity of their own' } });
  });

  it('leaves severity unknown when no source rates it', () => {
    expect(rateSeverity({ tool: { label: 'UNKNOWN', source: 'x' }, vectors: [{ vector: 'nope' }] })).toEqual({
      severity: 'unknown',
      severityBasis: { kind: 'none' },
    });
  });

  it('takes the most severe of equally good bases', () => {
    const r = pickBestRating([
      { severity: 'medium', severityBasis: { kind: 'tool', label: 'MEDIUM', source: 'a' } },
      { severity: 'high', severityBasis: { kind: 'tool', label: 'HIGH', source: 'b' } },
    ]);
    expect(r.severity).toBe('high');
  });
});
