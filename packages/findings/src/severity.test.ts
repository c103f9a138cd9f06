import { describe, expect, it } from 'vitest';
import { compareSeverity, maxSeverity, severityFromCvssScore, severityFromLabel } from './severity';

describe('severity scale', () => {
  it('maps every vocabulary scanners use onto one scale', () => {
    expect(severityFromLabel('CRITICAL')).toBe('critical');
    expect(severityFromLabel('High')).toBe('high');
    expect(severityFromLabel('moderate')).toBe('medium');
    expect(severityFromLabel('WARNING')).toBe('medium');
    expect(severityFromLabel('ERROR')).toBe('high');
    expect(severityFromLabel('Negligible')).toBe('info');
    expect(severityFromLabel(' low ')).toBe('low');
  });

  it('keeps unknown labels unknown instead of inventing a severity', () => {
    expect(severityFromLabel('UNKNOWN')).toBe('unknown');
    expect(severityFromLabel('')).toBe('unknown');
    expect(severityFromLabel(undefined)).toBe('unknown');
    expect(severityFromLabel('severe-ish')).toBe('unknown');
  });

  it('rates CVSS scores on the qualitative scale at its exact boundaries', () => {
    expect(severityFromCvssScore(10)).toBe('critical');
    expect(severityFromCvssScore(9.0)).toBe('critical');
    expect(severityFromCvssScore(8.9)).toBe('high');
    expect(severityFromCvssScore(7.0)).toBe('high');
    expect(severityFromCvssScore(6.9)).toBe('medium');
    expect(severityFromCvssScore(4.0)).toBe('medium');
    expect(severityFromCvssScore(3.9)).toBe('low');
    expect(severityFromCvssScore(0.1)).toBe('low');
    expect(severityFromCvssScore(0)).toBe('info');
    expect(severityFromCvssScore(11)).toBe('unknown');
    expect(severityFromCvssScore(Number.NaN)).toBe('unknown');
  });

  it('orders severities with unknown lowest', () => {
    expect(compareSeverity('critical', 'high')).toBeGreaterThan(0);
    expect(compareSeverity('unknown', 'info')).toBeLessThan(0);
    expect(maxSeverity('low', 'medium')).toBe('medium');
  });
});
