import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultArtifactClient } from '@actions/artifact';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeArtifactService } from './fake-artifact-service';
import { crc32 } from './zip-archive';

let service: FakeArtifactService;
let workspace: string;
const saved = { ...process.env };

beforeAll(() => {
  // @actions/artifact logs through @actions/core to stdout; keep the test output readable.
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterAll(() => vi.restoreAllMocks());

beforeEach(async () => {
  service = await FakeArtifactService.start();
  workspace = mkdtempSync(join(tmpdir(), 'gatehouse-artifacts-'));
  process.env.ACTIONS_RUNTIME_TOKEN = service.runtimeToken;
  process.env.ACTIONS_RESULTS_URL = service.resultsUrl;
  process.env.GITHUB_WORKSPACE = workspace;
  process.env.GITHUB_SERVER_URL = 'https://github.com';
});
afterEach(async () => {
  process.env = { ...saved };
  await service.close();
});

describe('fake artifact service with the real @actions/artifact client', () => {
  it('uploads, lists and downloads an artifact', async () => {
    mkdirSync(join(workspace, 'out'));
    writeFileSync(join(workspace, 'out', 'findings.json'), '{"findings":[]}');
    writeFileSync(join(workspace, 'out', 'results.sarif'), '{"version":"2.1.0","runs":[]}');
    const client = new DefaultArtifactClient();

    const uploaded = await client.uploadArtifact(
      'gatehouse-findings-sast-build',
      [join(workspace, 'out', 'findings.json'), join(workspace, 'out', 'results.sarif')],
      join(workspace, 'out'),
    );
    expect(uploaded.id).toBe(service.artifacts[0]!.id);
    expect(uploaded.digest).toMatch(/^[0-9a-f]{64}$/);

    const { artifacts } = await client.listArtifacts();
    expect(artifacts.map((a) => [a.name, a.id, a.size])).toEqual([['gatehouse-findings-sast-build', uploaded.id, uploaded.size]]);

    const target = join(workspace, 'downloaded');
    const downloaded = await client.downloadArtifact(uploaded.id!, { path: target, expectedHash: `sha256:${uploaded.digest}` });
    expect(downloaded.digestMismatch).toBe(false);
    expect(readFileSync(join(target, 'findings.json'), 'utf8')).toBe('{"findings":[]}');
    expect(readFileSync(join(target, 'results.sarif'), 'utf8')).toBe('{"version":"2.1.0","runs":[]}');
    service.assertNoViolations();
  });

  it('finds and downloads an artifact another job of the run uploaded', async () => {
    service.seedArtifact('gatehouse-findings-deps-audit-node', { 'findings.json': '{"from":"another job"}', 'nested/a.txt': 'é' });
    const client = new DefaultArtifactClient();
    const { artifact } = await client.getArtifact('gatehouse-findings-deps-audit-node');
    const target = join(workspace, 'other');
    await client.downloadArtifact(artifact.id, { path: target });
    expect(readFileSync(join(target, 'findings.json'), 'utf8')).toBe('{"from":"another job"}');
    expect(readFileSync(join(target, 'nested', 'a.txt'), 'utf8')).toBe('é');
    service.assertNoViolations();
  });

  it('refuses a second artifact with the same name in the run, as the real service does', async () => {
    service.seedArtifact('gatehouse-findings-sast', { 'a.txt': 'x' });
    writeFileSync(join(workspace, 'b.txt'), 'y');
    const client = new DefaultArtifactClient();
    await expect(client.uploadArtifact('gatehouse-findings-sast', [join(workspace, 'b.txt')], workspace)).rejects.toThrow(/already exists/);
  });

  it('records a Twirp call with a field the service does not know, or without the runtime token', async () => {
    const call = (token: string | undefined, body: unknown) =>
      fetch(`${service.resultsUrl}twirp/github.actions.results.api.v1.ArtifactService/ListArtifacts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    const ids = { workflow_run_backend_id: service.runBackendId, workflow_job_run_backend_id: service.jobBackendId };
    expect((await call(service.runtimeToken, { ...ids, nameFilter: 'camelCase is not the wire format' })).status).toBe(400);
    expect((await call(undefined, ids)).status).toBe(401);
    expect((await call(service.runtimeToken, ids)).status).toBe(200);
    expect(service.takeViolations().map((v) => v.problems[0]!.split(':')[0])).toEqual(['invalid_argument', 'unauthenticated']);
  });
});

describe('zip writer', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789')).toString(16)).toBe('cbf43926');
  });
});
