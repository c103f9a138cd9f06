import { describe, expect, it } from 'vitest';
import { smallestFixingVersion, sortVersions } from './fix-versions';

describe('fix versions', () => {
  it('sorts in the ecosystem order and drops PEP 440 duplicates', () => {
    expect(sortVersions('npm', ['1.2.3', '0.2.1', '1.10.0', '1.2.3'])).toEqual(['0.2.1', '1.2.3', '1.10.0']);
    expect(sortVersions('PyPI', ['3.2.10', '2.2.25', '3.1.14', '3.2.10.0'])).toEqual(['2.2.25', '3.1.14', '3.2.10']);
  });

  it('suggests the smallest fix above the installed version, not a fix of an older branch', () => {
    expect(smallestFixingVersion('npm', '1.2.0', ['0.2.1', '1.2.3'])).toBe('1.2.3');
    expect(smallestFixingVersion('npm', '0.0.8', ['0.2.1', '1.2.3'])).toBe('0.2.1');
    expect(smallestFixingVersion('PyPI', '3.2.9', ['2.2.25', '3.1.14', '3.2.10'])).toBe('3.2.10');
  });

  it('skips a candidate another range still covers', () => {
    // fixed in 1.2.3, but 1.2.3 is inside a second range fixed in 1.2.6
    expect(smallestFixingVersion('npm', '1.2.0', ['1.2.3', '1.2.6'], (v) => v === '1.2.3')).toBe('1.2.6');
  });

  it('has no suggestion when no fix lies above the install or the version does not parse', () => {
    expect(smallestFixingVersion('npm', '2.0.0', ['1.2.3'])).toBeUndefined();
    expect(smallestFixingVersion('npm', 'latest', ['1.2.3'])).toBeUndefined();
    expect(smallestFixingVersion('Maven', '1.0', ['2.0'])).toBeUndefined();
  });
});
