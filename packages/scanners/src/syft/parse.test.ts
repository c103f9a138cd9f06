import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ParseError } from '@gatehouse/findings';
import { readSbom } from '../sbom/read-sbom';
import { parseSyft } from './parse';

const SAMPLE = readFileSync(fileURLToPath(new URL('./__fixtures__/directory-npm-dependency-of.json', import.meta.url)), 'utf8');
const ctx = { file: 'syft.json', workspace: '/work/repo', salt: 'salt' };

describe('syft JSON', () => {
  it('has no findings, and counts what it could not read', () => {
    const result = parseSyft(SAMPLE, ctx);
    expect(result).toMatchObject({ findings: [], skipped: [], incomplete: [], nativeCount: 0, engineVersion: '1.54.1' });
    expect(result.notes).toEqual(['syft JSON schema 16.0.43: 3 artifacts', expect.stringMatching(/^1 artifacts or relationships could not be read \(artifacts\[3\]: id/)]);
  });

  it('reads artifacts, their locations and "dependency-of" as the dependency graph', () => {
    const sbom = readSbom(SAMPLE, 'syft.json');
    expect(sbom.components.map((c) => c.purl)).toEqual(['pkg:npm/axios@0.21.0', 'pkg:npm/follow-redirects@1.13.0', 'pkg:pypi/requests@2.19.1']);
    expect(sbom.components[0]).toMatchObject({ ecosystem: 'npm', type: 'npm', locations: ['/web/package-lock.json'] });
    expect(Object.fromEntries(sbom.dependencies)).toEqual({ '6a1f2b3c4d5e6f70': ['7b2a3c4d5e6f7081'] });
    expect(sbom.subject).toEqual({ ref: '5d4c3b2a19081726', name: 'vulnerable-app', type: 'directory' });
  });

  it.each([
    ['{"matches":[],"descriptor":{"name":"grype"}}', /no "artifacts" array/],
    ['{"artifacts":[],"descriptor":{"name":"someone-else"}}', /written by "someone-else"/],
    ['{"bomFormat":"CycloneDX","artifacts":[]}', /CycloneDX or SPDX SBOM/],
  ])('refuses %s', (content, message) => {
    expect(() => parseSyft(content, ctx)).toThrow(ParseError);
    expect(() => parseSyft(content, ctx)).toThrow(message);
  });
});
