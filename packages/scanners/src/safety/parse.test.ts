import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { finalizeFindings, ParseError } from '@gatehouse/findings';
import { safetyAdapter } from './index';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url)), 'utf8');
const ctx = { file: 'safety.json', workspace: '/ws', salt: 's', manifest: 'api/requirements.txt' };

describe('safety reports', () => {
  it('reads 2.x: CVE as a string or an object, severity object or null, ignored vulnerabilities kept as suppressed', () => {
    const result = safetyAdapter.parse(fixture('v2-cve-string-object-and-ignored.json'), ctx);
    expect(result).toMatchObject({ skipped: [], incomplete: [], nativeCount: 3 });
    const { findings } = finalizeFindings(result.findings);
    expect(findings.map((f) => `${f.ruleId} ${f.severity} ${f.status} ${f.fix.advice}`)).toEqual([
      'CVE-2022-22818 medium open upgrade django to 4.0.2',
      'CVE-2022-28346 critical open upgrade django to 4.0.4',
      'CVE-2019-10906 unknown suppressed upgrade jinja2 to 2.10.1',
    ]);
    expect(findings[2]!.suppression).toEqual({ kind: 'exception', reason: "ignored in safety's own policy: templates are not user supplied (not a Gatehouse exception)", ref: 'safety policy' });
    expect(findings[0]!.location).toMatchObject({ purl: 'pkg:pypi/django@4.0.1', manifest: 'api/requirements.txt' });
  });

  it('reads the 1.x array', () => {
    const { findings } = safetyAdapter.parse(fixture('v1-array.json'), ctx);
    expect(findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['pyup-37083 unknown', 'pyup-39611 critical']);
  });

  it('refuses safety 3 scan reports and other documents with a ParseError', () => {
    expect(() => safetyAdapter.parse('{"scan_results": {"projects": []}}', ctx)).toThrow(/safety 3/);
    expect(() => safetyAdapter.parse('[["only", "three", "fields"]]', ctx)).toThrow(ParseError);
  });
});
