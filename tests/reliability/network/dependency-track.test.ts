import { afterEach, describe, expect } from 'vitest';
import { silentLogger } from '../../../packages/findings/src/index';
import { startLoopbackHttpServer, type ScriptedStep } from '../../../packages/notify/src/test-support/index';
import { uploadBomToDependencyTrack, type UploadOutcome } from '../../../packages/sbom-publish/src/index';
import { networkCases, type NetworkFault } from '../catalog/network';
import { caseById, caseTest } from '../support/case-test';

const cases = networkCases();
const closers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c.close()));
});

const MAX_ATTEMPTS = 3;
const BOM = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: [] });

async function upload(script: ScriptedStep[]): Promise<{ outcome: UploadOutcome; requests: number; waits: number[] }> {
  const server = await startLoopbackHttpServer(script);
  closers.push(server);
  const waits: number[] = [];
  const outcome = await uploadBomToDependencyTrack(
    { url: server.url, apiKey: 'odt_reliabilityTestKey0123456789', projectName: 'shop', projectVersion: '1.0.0', bom: BOM },
    {
      logger: silentLogger,
      allowInsecureLoopback: true,
      env: {},
      policy: { maxAttempts: MAX_ATTEMPTS, initialDelayMs: 1, maxDelayMs: 5, attemptTimeoutMs: 800, maxRetryAfterMs: 60_000 },
      sleep: async (ms) => {
        waits.push(ms);
      },
      random: () => 0,
    },
  );
  return { outcome, requests: server.requests.length, waits };
}

describe('Dependency-Track under network faults', () => {
  caseTest(caseById(cases, 'network/dependency-track/rate-limited'), async () => {
    const { outcome, requests, waits } = await upload([
      { respond: 429, headers: { 'retry-after': '7' }, body: 'slow down' },
      { respond: 200, headers: { 'content-type': 'application/json' }, body: '{"token":"3c6b2d1e-0000-4000-8000-000000000000"}' },
    ]);
    expect(outcome).toMatchObject({ status: 'uploaded', attempts: 2 });
    expect(requests).toBe(2);
    expect(waits[0]).toBeGreaterThanOrEqual(7_000);
  });

  const persistent: [NetworkFault, ScriptedStep][] = [
    ['server-error', { respond: 500, body: 'boom' }],
    ['connection-reset', { reset: true }],
    ['timeout', { hang: true }],
    ['slow-body', { slowBody: 200, firstChunk: '{"tok' }],
  ];
  for (const [fault, step] of persistent) {
    caseTest(caseById(cases, `network/dependency-track/${fault}`), async () => {
      const { outcome, requests } = await upload([step]);
      expect(outcome.status).toBe('failed');
      expect(outcome.attempts).toBe(MAX_ATTEMPTS);
      expect(requests).toBe(MAX_ATTEMPTS);
      if (outcome.status === 'failed') {
        expect(outcome.reason.length).toBeGreaterThan(0);
        expect(outcome.reason).not.toContain('odt_reliabilityTestKey');
      }
    });
  }
});
