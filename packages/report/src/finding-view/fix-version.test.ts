import { describe, expect, it } from 'vitest';
import { compareVersions, suggestFixVersion } from './fix-version';

describe('compareVersions', () => {
  it('orders numeric parts as numbers, not text', () => {
    expect(compareVersions('4.17.19', '4.17.5')).toBeGreaterThan(0);
    expect(compareVersions('10.0.0', '9.9.9')).toBeGreaterThan(0);
  });

  it('puts a pre-release before its release and a shorter version before a longer one', () => {
    expect(compareVersions('1.0.0-rc1', '1.0.0')).toBeLessThan(0);
    expect(compareVersions('1.0', '1.0.1')).toBeLessThan(0);
    expect(compareVersions('v2.0.0', '2.0.0')).toBe(0);
  });

  it('compares distro versions part by part', () => {
    expect(compareVersions('1.1.1d-r2', '1.1.1d-r10')).toBeLessThan(0);
    expect(compareVersions('2:1.2.3-1ubuntu1', '2:1.2.3-1ubuntu2')).toBeLessThan(0);
  });
});

describe('suggestFixVersion', () => {
  it('suggests the smallest fixing version above the installed one', () => {
    expect(suggestFixVersion(['3.1.4', '2.8.9', '3.2.0'], '3.0.0')).toBe('3.1.4');
  });

  it('suggests the smallest fix when the installed version is unknown', () => {
    expect(suggestFixVersion(['4.17.21', '4.17.19'])).toBe('4.17.19');
  });

  it('suggests nothing without fix versions', () => {
    expect(suggestFixVersion([], '1.0.0')).toBeUndefined();
    expect(suggestFixVersion(['  '])).toBeUndefined();
  });
});
