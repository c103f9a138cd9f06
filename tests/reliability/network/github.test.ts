import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect } from 'vitest';
import { silentLogger } from '../../../packages/findings/src/index';
import { createGitHubClient } from '../../../packages/github/src/index';
import { startLoopbackHttpServer, type ScriptedStep } from '../../../packages/notify/src/test-support/index';
import { networkCases, type NetworkFault } from '../catalog/network';
import { caseById, caseTest } from '../support/case-test';
import { runScanActionUnderTest } from '../support/scan-action-run';

const cases = networkCases();
const closers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c.close()));
});

const SARIF_ROUTE = 'POST /repos/{owner}/{repo}/code-scanning/sarifs';

function dockerWorkspace(): string {
  const workspace = mkdtempSync(join(tmpdir(), 'gatehouse-github-faults-'));
  writeFileSync(join(workspace, 'Dockerfile'), 'FROM python:latest\nRUN pip install flask\n');
  return workspace;
}

const planFor = (workspace: string) => ({
  invocations: [{ engine: 'container-hardening', label: 'Dockerfiles', options: { workspace, targets: [], mode: 'full' as const } }],
  notRun: [],
  notes: [],
});

describe('GitHub under network faults', () => {
  caseTest(caseById(cases, 'network/github/rate-limited'), async () => {
    const workspace = dockerWorkspace();
    const scan = await runScanActionUnderTest({
      workspace,
      plan: planFor(workspace),
      arrange: (github) => github.injectFault(SARIF_ROUTE, { status: 429, message: 'You have exceeded a secondary rate limit', retryAfter: 1 }, 1),
    });
    scan.github.assertNoViolations();
    expect(scan.github.state.sarifUploads).toHaveLength(1);
    expect(scan.github.requests.filter((r) => r.operationId === 'code-scanning/upload-sarif')).toHaveLength(2);
    expect(scan.result.sarif.status).toBe('uploaded');
  });

  caseTest(caseById(cases, 'network/github/server-error'), async () => {
    const workspace = dockerWorkspace();
    const scan = await runScanActionUnderTest({
      workspace,
      plan: planFor(workspace),
      arrange: (github) => github.injectFault(SARIF_ROUTE, { status: 500, message: 'Internal Server Error' }, 50),
    });
    scan.github.assertNoViolations();
    const attempts = scan.github.requests.filter((r) => r.operationId === 'code-scanning/upload-sarif').length;
    expect(attempts).toBeGreaterThan(1);
    expect(attempts).toBeLessThanOrEqual(4);
    expect(scan.result.sarif.status).not.toBe('uploaded');
    expect(scan.run.summary).toMatch(/SARIF/);
    expect(scan.run.summary).toMatch(/not (published|uploaded)|failed/i);
    expect([...scan.artifactFiles.keys()].some((k) => k.endsWith('/results.sarif'))).toBe(true);
    expect(scan.result.document.decision.verdict).toBe('block');
    expect(scan.run.outputs.verdict).toBe('block');
  });

  const socketFaults: [NetworkFault, ScriptedStep][] = [
    ['connection-reset', { reset: true }],
    ['timeout', { hang: true }],
    ['slow-body', { slowBody: 200, firstChunk: '{"id":' }],
  ];
  for (const [fault, step] of socketFaults) {
    caseTest(caseById(cases, `network/github/${fault}`), async () => {
      const server = await startLoopbackHttpServer([step]);
      closers.push(server);
      const client = createGitHubClient({
        token: 'ghs_reliabilityfaketoken',
        logger: silentLogger,
        repository: 'octo-org/octo-repo',
        apiUrl: server.url,
        env: {},
        retries: 2,
        retryBaseDelayMs: 5,
        requestTimeoutMs: 500,
        writeIntervalMs: 0,
      });
      await expect(client.octokit.request('GET /repos/{owner}/{repo}', { owner: 'octo-org', repo: 'octo-repo' })).rejects.toThrow();
      expect(server.requests.length).toBeGreaterThanOrEqual(1);
      expect(server.requests.length).toBeLessThanOrEqual(3);
    });
  }
});
