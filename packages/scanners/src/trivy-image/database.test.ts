import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadVersions, markFresh } from '@gatehouse/toolchain';
import { writeStubEngine, type StubCall } from '../test-support/stub-engine-sequence';
import { refreshTrivyDatabase } from './database';

const NOW = new Date('2026-11-22T08:00:00Z');
const GCR = 'mirror.gcr.io/aquasec/trivy-db:2';
const GHCR = 'ghcr.io/aquasecurity/trivy-db:2';
const CORP = 'registry.corp.example/mirror/trivy-db:2';
const FATAL = '2026-11-22T08:00:01Z\tFATAL\tFatal error\tinit error: DB error: failed to download vulnerability DB: OCI repository error: TOOMANYREQUESTS';
let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'gh-trivy-db-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const common = () => ['--cache-dir', join(root, 'trivy'), '--no-progress', '--skip-version-check', '--disable-telemetry'];
const vulnDb = (repo: string, ok: boolean): StubCall => ({
  argv: ['image', '--download-db-only', '--db-repository', repo, ...common()],
  env: { GITHUB_TOKEN: null },
  behaviour: ok ? { kind: 'exit', exitCode: 0, stderr: 'INFO [vulndb] Artifact successfully downloaded' } : { kind: 'exit', exitCode: 1, stderr: FATAL },
});
const javaDb = (repo: string): StubCall => ({
  argv: ['image', '--download-java-db-only', '--java-db-repository', repo.replace('trivy-db:2', 'trivy-java-db:1'), ...common()],
  behaviour: { kind: 'exit', exitCode: 0, stderr: '' },
});
const options = (executable: string, env: Record<string, string> = {}) => ({ executable, versions: loadVersions(), cacheRoot: root, env, now: () => NOW, backoff: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });

describe('refreshTrivyDatabase', () => {
  it('leaves a database refreshed less than a day ago alone (the scan then runs with --skip-db-update)', async () => {
    await markFresh(join(root, 'trivy'), new Date(NOW.getTime() - 23 * 3_600_000));
    const stub = writeStubEngine('trivy', []);
    expect(await refreshTrivyDatabase(options(stub.path))).toEqual({ status: 'fresh' });
    expect(stub.calls()).toEqual([]);
  });

  it('downloads both databases from the first repository when the cache is stale', async () => {
    const stub = writeStubEngine('trivy', [vulnDb(GCR, true), javaDb(GCR)]);
    expect(await refreshTrivyDatabase(options(stub.path))).toEqual({ status: 'updated', source: GCR });
  });

  it('retries a failed download, then tries the next repository, then the documented mirror', async () => {
    const stub = writeStubEngine('trivy', [vulnDb(GCR, false), vulnDb(GCR, false), vulnDb(GHCR, false), vulnDb(GHCR, false), vulnDb(CORP, true), javaDb(CORP)]);
    expect(await refreshTrivyDatabase(options(stub.path, { GATEHOUSE_TRIVY_DB_REPOSITORY: CORP }))).toEqual({ status: 'updated', source: CORP });
    expect(stub.calls().map((argv) => argv[3])).toEqual([GCR, GCR, GHCR, GHCR, CORP, CORP.replace('trivy-db:2', 'trivy-java-db:1')]);
  });

  it('is incomplete, with trivy\'s own words, when every repository fails', async () => {
    const stub = writeStubEngine('trivy', [vulnDb(GCR, false), vulnDb(GCR, false), vulnDb(GHCR, false), vulnDb(GHCR, false)]);
    const result = await refreshTrivyDatabase(options(stub.path));
    expect(result).toEqual({
      status: 'incomplete',
      reason: expect.stringMatching(/^trivy vulnerability database could not be downloaded: mirror\.gcr\.io\/aquasec\/trivy-db:2 attempt 1: trivy --download-db-only exit code 1: trivy could not download its vulnerability database: .*TOOMANYREQUESTS.*set GATEHOUSE_TRIVY_DB_REPOSITORY/),
    });
  });

  it('is incomplete when trivy crashes while downloading', async () => {
    const crash = (repo: string): StubCall => ({ ...vulnDb(repo, true), behaviour: { kind: 'crash' } });
    const stub = writeStubEngine('trivy', [crash(GCR), crash(GCR), crash(GHCR), crash(GHCR)]);
    expect(await refreshTrivyDatabase(options(stub.path))).toMatchObject({ status: 'incomplete', reason: expect.stringContaining('killed by SIGSEGV') });
  });
});
