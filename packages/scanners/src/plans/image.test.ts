import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@gatehouse/findings';
import { planImageScan, sarifCategoryForImage } from './image';

const WS = '/home/runner/work/shop/shop';

describe('planImageScan', () => {
  it('scans a just-built image in the local daemon with trivy, using the refreshed database', () => {
    const plan = planImageScan({ workspace: WS, image: 'shop/web:1.4.2', databases: { trivy: '/opt/hostedtoolcache/gatehouse-db/trivy' } });
    expect(plan.invocations).toEqual([
      {
        engine: 'trivy',
        label: 'trivy on shop/web:1.4.2',
        instance: 'shop/web:1.4.2',
        required: true,
        options: { workspace: WS, targets: [], mode: 'image', image: 'docker:shop/web:1.4.2', cacheDir: '/opt/hostedtoolcache/gatehouse-db/trivy' },
      },
    ]);
    expect(plan.notRun).toEqual([{ engine: 'grype', reason: 'grype (the second opinion) is not enabled' }]);
    expect(plan.image).toEqual({ source: { kind: 'daemon', ref: 'shop/web:1.4.2' }, label: 'shop/web:1.4.2', parseImageRef: 'shop/web:1.4.2', sarifCategory: 'image-scan/shop/web' });
    expect(plan.notes).toEqual(['Image shop/web:1.4.2 (local Docker image, not pulled)', 'trivy: vulnerability database refreshed at most a day ago (/opt/hostedtoolcache/gatehouse-db/trivy); the scan itself downloads nothing']);
  });

  it('adds grype as a second opinion on the same image, whose findings merge with trivy\'s', () => {
    const plan = planImageScan({ workspace: WS, image: 'ghcr.io/acme/web@sha256:' + 'a'.repeat(64), imageSource: 'registry', grype: { enabled: true } });
    expect(plan.invocations.map((i) => [i.engine, i.options.image, i.required])).toEqual([
      ['trivy', 'registry:ghcr.io/acme/web@sha256:' + 'a'.repeat(64), true],
      ['grype', 'registry:ghcr.io/acme/web@sha256:' + 'a'.repeat(64), true],
    ]);
    expect(plan.notes).toContain('trivy and grype findings are merged: one finding per vulnerability per package');
    expect(plan.notes).toContain('grype: manages its own vulnerability database (a failed download makes the scan incomplete)');
  });

  it('scans a docker save tarball, filed under the name given for it', () => {
    const plan = planImageScan({ workspace: WS, archive: './build/web.tar', imageName: 'shop/web:1.4.2' });
    expect(plan.invocations[0]!.options.image).toBe('docker-archive:build/web.tar');
    expect(plan.image).toMatchObject({ label: 'shop/web:1.4.2', parseImageRef: 'shop/web:1.4.2', sarifCategory: 'image-scan/shop/web' });
    const unnamed = planImageScan({ workspace: WS, archive: 'build/web.tar' });
    expect(unnamed.image).toEqual({ source: { kind: 'archive', path: 'build/web.tar' }, label: 'build/web.tar', sarifCategory: 'image-scan/build/web.tar' });
  });

  it('keeps one SARIF category per image whatever the tag or digest', () => {
    expect(sarifCategoryForImage('shop/web:1.4.2')).toBe(sarifCategoryForImage('shop/web@sha256:' + 'b'.repeat(64)));
    expect(sarifCategoryForImage('localhost:5000/shop/web:dev')).toBe('image-scan/localhost:5000/shop/web'.replace(/:/g, '-'));
  });

  it.each([
    [{}, /no image given/],
    [{ image: 'shop/web:1', archive: 'web.tar' }, /not both/],
    [{ image: '--help' }, /not an image reference/],
    [{ archive: '../outside.tar' }, /outside the workspace/],
    [{ image: 'shop/web:1', trivy: { enabled: false } }, /nothing would scan the image/],
  ])('refuses %j', (extra, message) => {
    expect(() => planImageScan({ workspace: WS, ...extra })).toThrow(ConfigurationError);
    expect(() => planImageScan({ workspace: WS, ...extra })).toThrow(message);
  });
});
