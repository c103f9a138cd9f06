import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryLogger } from '@gatehouse/findings';
import { CODE_SCANNING_DISABLED, FakeGitHub, type FakeArtifactService } from '@gatehouse/testing-harness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunArtifacts } from '../artifacts/run-artifacts';
import { startArtifactEnvironment } from '../test-support/artifact-environment';
import { testClient } from '../test-support/test-client';
import { uploadSarif, type SarifUploadRequest } from './upload-sarif';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

let fake: FakeGitHub;
let artifacts: FakeArtifactService;
let restoreArtifacts: () => Promise<void>;
let logger: MemoryLogger;
const MERGE_SHA = 'a'.repeat(40);
const SARIF_ARTIFACT = 'gatehouse-sarif-policy-gate-security';

beforeEach(async () => {
  fake = await FakeGitHub.start();
  ({ service: artifacts, restore: restoreArtifacts } = await startArtifactEnvironment());
  logger = new MemoryLogger();
});
afterEach(async () => {
  await fake.close();
  await restoreArtifacts();
});

function request(sarif: unknown, overrides: Partial<SarifUploadRequest> = {}): SarifUploadRequest {
  return {
    sarif,
    commitSha: MERGE_SHA,
    ref: 'refs/pull/42/merge',
    workspace: '/home/runner/work/octo-repo/octo-repo',
    keep: { store: new RunArtifacts({ logger, tempDirectory: mkdtempSync(join(tmpdir(), 'gatehouse-sarif-')) }), name: SARIF_ARTIFACT },
    wait: { delaysMs: [1] },
    ...overrides,
  };
}

async function keptSarif(): Promise<unknown> {
  const files = await new RunArtifacts({ logger }).download(SARIF_ARTIFACT);
  return JSON.parse(files.get('results.sarif')!.toString());
}

describe('uploadSarif', () => {
  it('uploads each engine’s run as its own category and waits until both are processed', async () => {
    const sarif = fixture('two-engines.sarif.json');
    const outcome = await uploadSarif(testClient(fake, { logger }), request(sarif));

    expect(outcome).toMatchObject({
      status: 'uploaded',
      categories: [
        { tool: 'semgrep', category: 'gatehouse/sast/semgrep/', results: 1, status: 'complete' },
        { tool: 'gitleaks', category: 'gatehouse/secrets-scan/gitleaks/', results: 0, status: 'complete' },
      ],
    });
    const uploads = fake.state.sarifUploads;
    expect(uploads.map((u) => [u.commitSha, u.ref, u.toolName, u.checkoutUri])).toEqual([
      [MERGE_SHA, 'refs/pull/42/merge', 'semgrep', 'file:///home/runner/work/octo-repo/octo-repo'],
      [MERGE_SHA, 'refs/pull/42/merge', 'gitleaks', 'file:///home/runner/work/octo-repo/octo-repo'],
    ]);
    // One run per upload, exactly as the writer made it.
    expect(uploads.map((u) => (u.sarif as { runs: unknown[] }).runs)).toEqual((sarif as { runs: unknown[] }).runs.map((run) => [run]));
    expect(uploads.every((u) => u.polls === 2)).toBe(true);
    expect(artifacts.artifacts).toEqual([]);
  });

  it('reports a processing failure with GitHub’s errors, and keeps the SARIF', async () => {
    fake.state.sarifOutcome = 'failed';
    const outcome = await uploadSarif(testClient(fake, { logger }), request(fixture('two-engines.sarif.json')));
    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'failed') return;
    expect(outcome.categories.map((c) => [c.tool, c.status, c.errors])).toEqual([
      ['semgrep', 'failed', ['the fake was told to fail this upload']],
      ['gitleaks', 'failed', ['the fake was told to fail this upload']],
    ]);
    expect(outcome.message).toContain('semgrep (category gatehouse/sast/semgrep/): the fake was told to fail this upload');
    expect(outcome.artifact).toMatchObject({ status: 'uploaded', name: SARIF_ARTIFACT });
    expect(logger.text()).toContain('code scanning could not process the SARIF for semgrep');
  });

  it('keeps the SARIF as an artifact when a fork’s read-only token is refused, after one attempt', async () => {
    const sarif = fixture('two-engines.sarif.json');
    const outcome = await uploadSarif(testClient(fake, { token: fake.readOnlyToken, logger }), request(sarif, { fork: true }));
    expect(outcome).toMatchObject({
      status: 'kept-as-artifact',
      reason: 'fork',
      artifact: { status: 'uploaded', name: SARIF_ARTIFACT },
      categories: [
        { tool: 'semgrep', status: 'not-uploaded', errors: ['Resource not accessible by integration'] },
        { tool: 'gitleaks', status: 'not-uploaded' },
      ],
    });
    expect(fake.requestsTo('code-scanning/upload-sarif')).toHaveLength(1);
    expect(await keptSarif()).toEqual(sarif);
  });

  it('says "read-only token" when the refused run is not a fork', async () => {
    const outcome = await uploadSarif(testClient(fake, { token: fake.tokens.create({ contents: 'read' }) }), request(fixture('two-engines.sarif.json')));
    expect(outcome).toMatchObject({ status: 'kept-as-artifact', reason: 'read-only-token' });
    expect(outcome.status === 'kept-as-artifact' && outcome.message).toContain('needs security-events: write');
  });

  it('keeps the SARIF as an artifact when the repository has no code scanning', async () => {
    fake.state.codeScanningEnabled = false;
    const outcome = await uploadSarif(testClient(fake, { logger }), request(fixture('two-engines.sarif.json')));
    expect(outcome).toMatchObject({ status: 'kept-as-artifact', reason: 'not-enabled' });
    expect(outcome.status === 'kept-as-artifact' && outcome.message).toContain(CODE_SCANNING_DISABLED);
    expect(logger.text()).toContain(`kept as artifact ${SARIF_ARTIFACT}`);
  });

  it('refuses a run over 10 MB gzipped without sending it, and keeps the SARIF', async () => {
    const noise = randomBytes(10 * 1024 * 1024).toString('base64');
    const sarif = { version: '2.1.0', runs: [{ tool: { driver: { name: 'semgrep' } }, automationDetails: { id: 'big/' }, results: [{ message: { text: noise } }] }] };
    const outcome = await uploadSarif(testClient(fake), request(sarif));
    expect(outcome).toMatchObject({ status: 'kept-as-artifact', reason: 'too-large', categories: [{ status: 'not-uploaded' }] });
    expect(fake.requestsTo('code-scanning/upload-sarif')).toEqual([]);
  });

  it('refuses a run with more than 25,000 results without sending it', async () => {
    const results = Array.from({ length: 25_001 }, () => ({ message: { text: 'x' } }));
    const sarif = { version: '2.1.0', runs: [{ tool: { driver: { name: 'trivy' } }, results }, { tool: { driver: { name: 'grype' } }, results: [] }] };
    const outcome = await uploadSarif(testClient(fake), request(sarif));
    expect(outcome.status).toBe('failed');
    expect(outcome.categories.map((c) => [c.tool, c.status])).toEqual([
      ['trivy', 'not-uploaded'],
      ['grype', 'complete'],
    ]);
    expect(fake.state.sarifUploads.map((u) => u.toolName)).toEqual(['grype']);
  });

  it('uploads one of two runs that share tool and category, and reports the other', async () => {
    const outcome = await uploadSarif(testClient(fake), request(fixture('duplicate-category.sarif.json')));
    expect(outcome.status).toBe('failed');
    // Reported in the order of the runs in the log: the first of the two trivy runs is the one uploaded.
    expect(outcome.categories.map((c) => [c.tool, c.status])).toEqual([
      ['trivy', 'complete'],
      ['trivy', 'not-uploaded'],
      ['grype', 'complete'],
    ]);
    expect(outcome.categories[1]!.errors[0]).toContain('give each run its own automationDetails.id');
    expect(fake.state.sarifUploads).toHaveLength(2);
  });

  it('keeps polling through a 404 right after the upload (not visible yet)', async () => {
    fake.injectFault('GET /repos/{owner}/{repo}/code-scanning/sarifs/{sarif_id}', { status: 404, message: 'Not Found' });
    const outcome = await uploadSarif(testClient(fake), request(fixture('two-engines.sarif.json')));
    expect(outcome).toMatchObject({ status: 'uploaded', categories: [{ status: 'complete' }, { status: 'complete' }] });
    expect(fake.requestsTo('code-scanning/get-sarif').map((r) => r.status)).toEqual([404, 200, 200, 200, 200]);
  });

  it('stops waiting at the deadline and reports the upload as pending, not failed', async () => {
    fake.state.sarifPendingPolls = 1_000_000;
    const outcome = await uploadSarif(testClient(fake, { logger }), request(fixture('two-engines.sarif.json'), { wait: { timeoutMs: 40, delaysMs: [10] } }));
    expect(outcome).toMatchObject({ status: 'uploaded', categories: [{ status: 'pending' }, { status: 'pending' }] });
    expect(logger.text()).toContain('still processing when Gatehouse stopped waiting');
  });

  it('does not upload what is not SARIF 2.1.0, and keeps it for inspection', async () => {
    const outcome = await uploadSarif(testClient(fake), request({ version: '2.0.0', runs: [] }));
    expect(outcome).toMatchObject({ status: 'failed', message: expect.stringContaining('not a SARIF 2.1.0 log: version') });
    expect(fake.requests).toEqual([]);
  });

  it('refuses a target code scanning would not take, before any request', async () => {
    await expect(uploadSarif(testClient(fake), request(fixture('two-engines.sarif.json'), { ref: 'main' }))).rejects.toThrow(/is not refs\/heads/);
    await expect(uploadSarif(testClient(fake), request(fixture('two-engines.sarif.json'), { commitSha: 'HEAD' }))).rejects.toThrow(/is not a commit SHA/);
    expect(fake.requests).toEqual([]);
  });
});
