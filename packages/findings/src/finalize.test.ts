import { describe, expect, it } from 'vitest';
import { finalizeFindings } from './finalize';
import { baseIdentityKey, identityFromKey } from './identity';
import { codeDraft } from './test-support';

describe('finalizeFindings', () => {
  it('derives the id from the full rule id, even one longer than the finding keeps', () => {
    const longRule = `rule-${'x'.repeat(700)}`;
    const draft = codeDraft({ ruleId: longRule, location: { kind: 'code', path: 'a.py', startLine: 3, contextHash: 'c'.repeat(64) } });
    const [finding] = finalizeFindings([draft]).findings;
    expect(finding!.ruleId).toHaveLength(500);
    expect(finding!.ruleId.endsWith('…')).toBe(true);
    expect(finding!.id).toBe(identityFromKey(baseIdentityKey(draft), 0));
  });

  it('keeps the draft\'s keys in order, drops the identity hints, and puts id and status last', () => {
    const draft = codeDraft({ identityHints: { snippet: 'call(x)' } });
    const [finding] = finalizeFindings([draft]).findings;
    const expected = Object.keys(draft).filter((key) => key !== 'identityHints');
    expect(Object.keys(finding!)).toEqual([...expected, 'id', 'status']);
    expect(finding!.location).toMatchObject({ kind: 'code', contextHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('numbers occurrences of one identity by line, whatever order the report gave them in', () => {
    const at = (startLine: number) => codeDraft({ location: { kind: 'code', path: 'a.py', startLine, contextHash: 'd'.repeat(64) } });
    const { findings } = finalizeFindings([at(9), at(2), at(5)]);
    const key = baseIdentityKey(at(0));
    expect(findings.map((f) => f.id)).toEqual([identityFromKey(key, 2), identityFromKey(key, 0), identityFromKey(key, 1)]);
  });
});
