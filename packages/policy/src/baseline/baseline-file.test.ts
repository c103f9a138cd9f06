import { describe, expect, it } from 'vitest';
import { ParseError } from '@gatehouse/findings';
import { evaluate } from '../evaluate/evaluate';
import { codeFinding, NOW, packageFinding, policyOf, ran } from '../test-support/policy-fixtures';
import { parseBaseline, serializeBaseline } from './baseline-file';

const findings = [packageFinding({ severity: 'critical' }), codeFinding({ severity: 'high' })];

describe('baseline files', () => {
  it('round-trips: the ids written are the ids read', () => {
    const text = serializeBaseline(findings, { createdAt: NOW, target: 'acme/payments', toolVersion: '0.1.0' });
    const baseline = parseBaseline(text, '.github/gatehouse-baseline.json');
    expect([...baseline.ids].sort()).toEqual(findings.map((f) => f.id).sort());
    expect(baseline.file).toMatchObject({ kind: 'gatehouse-baseline', version: 1, createdAt: NOW.toISOString(), target: 'acme/payments' });
  });

  it('gives people hints: category, rule, severity and where', () => {
    const file = JSON.parse(serializeBaseline(findings, { createdAt: NOW }));
    const byCategory = Object.fromEntries(file.findings.map((e: { category: string }) => [e.category, e]));
    expect(byCategory.sca).toMatchObject({ ruleId: 'CVE-2020-8203', severity: 'critical', location: 'pkg:npm/lodash (package-lock.json)' });
    expect(byCategory.sast).toMatchObject({ ruleId: 'B602', location: 'app/main.py:10' });
  });

  it('is stable: one entry per id, sorted, whatever the input order', () => {
    const a = serializeBaseline([...findings, findings[0]!], { createdAt: NOW });
    const b = serializeBaseline([...findings].reverse(), { createdAt: NOW });
    expect(a).toBe(b);
    expect(JSON.parse(a).findings).toHaveLength(2);
  });

  it('feeds new-only mode: a baselined finding does not block a pull request', () => {
    const baseline = parseBaseline(serializeBaseline(findings.slice(0, 1), { createdAt: NOW }), 'b.json');
    const { decision } = evaluate(findings, policyOf(), NOW, { engines: [ran('bandit')], baseline: baseline.ids, mode: 'pr' });
    expect(decision.blockingIds).toEqual([findings[1]!.id]);
  });

  it('refuses another kind of JSON, naming the key and line', () => {
    const text = '{\n  "kind": "gatehouse-baseline",\n  "version": 1,\n  "createdAt": "2025-06-01T00:00:00Z",\n  "findings": [{ "id": "nope" }]\n}\n';
    try {
      parseBaseline(text, 'b.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ParseError);
      expect((error as ParseError).message).toContain('findings[0].id');
      expect((error as ParseError).line).toBe(5);
    }
    expect(() => parseBaseline('{"findings": []}', 'b.json')).toThrow(/not a Gatehouse baseline/);
    expect(() => parseBaseline('{"kind":"gatehouse-baseline","version":2,"createdAt":"2025-06-01T00:00:00Z","findings":[]}', 'b.json')).toThrow(/version/);
    expect(() => parseBaseline('[1,', 'b.json')).toThrow(/truncated/);
  });
});
