import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allReliabilityCases } from './catalog/all-cases';
import { renderReliabilityReport } from './catalog/render-reliability-report';

describe('docs/reliability.md', () => {
  it('is what the case catalog renders (regenerate: npx tsx scripts/write-reliability-report.ts)', () => {
    const committed = readFileSync(new URL('../../docs/reliability.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderReliabilityReport());
  });

  it('lists each case once, under a well-formed id, and every open case says why', () => {
    const { cases } = allReliabilityCases();
    const ids = cases.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of cases) {
      expect(c.id).toMatch(new RegExp(`^${c.group}/[a-z0-9-]+(/[a-z0-9-]+)?$`));
      if (c.open !== undefined) expect(c.open.length).toBeGreaterThan(20);
    }
  });
});
