import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ParseError } from '@gatehouse/findings';
import { readSbom } from '../sbom/read-sbom';
import { parseSpdx } from './parse';

const SAMPLE = readFileSync(fileURLToPath(new URL('./__fixtures__/npm-project-depends-on.spdx.json', import.meta.url)), 'utf8');
const ctx = { file: 'sbom.spdx.json', workspace: '/work/repo', salt: 'salt' };

describe('SPDX JSON', () => {
  it('has no findings of its own, and says what it holds', () => {
    expect(parseSpdx(SAMPLE, ctx)).toEqual({
      findings: [],
      skipped: [],
      incomplete: [],
      nativeCount: 0,
      notes: ['SPDX-2.3: 4 packages written by syft-1.54.1', expect.stringMatching(/^1 packages or relationships could not be read \(packages\[4\]: name/)],
    });
  });

  it('reads packages with their purls (placeholders dropped), the described root, and the dependency graph both ways', () => {
    const sbom = readSbom(SAMPLE, 'sbom.spdx.json');
    expect(sbom.subject).toEqual({ ref: 'SPDXRef-DocumentRoot-Directory-web', name: 'web', type: 'file' });
    expect(sbom.components.map((c) => [c.name, c.purl])).toEqual([
      ['web', undefined],
      ['axios', 'pkg:npm/axios@0.21.0'],
      ['follow-redirects', 'pkg:npm/follow-redirects@1.13.0'],
      ['no-purl-here', undefined],
    ]);
    expect(sbom.components[1]!.locations).toEqual(['/web/package-lock.json']);
    expect(Object.fromEntries(sbom.dependencies)).toEqual({
      'SPDXRef-DocumentRoot-Directory-web': ['SPDXRef-Package-npm-axios-1a2b'],
      'SPDXRef-Package-npm-axios-1a2b': ['SPDXRef-Package-npm-follow-redirects-3c4d'],
    });
  });

  it.each([
    ['{"spdxVersion":"SPDX-3.0","SPDXID":"SPDXRef-DOCUMENT"}', /SPDX-2.2 and SPDX-2.3/],
    ['{"@context":"https://spdx.org/rdf/3.0.1/spdx-context.jsonld","@graph":[]}', /SPDX 3 \(JSON-LD\)/],
    ['{"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-x"}', /SPDXID is not "SPDXRef-DOCUMENT"/],
    ['{"bomFormat":"CycloneDX","specVersion":"1.6"}', /this is CycloneDX/],
  ])('refuses %s', (content, message) => {
    expect(() => parseSpdx(content, ctx)).toThrow(ParseError);
    expect(() => parseSpdx(content, ctx)).toThrow(message);
  });
});
