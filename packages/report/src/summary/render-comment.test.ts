import type { Finding, FindingsDocument } from '@gatehouse/findings';
import { describe, expect, it } from 'vitest';
import { codeFinding, documentOf, emptyDecision, manyFindings } from '../test-support/findings-factory';
import { COMMENT_MARKER, renderComment } from './render-comment';

function blocked(findings: Finding[], extra: Partial<FindingsDocument> = {}): FindingsDocument {
  const decision = emptyDecision('block');
  return documentOf(findings, {
    decision: { ...decision, counts: { ...decision.counts, blocking: findings.length }, blockingIds: findings.map((f) => f.id) },
    ...extra,
  });
}

describe('renderComment', () => {
  it('starts with the hidden marker, then the verdict', () => {
    const lines = renderComment(blocked([codeFinding('a')])).split('\n');
    expect(lines[0]).toBe(COMMENT_MARKER);
    expect(lines[1]).toBe('### ⛔ Blocked: 1 finding blocks this change');
  });

  it('lists the top ten blocking findings and points to the job summary for the rest', () => {
    const findings = manyFindings(25, 'bandit', { criticalEvery: 1 });
    const comment = renderComment(blocked(findings), { runUrl: 'https://github.com/o/r/actions/runs/7' });
    expect(comment.split('\n').filter((l) => l.startsWith('| 🔴 Critical | RULE'))).toHaveLength(10);
    expect(comment).toContain('… and 15 more blocking findings in [the job summary](https://github.com/o/r/actions/runs/7).');
    expect(comment).toContain('[Full summary](https://github.com/o/r/actions/runs/7)');
  });

  it('names only the engines that did not run or did not finish', () => {
    const doc = blocked([codeFinding('a')], {
      engines: [
        { id: 'bandit', status: 'ran' },
        { id: 'trivy', status: 'incomplete', reason: 'database download failed' },
      ],
    });
    const comment = renderComment(doc);
    expect(comment).toContain('| trivy | ❗ incomplete | — | database download failed |');
    expect(comment).not.toContain('| bandit |');
  });

  it('contains the marker once even when a scanner string imitates it', () => {
    const sneaky = codeFinding('sneaky', { title: `${COMMENT_MARKER} fake`, message: COMMENT_MARKER });
    const comment = renderComment(blocked([sneaky]), { notes: [COMMENT_MARKER] });
    expect(comment.split(COMMENT_MARKER)).toHaveLength(2);
  });

  it('stays within a smaller character budget when given one', () => {
    const findings = manyFindings(500, 'bandit', { criticalEvery: 1 });
    const comment = renderComment(blocked(findings), { maxChars: 3_000, maxRows: 500 });
    expect(comment.length).toBeLessThanOrEqual(3_000);
    expect(comment.split('\n')[1]).toMatch(/^### ⛔ Blocked/);
  });
});
