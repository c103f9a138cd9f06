import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { finalizeFindings, ParseError } from '@gatehouse/findings';
import { snykAdapter } from './index';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url)), 'utf8');
const ctx = { file: 'snyk.json', workspace: '/ws', salt: 's' };

describe('snyk reports', () => {
  it('counts one finding per vulnerability per package version, whatever the number of dependency paths', () => {
    const result = snykAdapter.parse(fixture('npm-project-paths-license-and-ignore.json'), ctx);
    expect(result).toMatchObject({ skipped: [], incomplete: [], nativeCount: 3 });
    const { findings } = finalizeFindings(result.findings);
    expect(findings.map((f) => `${f.ruleId} ${f.location.kind === 'package' ? `${f.location.purl} ${f.location.manifest}` : ''} ${f.status}`)).toEqual([
      'CVE-2020-8203 pkg:npm/lodash@4.17.15 web/package-lock.json open',
      'license-violation pkg:npm/left-pad@1.3.0 web/package-lock.json open',
      'CVE-2020-7598 pkg:npm/minimist@1.2.0 web/package-lock.json suppressed',
    ]);
    expect(findings[0]!.aliases).toEqual(['CVE-2020-8203', 'GHSA-p6mc-m468-83gw']);
    expect(findings[0]!.fix).toEqual({ available: true, versions: ['4.17.19'], state: 'fixed', advice: 'upgrade to lodash@4.17.19' });
  });

  it('refuses documents that are not snyk projects', () => {
    expect(() => snykAdapter.parse('[]', ctx)).toThrow(ParseError);
    expect(() => snykAdapter.parse('{"vulnerabilities": []}', ctx)).toThrow(/not a snyk JSON report/);
  });
});
