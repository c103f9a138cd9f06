import { MemoryLogger } from '@gatehouse/findings';
import { FakeGitHub } from '@gatehouse/testing-harness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testClient } from '../test-support/test-client';
import { submitDependencySnapshot, type DependencySnapshotBody } from './submit-dependency-snapshot';

const ROUTE = 'POST /repos/{owner}/{repo}/dependency-graph/snapshots';
const SNAPSHOT: DependencySnapshotBody = {
  version: 0,
  job: { id: '8123456789', correlator: 'security_sbom', html_url: 'https://github.com/octo-org/octo-repo/actions/runs/8123456789' },
  sha: 'ddc951f4b1293222421f2c8df679786153acf689',
  ref: 'refs/heads/main',
  detector: { name: 'gatehouse', version: '0.1.0', url: 'https://github.com/gatehouse-security/gatehouse' },
  scanned: '2026-11-22T08:00:00.000Z',
  manifests: {
    'web/package-lock.json': {
      name: 'web/package-lock.json',
      file: { source_location: 'web/package-lock.json' },
      resolved: {
        'pkg:npm/axios@0.21.0': { package_url: 'pkg:npm/axios@0.21.0', relationship: 'direct', scope: 'runtime', dependencies: ['pkg:npm/follow-redirects@1.13.0'] },
        'pkg:npm/follow-redirects@1.13.0': { package_url: 'pkg:npm/follow-redirects@1.13.0', relationship: 'indirect', scope: 'runtime' },
      },
    },
  },
};

let fake: FakeGitHub;
beforeEach(async () => {
  fake = await FakeGitHub.start();
});
afterEach(async () => {
  await fake.close();
});

describe('submitDependencySnapshot', () => {
  it('posts the snapshot, which the fake checks against GitHub\'s OpenAPI description', async () => {
    fake.reply(ROUTE, { status: 201, body: { id: 42, created_at: '2026-11-22T08:00:01Z', result: 'SUCCESS', message: 'Dependency results for the repo have been successfully updated.' } });
    const logger = new MemoryLogger();
    const outcome = await submitDependencySnapshot(testClient(fake, { logger }), SNAPSHOT);
    expect(outcome).toEqual({ status: 'submitted', id: 42, result: 'SUCCESS', message: 'Dependency results for the repo have been successfully updated.', createdAt: '2026-11-22T08:00:01Z' });
    const [request] = fake.requestsTo('dependency-graph/create-repository-snapshot');
    expect(request!.body).toEqual(SNAPSHOT);
    expect(request!.path).toBe('/repos/octo-org/octo-repo/dependency-graph/snapshots');
  });

  it('reports GitHub\'s INVALID answer as a rejection', async () => {
    fake.reply(ROUTE, { status: 201, body: { id: 43, created_at: '2026-11-22T08:00:01Z', result: 'INVALID', message: 'manifests: package_url is not a valid purl' } });
    expect(await submitDependencySnapshot(testClient(fake), SNAPSHOT)).toEqual({ status: 'rejected', id: 43, message: 'manifests: package_url is not a valid purl' });
  });

  it('is skipped, not failed, for a token that may not write', async () => {
    fake.on(ROUTE, (request, f) => f.errorResponse(request, 403, 'Resource not accessible by integration'));
    const outcome = await submitDependencySnapshot(testClient(fake, { token: fake.readOnlyToken }), SNAPSHOT);
    expect(outcome).toMatchObject({ status: 'skipped', reason: 'read-only-token' });
  });

  it('is a violation of GitHub\'s schema to send a snapshot without a sha', async () => {
    fake.reply(ROUTE, { status: 201, body: { id: 44, created_at: '2026-11-22T08:00:01Z', result: 'SUCCESS', message: 'ok' } });
    const { sha: _sha, ...withoutSha } = SNAPSHOT;
    const outcome = await submitDependencySnapshot(testClient(fake), withoutSha as DependencySnapshotBody);
    expect(outcome.status).toBe('failed');
    expect(fake.takeViolations().map((v) => v.kind)).toEqual(['invalid-request']);
  });
});
