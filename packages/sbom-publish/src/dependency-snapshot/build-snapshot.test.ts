import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '@gatehouse/findings';
import { readSbom } from '@gatehouse/scanners';
import { FakeGitHub } from '@gatehouse/testing-harness';
import { buildDependencySnapshot, type SnapshotContext } from './build-snapshot';

const fixture = (url: string) => readFileSync(fileURLToPath(new URL(url, import.meta.url)), 'utf8');
const NPM_SBOM = readSbom(fixture('./__fixtures__/cyclonedx-npm-web-dev-and-transitive.cdx.json'), 'web.cdx.json');
const SYFT_SBOM = readSbom(fixture('../../../scanners/src/syft/__fixtures__/directory-npm-dependency-of.json'), 'syft.json');
const context: SnapshotContext = {
  workspace: '/home/runner/work/shop/shop',
  sha: 'ddc951f4b1293222421f2c8df679786153acf689',
  ref: 'refs/heads/main',
  correlator: 'security_sbom',
  jobId: '8123456789',
  jobUrl: 'https://github.com/octo-org/octo-repo/actions/runs/8123456789',
  detector: { name: 'gatehouse', version: '0.1.0', url: 'https://github.com/gatehouse-security/gatehouse' },
  sbomPath: '.gatehouse/sbom.cdx.json',
  scanned: new Date('2026-11-22T08:00:00Z'),
};

describe('buildDependencySnapshot', () => {
  it('files an npm project\'s packages under its lockfile: direct, indirect, development, and their children', () => {
    const { snapshot, notes } = buildDependencySnapshot([{ sbom: NPM_SBOM, manifest: 'web/package-lock.json' }], context);
    expect(snapshot).toEqual({
      version: 0,
      job: { id: '8123456789', correlator: 'security_sbom', html_url: 'https://github.com/octo-org/octo-repo/actions/runs/8123456789' },
      sha: context.sha,
      ref: 'refs/heads/main',
      detector: context.detector,
      scanned: '2026-11-22T08:00:00.000Z',
      manifests: {
        'web/package-lock.json': {
          name: 'web/package-lock.json',
          file: { source_location: 'web/package-lock.json' },
          resolved: {
            'pkg:npm/axios@0.21.0': { package_url: 'pkg:npm/axios@0.21.0', relationship: 'direct', scope: 'runtime', dependencies: ['pkg:npm/follow-redirects@1.13.0'] },
            'pkg:npm/follow-redirects@1.13.0': { package_url: 'pkg:npm/follow-redirects@1.13.0', relationship: 'indirect', scope: 'runtime' },
            'pkg:npm/eslint@8.57.0': { package_url: 'pkg:npm/eslint@8.57.0', relationship: 'direct', scope: 'development', dependencies: ['pkg:npm/%40scope/tool@1.0.0'] },
            'pkg:npm/%40scope/tool@1.0.0': { package_url: 'pkg:npm/%40scope/tool@1.0.0', relationship: 'indirect', scope: 'runtime' },
          },
        },
      },
    });
    expect(notes).toEqual(['dependency snapshot: 4 packages in 1 manifests (web/package-lock.json)', '1 components have no package URL and are not submitted (GitHub matches advisories by purl)']);
  });

  it('files packages by where the SBOM says they were found when it says so (syft)', () => {
    const { snapshot } = buildDependencySnapshot([{ sbom: SYFT_SBOM }], context);
    expect(Object.keys(snapshot.manifests!)).toEqual(['web/package-lock.json', 'api/requirements.txt']);
    expect(snapshot.manifests!['web/package-lock.json']!.resolved).toEqual({
      'pkg:npm/axios@0.21.0': { package_url: 'pkg:npm/axios@0.21.0', relationship: 'direct', scope: 'runtime', dependencies: ['pkg:npm/follow-redirects@1.13.0'] },
      'pkg:npm/follow-redirects@1.13.0': { package_url: 'pkg:npm/follow-redirects@1.13.0', relationship: 'indirect', scope: 'runtime' },
    });
  });

  it('reads cdxgen\'s absolute source file paths under the workspace', () => {
    const bom = readSbom(
      JSON.stringify({
        bomFormat: 'CycloneDX',
        specVersion: '1.6',
        version: 1,
        components: [{ type: 'library', name: 'requests', version: '2.19.1', purl: 'pkg:pypi/requests@2.19.1', properties: [{ name: 'SrcFile', value: '/home/runner/work/shop/shop/api/requirements.txt' }] }],
        dependencies: [],
      }),
      'cdxgen.cdx.json',
    );
    expect(Object.keys(buildDependencySnapshot([{ sbom: bom }], context).snapshot.manifests!)).toEqual(['api/requirements.txt']);
  });

  it('says nothing about relationships when the SBOM has no dependency graph', () => {
    const bom = readSbom(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.2', version: 1, components: [{ type: 'library', name: 'a', version: '1', purl: 'pkg:npm/a@1' }] }), 'old.cdx.json');
    const { snapshot } = buildDependencySnapshot([{ sbom: bom }], context);
    expect(snapshot.manifests!['.gatehouse/sbom.cdx.json']!.resolved).toEqual({ 'pkg:npm/a@1': { package_url: 'pkg:npm/a@1', scope: 'runtime' } });
  });

  it.each([
    [{ sha: 'main' }, /not a commit SHA/],
    [{ ref: 'main' }, /must start with refs\//],
    [{ correlator: ' ' }, /correlator and id are required/],
  ])('refuses a context with %j', (extra, message) => {
    expect(() => buildDependencySnapshot([{ sbom: NPM_SBOM }], { ...context, ...extra })).toThrow(ConfigurationError);
    expect(() => buildDependencySnapshot([{ sbom: NPM_SBOM }], { ...context, ...extra })).toThrow(message);
  });
});

describe('the snapshot against GitHub\'s OpenAPI description (FakeGitHub)', () => {
  let fake: FakeGitHub | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('is a valid POST /repos/{owner}/{repo}/dependency-graph/snapshots body', async () => {
    fake = await FakeGitHub.start();
    fake.reply('POST /repos/{owner}/{repo}/dependency-graph/snapshots', { status: 201, body: { id: 42, created_at: '2026-11-22T08:00:01Z', result: 'SUCCESS', message: 'Dependency results for the repo have been successfully updated.' } });
    const { snapshot } = buildDependencySnapshot([{ sbom: NPM_SBOM, manifest: 'web/package-lock.json' }, { sbom: SYFT_SBOM }], context);
    const response = await fetch(`${fake.url}/repos/${fake.repository.owner}/${fake.repository.repo}/dependency-graph/snapshots`, {
      method: 'POST',
      headers: { authorization: `token ${fake.writeToken}`, 'content-type': 'application/json', accept: 'application/vnd.github+json' },
      body: JSON.stringify(snapshot),
    });
    expect(response.status).toBe(201);
    expect(fake.requestsTo('dependency-graph/create-repository-snapshot')).toHaveLength(1);
  });
});
