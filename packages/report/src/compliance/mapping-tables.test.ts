import { describe, expect, it } from 'vitest';
import { CWE_TOP25_2024 } from './cwe-top25-2024';
import { OWASP_TOP10_2021, owaspCategoriesOfCwe } from './owasp-top10-2021';

describe('OWASP Top 10 (2021) table', () => {
  it('has the ten categories with as many mapped CWEs as the official pages list', () => {
    const official: Record<string, number> = {
      'A01:2021': 34,
      'A02:2021': 29,
      'A03:2021': 33,
      'A04:2021': 40,
      'A05:2021': 20,
      'A06:2021': 3,
      'A07:2021': 22,
      'A08:2021': 10,
      'A09:2021': 4,
      'A10:2021': 1,
    };
    expect(Object.fromEntries(OWASP_TOP10_2021.map((c) => [c.id, new Set(c.cwes).size]))).toEqual(official);
  });

  it('maps well-known CWEs to their category', () => {
    expect(owaspCategoriesOfCwe(79)).toEqual(['A03:2021']);
    expect(owaspCategoriesOfCwe(89)).toEqual(['A03:2021']);
    expect(owaspCategoriesOfCwe(22)).toEqual(['A01:2021']);
    expect(owaspCategoriesOfCwe(327)).toEqual(['A02:2021']);
    expect(owaspCategoriesOfCwe(798)).toEqual(['A07:2021']);
    expect(owaspCategoriesOfCwe(502)).toEqual(['A08:2021']);
    expect(owaspCategoriesOfCwe(918)).toEqual(['A10:2021']);
    expect(owaspCategoriesOfCwe(1321)).toEqual([]);
  });

  it('puts every CWE in one category only', () => {
    const all = OWASP_TOP10_2021.flatMap((c) => c.cwes);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('CWE Top 25 (2024) table', () => {
  it('has 25 distinct CWEs ranked 1 to 25, XSS first and missing authentication last', () => {
    expect(CWE_TOP25_2024.map((e) => e.rank)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(new Set(CWE_TOP25_2024.map((e) => e.cwe)).size).toBe(25);
    expect(CWE_TOP25_2024[0]!.cwe).toBe(79);
    expect(CWE_TOP25_2024[24]!.cwe).toBe(306);
  });
});
