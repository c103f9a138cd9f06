import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadVersions } from '@gatehouse/toolchain';
import type { RunOptions } from '../adapter';
import { trivyAdapter } from '../trivy';
import { runStubbedEngine, writeStubEngine, type StubBehaviour, type StubCall, type StubbedEngine, type StubOutcome } from '../test-support/stub-engine-sequence';
import { refreshTrivyDatabase } from './database';
import { describeTrivyFailure } from './failure';

/**
 * trivy does not run on this machine. The trivy adapter's `command()` builds `trivy image` from
 * `trivyImageCommand` for mode "image"; here it runs against a stub executable that asserts the
 * argv per input kind, and the adapter's own parser reads the recorded report, so the database
 * handling and every failure mode are exercised end to end.
 */
const REPORT = readFileSync(fileURLToPath(new URL('./__fixtures__/image-debian-eosl-two-vulns.json', import.meta.url)), 'utf8');

const trivyImageEngine: StubbedEngine = {
  id: 'trivy',
  prepare: trivyAdapter.prepare!,
  command: trivyAdapter.command!,
  exitCodes: trivyAdapter.exitCodes!,
  reportOn: 'file',
  parse: trivyAdapter.parse,
};

function setup(image: string, cacheDir: string | undefined, tail: readonly string[], db: readonly string[]) {
  const workDir = mkdtempSync(join(tmpdir(), 'gh-trivy-run-'));
  const reportPath = join(workDir, 'report.json');
  const argv = [
    'image', '--format', 'json', '--output', reportPath, '--scanners', 'vuln', '--no-progress', '--skip-version-check', '--disable-telemetry',
    ...db,
    '--config', join(workDir, 'trivy-config.yaml'), '--ignorefile', join(workDir, 'trivy-ignore'),
    ...tail,
  ];
  const opts: RunOptions = { executable: '', workspace: workDir, targets: [], reportPath, mode: 'image', image, workDir, ...(cacheDir ? { cacheDir } : {}) };
  return { argv, opts };
}

const MANAGED = (dir: string) => ['--cache-dir', dir, '--skip-db-update', '--skip-java-db-update'];
const UNMANAGED = ['--db-repository', 'mirror.gcr.io/aquasec/trivy-db:2,ghcr.io/aquasecurity/trivy-db:2', '--java-db-repository', 'mirror.gcr.io/aquasec/trivy-java-db:1,ghcr.io/aquasecurity/trivy-java-db:1'];

async function scan(image: string, tail: readonly string[], behaviour: StubBehaviour, limits: { timeoutMs?: number; outputCapBytes?: number } = {}, managed = true): Promise<StubOutcome> {
  const cacheDir = managed ? '/cache/trivy' : undefined;
  const { argv, opts } = setup(image, cacheDir, tail, managed ? MANAGED('/cache/trivy') : UNMANAGED);
  const stub = writeStubEngine('trivy', [{ argv, outputFlag: '--output', env: { GITHUB_TOKEN: null }, behaviour }]);
  return runStubbedEngine(trivyImageEngine, { ...opts, executable: stub.path }, { timeoutMs: limits.timeoutMs ?? 10_000, killGraceMs: 200, outputCapBytes: limits.outputCapBytes ?? 1024 * 1024 });
}

describe('trivy image through a stub executable', () => {
  it.each([
    ['an image in the local daemon', 'docker:shop/web:1.4.2', ['--image-src', 'docker', 'shop/web:1.4.2']],
    ['an image in a registry', 'registry:ghcr.io/acme/web:1.4.2', ['--image-src', 'remote', 'ghcr.io/acme/web:1.4.2']],
    ['a docker save tarball', 'docker-archive:build/web.tar', ['--input', 'build/web.tar']],
  ])('scans %s with the argv trivy expects, and reads the report', async (_what, image, tail) => {
    const outcome = await scan(image, tail, { kind: 'report', report: REPORT });
    // Two vulnerabilities and the end-of-life OS.
    expect(outcome).toMatchObject({ status: 'ran', result: { nativeCount: 3 } });
  });

  it('is incomplete when trivy cannot download its database itself', async () => {
    const stderr = '2026-11-22T08:00:01Z\tFATAL\tFatal error\tinit error: DB error: failed to download vulnerability DB: OCI artifact error: failed to download artifact from any source';
    const outcome = await scan('docker:shop/web:1.4.2', ['--image-src', 'docker', 'shop/web:1.4.2'], { kind: 'exit', exitCode: 1, stderr }, {}, false);
    expect(outcome).toEqual({ status: 'incomplete', reason: expect.stringMatching(/^trivy: .*exited with code 1; trivy failed .*failed to download vulnerability DB/) });
    expect(describeTrivyFailure(stderr).kind).toBe('database-download');
  });

  it('is incomplete, and never runs the scan, when the managed database could not be refreshed', async () => {
    const root = mkdtempSync(join(tmpdir(), 'gh-trivy-db-'));
    const fail = (repo: string): StubCall => ({
      argv: ['image', '--download-db-only', '--db-repository', repo, '--cache-dir', join(root, 'trivy'), '--no-progress', '--skip-version-check', '--disable-telemetry'],
      behaviour: { kind: 'exit', exitCode: 1, stderr: 'FATAL init error: DB error: failed to download vulnerability DB: connection refused' },
    });
    const repos = loadVersions().databases.trivy!.sources;
    const stub = writeStubEngine('trivy', repos.flatMap((r) => [fail(r), fail(r)]));
    const refresh = await refreshTrivyDatabase({ executable: stub.path, cacheRoot: root, env: {}, backoff: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    expect(refresh.status).toBe('incomplete');
    expect(stub.calls()).toHaveLength(4);
    expect(stub.calls().every((argv) => argv[1] === '--download-db-only')).toBe(true);
  });

  it.each([
    ['crashes', { kind: 'crash' } as const, /killed by signal SIGSEGV/],
    ['prints garbage', { kind: 'garbage' } as const, /unreadable report: .*invalid JSON/],
    ['writes half a report', { kind: 'truncated', report: REPORT } as const, /unreadable report: .*truncated/],
    ['exits with a code it never uses', { kind: 'exit', exitCode: 2, stderr: 'unknown flag: --skip-version-check' } as const, /exited with code 2; last stderr line: unknown flag/],
    ['cannot find the image', { kind: 'exit', exitCode: 1, stderr: 'FATAL run error: unable to find the specified image "shop/web:1.4.2" in ["docker"]' } as const, /exited with code 1.*unable to find the specified image/],
  ])('is incomplete when trivy %s', async (_what, behaviour, reason) => {
    const outcome = await scan('docker:shop/web:1.4.2', ['--image-src', 'docker', 'shop/web:1.4.2'], behaviour);
    expect(outcome.status).toBe('incomplete');
    expect(outcome.status === 'incomplete' && outcome.reason).toMatch(reason);
  });

  it('is incomplete when trivy hangs past the timeout', async () => {
    const outcome = await scan('docker:shop/web:1.4.2', ['--image-src', 'docker', 'shop/web:1.4.2'], { kind: 'hang' }, { timeoutMs: 1_000 });
    expect(outcome).toEqual({ status: 'incomplete', reason: expect.stringMatching(/^trivy: .*timed out/) });
  });

  it('is incomplete when trivy floods its output', async () => {
    const outcome = await scan('docker:shop/web:1.4.2', ['--image-src', 'docker', 'shop/web:1.4.2'], { kind: 'flood', bytes: 4 * 1024 * 1024 });
    expect(outcome).toEqual({ status: 'incomplete', reason: expect.stringMatching(/output exceeded the cap/) });
  });
});
