import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@gatehouse/findings';
import { npmProjects, planSbom, type SbomPlanInput } from './sbom';

const WS = '/home/runner/work/shop/vulnerable-app';
const FILES = ['web/package.json', 'web/package-lock.json', 'web/server.js', 'api/requirements.txt', 'api/app.py', 'Dockerfile', 'web/node_modules/axios/package.json', 'web/node_modules/axios/package-lock.json'];
const input = (extra: Partial<SbomPlanInput> = {}): SbomPlanInput => ({ workspace: WS, target: { kind: 'repository' }, files: FILES, available: [], ...extra });

describe('planSbom', () => {
  it('on a laptop without syft or cdxgen, describes the npm projects with the bundled cyclonedx-npm and names what is left out', () => {
    const plan = planSbom(input());
    expect(plan.generation).toEqual([{ engine: 'cdxgen', tool: 'cyclonedx-npm', subject: { kind: 'directory', path: 'web' }, outputs: { 'cyclonedx-json': '.gatehouse/sbom.cdx.json' }, label: 'cyclonedx-npm on web/package-lock.json', manifest: 'web/package-lock.json' }]);
    expect(plan.cyclonedx).toBe('.gatehouse/sbom.cdx.json');
    expect(plan.merge).toBeUndefined();
    expect(plan.notes).toContain('not in the SBOM: api/requirements.txt (cyclonedx-npm reads npm projects only; syft or cdxgen cover other ecosystems)');
  });

  it('merges one SBOM per npm project when there are several', () => {
    const plan = planSbom(input({ files: [...FILES, 'admin/package.json', 'admin/npm-shrinkwrap.json'] }));
    expect(plan.generation.map((g) => [g.outputs['cyclonedx-json'], g.manifest])).toEqual([
      ['.gatehouse/sbom-parts/admin.cdx.json', 'admin/npm-shrinkwrap.json'],
      ['.gatehouse/sbom-parts/web.cdx.json', 'web/package-lock.json'],
    ]);
    expect(plan.merge).toEqual({ from: ['.gatehouse/sbom-parts/admin.cdx.json', '.gatehouse/sbom-parts/web.cdx.json'], subjectName: 'vulnerable-app' });
  });

  it('prefers syft when it can run (every ecosystem, both formats in one run)', () => {
    const plan = planSbom(input({ available: ['syft', 'trivy', 'cdxgen'], spdx: true }));
    expect(plan.generation).toEqual([{ engine: 'syft', tool: 'syft', subject: { kind: 'directory', path: '.' }, outputs: { 'cyclonedx-json': '.gatehouse/sbom.cdx.json', 'spdx-json': '.gatehouse/sbom.spdx.json' }, label: 'syft on the repository' }]);
    expect(plan.spdx).toBe('.gatehouse/sbom.spdx.json');
  });

  it('uses cdxgen when asked, and syft or trivy for SPDX, which cdxgen does not write', () => {
    const plan = planSbom(input({ generator: 'cdxgen', available: ['cdxgen', 'trivy'], spdx: true }));
    expect(plan.generation.map((g) => [g.tool, g.outputs])).toEqual([
      ['cdxgen', { 'cyclonedx-json': '.gatehouse/sbom.cdx.json' }],
      ['trivy', { 'spdx-json': '.gatehouse/sbom.spdx.json' }],
    ]);
  });

  it('says SPDX cannot be written when only cdxgen or cyclonedx-npm can run', () => {
    const plan = planSbom(input({ spdx: true }));
    expect(plan.spdx).toBeUndefined();
    expect(plan.notRun).toEqual([{ engine: 'spdx', reason: 'SPDX JSON was requested, but cyclonedx-npm writes CycloneDX only and neither syft nor trivy can run here' }]);
  });

  it('describes an image with syft, else trivy, and never with cdxgen', () => {
    expect(planSbom(input({ target: { kind: 'image', image: 'shop/web:1.4.2' }, available: ['trivy'] })).generation[0]).toMatchObject({ tool: 'trivy', subject: { kind: 'image', image: 'docker:shop/web:1.4.2' } });
    expect(planSbom(input({ target: { kind: 'archive', path: 'build/web.tar' }, available: ['syft'] })).generation[0]).toMatchObject({ tool: 'syft', subject: { kind: 'image', image: 'docker-archive:build/web.tar' } });
    const none = planSbom(input({ target: { kind: 'image', image: 'shop/web:1.4.2' } }));
    expect(none.cyclonedx).toBeUndefined();
    expect(none.notRun).toEqual([{ engine: 'syft', reason: 'no SBOM generator for shop/web:1.4.2 can run here: an image needs syft or trivy' }]);
    expect(() => planSbom(input({ target: { kind: 'image', image: 'shop/web:1' }, generator: 'cdxgen' }))).toThrow(ConfigurationError);
  });

  it('scans the written SBOM with grype or the offline OSV engine, and plans the uploads', () => {
    const plan = planSbom(input({ scan: 'grype', databases: { grype: '/cache/grype' }, dependencyTrack: true, dependencyGraph: true }));
    expect(plan.scan.invocations).toEqual([{ engine: 'grype', label: 'grype on .gatehouse/sbom.cdx.json', required: true, options: { workspace: WS, targets: ['.gatehouse/sbom.cdx.json'], mode: 'sbom', cacheDir: '/cache/grype' } }]);
    expect(planSbom(input({ scan: 'osv-offline' })).scan.invocations[0]).toMatchObject({ engine: 'osv-offline', options: { mode: 'sbom', targets: ['.gatehouse/sbom.cdx.json'] } });
    expect(plan.publish).toEqual({ dependencyTrack: true, dependencyGraph: true });
  });

  it('is about a subdirectory when given one, inside the workspace only', () => {
    expect(planSbom(input({ target: { kind: 'repository', path: 'web' } })).generation[0]!.subject).toEqual({ kind: 'directory', path: 'web' });
    expect(() => planSbom(input({ target: { kind: 'repository', path: '../other' } }))).toThrow(/leaves the workspace/);
  });
});

describe('npmProjects', () => {
  it('finds package.json next to an npm lockfile, never inside node_modules or .gatehouse', () => {
    expect(npmProjects(['package.json', 'package-lock.json', 'a/package.json', 'b/package.json', 'b/yarn.lock', 'node_modules/x/package.json', 'node_modules/x/package-lock.json', '.gatehouse/package.json', '.gatehouse/package-lock.json'])).toEqual(['.']);
  });
});
