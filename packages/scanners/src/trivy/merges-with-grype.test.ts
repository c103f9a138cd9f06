// image-scan runs trivy and grype on one image; their reports must become one finding per
// vulnerability per package (docs/image-scan.md). Both fixtures describe the same `docker save`
// tarball of shop/web:1.4.2 (saved by image id, so neither report knows its name).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { finalizeFindings, mergeFindings, type Finding } from '@gatehouse/findings';
import type { ParseContext } from '../adapter';
import { parseGrype } from '../grype/parse';
import { parseTrivy } from './parse';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const context = (file: string, imageRef?: string): ParseContext => ({ file, workspace: '/ws', salt: 'merge-test-salt-0123456789', ...(imageRef ? { imageRef } : {}) });

function scanBoth(imageRef?: string): Finding[] {
  const trivy = parseTrivy(fixture('tarball-shop-web.trivy.json'), context('trivy.json', imageRef));
  const grype = parseGrype(fixture('tarball-shop-web.grype.json'), context('grype.json', imageRef));
  // As assembleRun does: every engine's drafts get their identity together, then merge.
  const { findings, rejected } = finalizeFindings([...trivy.findings, ...grype.findings]);
  expect(rejected).toEqual([]);
  return mergeFindings(findings);
}

const byPackage = (findings: Finding[]) =>
  Object.fromEntries(findings.map((f) => [`${f.ruleId} ${f.location.kind === 'image' ? (f.location.purl?.replace(/@.*$/, '') ?? f.location.name) : ''}`, f]));

describe('trivy and grype on the same image', () => {
  const merged = scanBoth('shop/web:1.4.2');
  const found = byPackage(merged);

  it('merge into one finding per vulnerability per package, plus one end-of-life OS finding', () => {
    expect(Object.keys(found).sort()).toEqual([
      'CVE-2019-18276 pkg:deb/debian/bash',
      'CVE-2020-8203 pkg:npm/lodash',
      'CVE-2021-33560 pkg:deb/debian/libgcrypt20',
      'CVE-2022-37434 pkg:deb/debian/zlib1g',
      'os-end-of-life debian',
    ]);
  });

  it('keep both engines as sources of every finding', () => {
    for (const finding of merged) expect(finding.sources.map((s) => s.engine).sort()).toEqual(['grype', 'trivy']);
  });

  it('file every finding under the plan\'s image name, not the tarball\'s path', () => {
    expect(new Set(merged.map((f) => f.location.kind === 'image' && f.location.ref))).toEqual(new Set(['shop/web:1.4.2']));
  });

  it('take the fix from both: a fix either engine knows is available, with every version', () => {
    expect(found['CVE-2021-33560 pkg:deb/debian/libgcrypt20']!.fix).toMatchObject({ available: true, state: 'fixed', versions: ['1.7.6-2+deb9u4'] });
    expect(found['CVE-2020-8203 pkg:npm/lodash']!.fix).toMatchObject({ available: true, state: 'fixed', versions: expect.arrayContaining(['4.17.19', '4.17.20']) });
    expect(found['CVE-2019-18276 pkg:deb/debian/bash']!.fix).toMatchObject({ available: false, state: 'wont_fix' });
    expect(found['CVE-2022-37434 pkg:deb/debian/zlib1g']!.fix).toMatchObject({ available: false, state: 'not_fixed' });
  });

  it('unite the aliases: trivy\'s CVE and grype\'s GHSA record of lodash are one finding', () => {
    expect(found['CVE-2020-8203 pkg:npm/lodash']!.aliases).toEqual(['CVE-2020-8203', 'GHSA-p6mc-m468-83gw']);
  });

  it('rate from the CVSS vector both carry, not from the distribution\'s low label', () => {
    expect(found['CVE-2019-18276 pkg:deb/debian/bash']).toMatchObject({ severity: 'high', severityBasis: { kind: 'cvss' } });
    expect(found['CVE-2022-37434 pkg:deb/debian/zlib1g']!.severity).toBe('critical');
  });

  it('merge through the plan\'s image name even when the reports name the image differently', () => {
    const trivy = JSON.parse(fixture('tarball-shop-web.trivy.json'));
    trivy.Metadata.RepoTags = ['docker.io/library/web:dev'];
    const grype = JSON.parse(fixture('tarball-shop-web.grype.json'));
    grype.source.target.tags = ['web:dev'];
    const run = (imageRef?: string) => {
      const drafts = [...parseTrivy(JSON.stringify(trivy), context('trivy.json', imageRef)).findings, ...parseGrype(JSON.stringify(grype), context('grype.json', imageRef)).findings];
      return mergeFindings(finalizeFindings(drafts).findings);
    };
    expect(run()).toHaveLength(10);
    expect(run('shop/web:1.4.2')).toHaveLength(5);
  });
});
