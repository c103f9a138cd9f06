import { ConfigurationError } from '@gatehouse/findings';
import { describe, expect, it } from 'vitest';
import { parseExpected } from './expected-artifacts';

function matching(entry: string, names: string[]): string[] {
  const [expected] = parseExpected([entry]);
  return names.filter((name) => expected!.matches(name));
}

const NAMES = [
  'gatehouse-findings-sast-build',
  'gatehouse-findings-sast-build-1a2b3c4d',
  'gatehouse-findings-sast-lint',
  'gatehouse-findings-deps-audit-build',
  'gatehouse-findings-secrets-scan-security',
  'gatehouse-findings-sast-build-extra',
];

describe('the expected input', () => {
  it('an action matches any job of it', () => {
    expect(matching('sast', NAMES)).toEqual(['gatehouse-findings-sast-build', 'gatehouse-findings-sast-build-1a2b3c4d', 'gatehouse-findings-sast-lint', 'gatehouse-findings-sast-build-extra']);
    expect(matching('secrets-scan', NAMES)).toEqual(['gatehouse-findings-secrets-scan-security']);
  });

  it('an action/job pair matches that job in any matrix leg, and no other job', () => {
    expect(matching('sast/build', NAMES)).toEqual(['gatehouse-findings-sast-build', 'gatehouse-findings-sast-build-1a2b3c4d']);
  });

  it('an artifact name matches itself and its matrix legs', () => {
    expect(matching('gatehouse-findings-sast-lint', NAMES)).toEqual(['gatehouse-findings-sast-lint']);
  });

  it('refuses what names no Gatehouse scanning action, saying what it accepts', () => {
    expect(() => parseExpected(['sats'])).toThrow(ConfigurationError);
    expect(() => parseExpected(['sats'])).toThrow(/secrets-scan, deps-audit, sast, image-scan, sbom/);
    expect(() => parseExpected(['sast/build/x'])).toThrow(ConfigurationError);
    expect(() => parseExpected(['sast/'])).toThrow(ConfigurationError);
    expect(() => parseExpected(['policy-gate'])).toThrow(ConfigurationError);
    expect(() => parseExpected(['gatehouse-findings-a b'])).toThrow(ConfigurationError);
  });
});
