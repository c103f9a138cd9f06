import { describe, expect, it } from 'vitest';
import { secretRuleById, shannonEntropy } from '@gatehouse/scanners';
import { highEntropyToken } from './fake-secrets';

describe('the demo high-entropy token', () => {
  it('is always above the generic rule entropy floor, so the demo never misses its own planted token', () => {
    const floor = secretRuleById('gatehouse-generic-high-entropy-token')!.entropy!;
    // Plain random draws fall under the floor about 2% of the time: 2000 draws would show it.
    const under = Array.from({ length: 2000 }, highEntropyToken).filter((token) => shannonEntropy(token) < floor);
    expect(under).toEqual([]);
  });
});
