import { describe, expect, it } from 'vitest';
import { FindingSchema } from './schema';
import { findingProblems } from './validate-finding';

const finding = (value: string) => ({
  id: 'a'.repeat(64),
  category: 'sast',
  ruleId: 'R1',
  title: 't',
  message: 'm',
  severity: 'high',
  severityBasis: { kind: 'none' },
  identifiers: [{ type: 'RULE', value }],
  aliases: [],
  location: { kind: 'code', path: 'a.py', startLine: 1 },
  fix: { available: false, versions: [], state: 'unknown' },
  sources: [{ engine: 'e', nativeId: 'R1' }],
  status: 'open',
});

describe('findingProblems', () => {
  it('counts string lengths in code points, as the zod schema does (astral characters count once)', () => {
    const emoji = '\u{1F600}';
    // 300 code points but 600 UTF-16 units: within the identifier's 300 limit.
    expect(findingProblems(finding(emoji.repeat(300)))).toBeUndefined();
    expect(FindingSchema.safeParse(finding(emoji.repeat(300))).success).toBe(true);
    expect(findingProblems(finding(emoji.repeat(301)))).toEqual(['identifiers.0.value: must NOT have more than 300 characters']);
    expect(FindingSchema.safeParse(finding(emoji.repeat(301))).success).toBe(false);
  });

  it('refuses what the zod schema refuses in a discriminated union: no object, no kind, an unknown kind, the wrong branch', () => {
    for (const location of ['a.py', null, [], {}, { kind: 'folder', path: 'a' }, { kind: 'code' }, { kind: 'repository', path: 'a.py' }, { kind: 7 }]) {
      const candidate = { ...finding('x'), location };
      expect(FindingSchema.safeParse(candidate).success, JSON.stringify(location)).toBe(false);
      expect(findingProblems(candidate), JSON.stringify(location)).toBeDefined();
    }
    for (const severityBasis of [{ kind: 'cvss' }, { kind: 'vendor', label: 'HIGH' }, 'none']) {
      expect(findingProblems({ ...finding('x'), severityBasis }), JSON.stringify(severityBasis)).toBeDefined();
    }
    expect(findingProblems({ ...finding('x'), location: { kind: 'repository' } })).toBeUndefined();
  });
});
