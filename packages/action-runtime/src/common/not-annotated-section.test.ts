import { describe, expect, it } from 'vitest';
import { codeFinding, findingsDocument } from '../test-support/findings';
import { notAnnotatedSection } from './not-annotated-section';

describe('the list of findings without an annotation', () => {
  it('escapes what scanners wrote and stops at 100 rows', () => {
    const findings = Array.from({ length: 130 }, (_, i) => codeFinding(`app/f${i}.py`, i + 1, { title: `<b>x</b> @org/team | ${'A'.repeat(500)}` }));
    const doc = findingsDocument(findings);
    const section = notAnnotatedSection(doc.findings, new Set(doc.decision.blockingIds));
    expect(section).not.toContain('<b>');
    expect(section).toContain('&lt;b&gt;');
    expect(section).not.toMatch(/(^|[^\w])@org\/team/);
    expect(section.split('\n').filter((l) => l.startsWith('| high |'))).toHaveLength(100);
    expect(section).toContain('… and 30 more in findings.json.');
    expect(section.split('\n').find((l) => l.startsWith('| high |'))!.length).toBeLessThan(700);
  });

  it('is empty when every finding got its annotation', () => {
    expect(notAnnotatedSection([], new Set())).toBe('');
  });
});
