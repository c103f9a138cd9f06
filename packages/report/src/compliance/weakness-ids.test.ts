import { describe, expect, it } from 'vitest';
import { codeDraft, finalized, packageDraft } from '@gatehouse/findings/test-support';
import { cwesOfFinding, owaspCategoriesOfFinding } from './weakness-ids';

const one = (draft: Parameters<typeof finalized>[0][number]) => finalized([draft])[0]!;

describe('cwesOfFinding', () => {
  it('reads CWE identifiers however engines spell them', () => {
    const finding = one(
      codeDraft({
        identifiers: [
          { type: 'CWE', value: 'CWE-079' },
          { type: 'CWE', value: "CWE-89: Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')" },
          { type: 'CWE', value: '78' },
          { type: 'RULE', value: 'CWE-22 lookalike in a rule id' },
        ],
        tags: ['external/cwe/cwe-502', 'security'],
      }),
    );
    expect(cwesOfFinding(finding)).toEqual([78, 79, 89, 502]);
  });

  it('gives every secret CWE-798 (hard-coded credentials)', () => {
    const secret = one(codeDraft({ category: 'secret', ruleId: 'aws-access-token', secret: { preview: 'AKIA…' } }));
    expect(cwesOfFinding(secret)).toEqual([798]);
  });
});

describe('owaspCategoriesOfFinding', () => {
  it('puts a vulnerable package in A06 whatever its CWE', () => {
    const pkg = one(packageDraft({ identifiers: [{ type: 'CVE', value: 'CVE-2020-8203' }, { type: 'CWE', value: 'CWE-79' }] }));
    expect(owaspCategoriesOfFinding(pkg, cwesOfFinding(pkg))).toEqual(['A06:2021']);
  });

  it('maps code findings through their CWEs and explicit 2021 ids, ignoring other editions', () => {
    const code = one(
      codeDraft({
        identifiers: [
          { type: 'CWE', value: 'CWE-327' },
          { type: 'OWASP', value: 'A3:2021 - Injection' },
          { type: 'OWASP', value: 'A1:2017-Injection' },
        ],
      }),
    );
    expect(owaspCategoriesOfFinding(code, cwesOfFinding(code))).toEqual(['A02:2021', 'A03:2021']);
  });

  it('puts configuration findings in A05 and secrets in A07', () => {
    const iac = one(codeDraft({ category: 'iac', ruleId: 'DS002', location: { kind: 'code', path: 'Dockerfile' } }));
    expect(owaspCategoriesOfFinding(iac, cwesOfFinding(iac))).toEqual(['A05:2021']);
    const secret = one(codeDraft({ category: 'secret', ruleId: 'github-pat', secret: { preview: 'ghp_…' } }));
    expect(owaspCategoriesOfFinding(secret, cwesOfFinding(secret))).toEqual(['A07:2021']);
  });

  it('leaves a code finding without CWE or OWASP id unmapped', () => {
    const code = one(codeDraft({}));
    expect(owaspCategoriesOfFinding(code, cwesOfFinding(code))).toEqual([]);
  });
});
