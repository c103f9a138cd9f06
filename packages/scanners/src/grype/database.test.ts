import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadVersions, markFresh } from '@gatehouse/toolchain';
import { writeStubEngine } from '../test-support/stub-engine-sequence';
import { readGrypeDatabaseStatus, refreshGrypeDatabase } from './database';

const NOW = new Date('2026-11-22T08:00:00Z');
const OFFICIAL = 'https://grype.anchore.io/databases';
const MIRROR = 'https://mirror.example.com/grype/databases';
let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'gh-grype-db-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const update = (source: string, fails: boolean) => ({
  argv: ['db', 'update'],
  env: { GRYPE_DB_UPDATE_URL: source, GRYPE_DB_CACHE_DIR: join(root, 'grype'), GRYPE_DB_REQUIRE_UPDATE_CHECK: 'true', GITHUB_TOKEN: null },
  behaviour: fails
    ? { kind: 'exit' as const, exitCode: 1, stderr: '[0000] ERROR unable to update vulnerability database: unable to download db: Get "https://grype.anchore.io/databases/v6/latest.json": dial tcp: lookup grype.anchore.io: no such host' }
    : { kind: 'exit' as const, exitCode: 0, stderr: '', stdout: 'Vulnerability database updated to latest version!\n' },
});
const status = (valid: boolean) => ({
  argv: ['db', 'status', '-o', 'json'],
  behaviour: { kind: 'exit' as const, exitCode: valid ? 0 : 1, stderr: '', stdout: JSON.stringify({ schemaVersion: 'v6.1.4', built: '2026-11-22T04:11:03Z', path: '/x', valid, error: valid ? null : 'checksum mismatch' }) },
});
const options = (executable: string, env: Record<string, string> = {}) => ({
  executable,
  versions: loadVersions(),
  cacheRoot: root,
  env,
  now: () => NOW,
  backoff: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
  timeoutMs: 10_000,
});

describe('refreshGrypeDatabase', () => {
  it('runs nothing while the cached database is less than a day old', async () => {
    await markFresh(join(root, 'grype'), new Date(NOW.getTime() - 3_600_000));
    const stub = writeStubEngine('grype', []);
    expect(await refreshGrypeDatabase(options(stub.path))).toEqual({ status: 'fresh' });
    expect(stub.calls()).toEqual([]);
  });

  it('updates a stale database and checks what was installed', async () => {
    const stub = writeStubEngine('grype', [update(OFFICIAL, false), status(true)]);
    expect(await refreshGrypeDatabase(options(stub.path))).toEqual({ status: 'updated', source: OFFICIAL });
  });

  it('retries a failed download, then tries the documented mirror', async () => {
    const stub = writeStubEngine('grype', [update(OFFICIAL, true), update(OFFICIAL, true), update(MIRROR, false), status(true)]);
    expect(await refreshGrypeDatabase(options(stub.path, { GATEHOUSE_GRYPE_DB_URL: MIRROR }))).toEqual({ status: 'updated', source: MIRROR });
    expect(stub.calls()).toHaveLength(4);
  });

  it('is incomplete, naming the cause, when no source can provide the database', async () => {
    const stub = writeStubEngine('grype', [update(OFFICIAL, true), update(OFFICIAL, true)]);
    const result = await refreshGrypeDatabase(options(stub.path));
    expect(result.status).toBe('incomplete');
    expect(result.status === 'incomplete' && result.reason).toMatch(/^grype vulnerability database could not be downloaded: .*attempt 1: grype db update exit code 1: .*unable to update vulnerability database.*set GATEHOUSE_GRYPE_DB_URL/);
  });

  it('does not count an installed but invalid database as an update', async () => {
    const stub = writeStubEngine('grype', [update(OFFICIAL, false), status(false), update(OFFICIAL, false), status(false)]);
    const result = await refreshGrypeDatabase(options(stub.path));
    expect(result).toMatchObject({ status: 'incomplete', reason: expect.stringContaining('grype db status: checksum mismatch') });
  });
});

describe('readGrypeDatabaseStatus', () => {
  it('reads a valid status, an error, and output that is not JSON', () => {
    expect(readGrypeDatabaseStatus('{"schemaVersion":"v6.1.4","built":"2026-11-22T04:11:03Z","valid":true,"error":null}')).toEqual({ valid: true, built: '2026-11-22T04:11:03Z' });
    expect(readGrypeDatabaseStatus('{"valid":false}')).toMatchObject({ valid: false });
    expect(readGrypeDatabaseStatus('Path: /x')).toEqual({ valid: false, reason: 'grype db status did not print JSON' });
  });
});
