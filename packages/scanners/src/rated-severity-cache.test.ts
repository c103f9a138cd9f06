import { describe, expect, it } from 'vitest';
import { rateSeverity } from '@gatehouse/findings';
import { RatedSeverityCache } from './rated-severity-cache';

describe('RatedSeverityCache', () => {
  const vector = { vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', source: 'nvd' };

  it('gives what rateSeverity gives, computed once per distinct evidence', () => {
    const cache = new RatedSeverityCache();
    const first = cache.rate({ vectors: [vector], vendor: { label: 'High', source: 'ghsa' } });
    expect(first).toEqual(rateSeverity({ vectors: [vector], vendor: { label: 'High', source: 'ghsa' } }));
    expect(cache.rate({ vectors: [vector], vendor: { label: 'High', source: 'ghsa' } })).toBe(first);
  });

  it('tells apart evidence that differs only in its source or label', () => {
    const cache = new RatedSeverityCache();
    const a = cache.rate({ vendor: { label: 'High', source: 'debian' } });
    expect(cache.rate({ vendor: { label: 'High', source: 'ubuntu' } })).not.toBe(a);
    expect(cache.rate({ vendor: { label: 'Low', source: 'debian' } }).severity).toBe('low');
    expect(cache.rate({ vectors: [{ ...vector, source: 'redhat' }] }).severityBasis).toMatchObject({ kind: 'cvss', cvss: { source: 'redhat' } });
  });
});
