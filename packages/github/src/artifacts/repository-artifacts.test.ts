import { FakeGitHub, zipArchive } from '@gatehouse/testing-harness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFound, PermissionDenied } from '../client/github-api-error';
import { testClient } from '../test-support/test-client';
import { downloadArtifactZip, findLatestArtifact, listRepositoryArtifacts } from './repository-artifacts';
import { ArchiveRefused } from './unzip-in-memory';

let fake: FakeGitHub;
const LEDGER = 'gatehouse-ledger';
const day = (n: number) => new Date(Date.UTC(2025, 0, n));

beforeEach(async () => {
  fake = await FakeGitHub.start();
});
afterEach(async () => {
  // Fails the test if a token was sent to blob storage.
  await fake.close();
});

describe('findLatestArtifact', () => {
  it('finds the newest artifact of a default-branch run and downloads its files', async () => {
    fake.state.addRepositoryArtifact(LEDGER, { 'ledger.json': '{"v":1}' }, { createdAt: day(1) });
    const latest = fake.state.addRepositoryArtifact(LEDGER, { 'ledger.json': '{"v":2}' }, { createdAt: day(2) });
    fake.state.addRepositoryArtifact(LEDGER, { 'ledger.json': '{"v":"pr"}' }, { createdAt: day(3), branch: 'feature/x' });
    const client = testClient(fake);

    const found = await findLatestArtifact(client, LEDGER, { branch: 'main' });
    expect(found).toMatchObject({ id: latest.id, workflowRun: { headBranch: 'main' }, digest: latest.digest });
    const files = await downloadArtifactZip(client, found!.id, { expectedDigest: found!.digest });
    expect(files.get('ledger.json')!.toString()).toBe('{"v":2}');
  });

  it('never takes a fork’s run on a branch named like the default branch', async () => {
    const trusted = fake.state.addRepositoryArtifact(LEDGER, { 'ledger.json': 'trusted' }, { createdAt: day(1) });
    fake.state.addRepositoryArtifact(LEDGER, { 'ledger.json': 'forged' }, { createdAt: day(5), branch: 'main', headRepositoryId: 999 });
    expect((await findLatestArtifact(testClient(fake), LEDGER, { branch: 'main' }))?.id).toBe(trusted.id);
  });

  it('skips expired artifacts and returns nothing when none is left', async () => {
    fake.state.addRepositoryArtifact(LEDGER, { 'ledger.json': 'x' }, { expired: true });
    expect(await findLatestArtifact(testClient(fake), LEDGER, { branch: 'main' })).toBeUndefined();
  });

  it('looks through several pages, newest first, up to the limit', async () => {
    for (let i = 1; i <= 150; i += 1) fake.state.addRepositoryArtifact(LEDGER, { 'ledger.json': String(i) }, { createdAt: new Date(Date.UTC(2025, 0, 1, 0, i)), branch: i > 140 ? 'feature' : 'main' });
    const listed = await listRepositoryArtifacts(testClient(fake), LEDGER, { branch: 'main', limit: 3 });
    expect(listed.map((a) => a.createdAt.getUTCMinutes())).toEqual([140 % 60, 139 % 60, 138 % 60]);
  });

  it('throws PermissionDenied when the token may not read actions', async () => {
    const client = testClient(fake, { token: fake.tokens.create({ contents: 'read' }) });
    await expect(findLatestArtifact(client, LEDGER, { branch: 'main' })).rejects.toBeInstanceOf(PermissionDenied);
  });
});

describe('downloadArtifactZip', () => {
  it('throws NotFound for an expired artifact (410)', async () => {
    const expired = fake.state.addRepositoryArtifact(LEDGER, { 'ledger.json': 'x' }, { expired: true });
    await expect(downloadArtifactZip(testClient(fake), expired.id)).rejects.toBeInstanceOf(NotFound);
  });

  it('refuses a zip that does not match the recorded digest', async () => {
    const artifact = fake.state.addRepositoryArtifact(LEDGER, { 'ledger.json': 'x' });
    await expect(downloadArtifactZip(testClient(fake), artifact.id, { expectedDigest: `sha256:${'0'.repeat(64)}` })).rejects.toThrow(/does not match its recorded digest/);
  });

  it('refuses an artifact over the size cap and one whose entries climb out', async () => {
    const big = fake.state.addRepositoryArtifact(LEDGER, { 'ledger.json': 'x'.repeat(10_000) });
    await expect(downloadArtifactZip(testClient(fake), big.id, { maxZipBytes: 1_000 })).rejects.toThrow(/more than 1000/);
    const evil = fake.state.addRepositoryArtifact(LEDGER, {}, { zip: zipArchive({ '../../.github/workflows/x.yml': 'on: push' }) });
    await expect(downloadArtifactZip(testClient(fake), evil.id)).rejects.toBeInstanceOf(ArchiveRefused);
  });
});
