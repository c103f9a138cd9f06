import { evaluate, PolicySchema } from '@gatehouse/policy';
import { describe, expect, it } from 'vitest';
import { codeFinding, NOW } from '../test-support/findings';
import type { TrustedFiles } from '../common/trusted-files';
import { loadTrustedPolicy } from '../common/trusted-policy';
import { comparePolicyChange, policyChangeNote, policyChangeSection } from './policy-change';

function filesOf(policy: string | undefined): TrustedFiles {
  return {
    description: 'pull request #7\u2019s merge commit 1234567',
    ref: '1'.repeat(40),
    read: async (path) => (policy !== undefined && path === '.github/gatehouse.yml' ? { found: true, path, text: policy } : { found: false, path }),
  };
}

const findings = [codeFinding('app/a.py', 1, { severity: 'high' }), codeFinding('app/b.py', 2, { severity: 'critical' }), codeFinding('app/c.py', 3, { severity: 'medium' })];
const engines = [{ id: 'bandit', status: 'ran' as const }];

async function compare(basePolicy: string, headPolicy: string | undefined) {
  const base = await loadTrustedPolicy(filesOf(basePolicy), '.github/gatehouse.yml');
  const baseDecision = evaluate(findings, base.loaded.policy, NOW, { engines, mode: 'pr' }).decision;
  return comparePolicyChange({ head: filesOf(headPolicy), base, baseDecision, findings, engines, now: NOW, mode: 'pr', firstSeen: new Map() });
}

describe('a pull request\u2019s own policy', () => {
  it('unchanged: nothing to say', async () => {
    const change = await compare('version: 1\n', 'version: 1\n');
    expect(change).toEqual({ kind: 'unchanged' });
    expect(policyChangeNote(change, '.github/gatehouse.yml')).toBeUndefined();
    expect(policyChangeSection(change, '.github/gatehouse.yml')).toBe('');
  });

  it('loosened: counts the findings that would no longer block, and the verdict it would give', async () => {
    const change = await compare('version: 1\n', 'version: 1\nrules:\n  block: critical\n');
    expect(change).toMatchObject({ kind: 'changed', noLongerBlocking: 1, newlyBlocking: 0, verdict: 'block', baseVerdict: 'block' });
    expect(policyChangeNote(change, '.github/gatehouse.yml')).toBe(
      "This pull request changes .github/gatehouse.yml (or the VEX or baseline it names): this PR loosens the policy: 1 finding would no longer block once merged; the verdict would stay block. The gate decides with the base branch's policy; the change applies once merged.",
    );
  });

  it('tightened: counts what would newly block', async () => {
    const change = await compare('version: 1\nrules:\n  block: critical\n', 'version: 1\nrules:\n  block: medium\n');
    expect(change).toMatchObject({ kind: 'changed', noLongerBlocking: 0, newlyBlocking: 2 });
  });

  it('deleted: the built-in defaults are what would apply', async () => {
    expect(await compare('version: 1\nrules:\n  block: none\n  warn: none\ncategories:\n  secret:\n    block: none\n', undefined)).toMatchObject({ kind: 'changed', newlyBlocking: 2, verdict: 'block', baseVerdict: 'pass' });
  });

  it('invalid: reported, never obeyed', async () => {
    const change = await compare('version: 1\n', 'version: 1\nrules:\n  block: hihg\n');
    expect(change).toMatchObject({ kind: 'invalid' });
    expect(policyChangeNote(change, '.github/gatehouse.yml')).toMatch(/does not load .*gatehouse\.yml:3/);
  });

  it('the summary section escapes what it quotes', async () => {
    const change = { kind: 'invalid' as const, where: 'x', problem: '<img src=x> @org/team' };
    const section = policyChangeSection(change, '.github/gatehouse.yml');
    expect(section).not.toContain('<img');
    expect(section).toContain('&lt;img');
  });
});
