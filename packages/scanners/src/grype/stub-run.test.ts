import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunOptions } from '../adapter';
import { runStubbedEngine, writeStubEngine, type StubBehaviour } from '../test-support/stub-engine-sequence';
import { grypeAdapter } from './index';

/**
 * grype does not run on this machine: a stub asserts the exact argv and environment of each input
 * kind and plays back a recorded report, or fails the ways grype fails. Every failure must end
 * `incomplete`, naming grype and the cause; never "no findings".
 */
const REPORT = readFileSync(fileURLToPath(new URL('./__fixtures__/image-eol-alias-group-wont-fix-ignored.json', import.meta.url)), 'utf8');
const engine = { ...grypeAdapter, id: 'grype', command: grypeAdapter.command!, exitCodes: grypeAdapter.exitCodes!, reportOn: 'file' as const };

function run(image: string, behaviour: StubBehaviour, input: string, extra: Partial<RunOptions> = {}, timeoutMs = 10_000, outputCapBytes = 1024 * 1024) {
  const workDir = mkdtempSync(join(tmpdir(), 'gh-grype-run-'));
  const reportPath = join(workDir, 'report.json');
  const argv = [input, '-o', 'json', '--file', reportPath, '-c', join(workDir, 'grype-config.yaml')];
  const stub = writeStubEngine('grype', [{ argv, env: { GRYPE_DB_AUTO_UPDATE: extra.cacheDir === undefined ? 'true' : 'false', GITHUB_TOKEN: null }, outputFlag: '--file', behaviour }]);
  const opts: RunOptions = { executable: stub.path, workspace: workDir, targets: [], reportPath, mode: 'image', image, workDir, ...extra };
  return runStubbedEngine(engine, opts, { timeoutMs, killGraceMs: 200, outputCapBytes }, { imageRef: 'shop/web:1.4.2' });
}

const report = { kind: 'report', report: REPORT } as const;

describe('grype through a stub executable', () => {
  it.each([
    ['a local daemon reference', 'docker:shop/web:1.4.2', 'docker:shop/web:1.4.2'],
    ['a registry reference', 'registry:ghcr.io/acme/web:1.4.2', 'registry:ghcr.io/acme/web:1.4.2'],
    ['a docker save tarball', 'docker-archive:build/web.tar', 'docker-archive:build/web.tar'],
  ])('scans %s with the argv grype expects', async (_what, image, input) => {
    const outcome = await run(image, report, input, { cacheDir: '/cache/grype' });
    expect(outcome).toMatchObject({ status: 'ran' });
  });

  it('reads the recorded report into findings', async () => {
    const outcome = await run('docker:shop/web:1.4.2', report, 'docker:shop/web:1.4.2', { cacheDir: '/cache/grype' });
    expect(outcome.result?.findings).toHaveLength(6);
    expect(outcome.result?.findings.every((f) => f.location.kind === 'image' && f.location.ref === 'shop/web:1.4.2')).toBe(true);
  });

  it('is incomplete when grype cannot download its database', async () => {
    const outcome = await run('docker:shop/web:1.4.2', { kind: 'exit', exitCode: 1, stderr: '[0000] ERROR failed to load vulnerability db: unable to update vulnerability database: unable to download db: 503 Service Unavailable' }, 'docker:shop/web:1.4.2');
    expect(outcome).toEqual({ status: 'incomplete', reason: expect.stringMatching(/^grype: .*exited with code 1; grype failed .*last stderr line: .*unable to update vulnerability database/) });
  });

  it.each([
    ['crashes', { kind: 'crash' } as const, /killed by signal SIGSEGV/],
    ['prints garbage', { kind: 'garbage' } as const, /unreadable report: .*invalid JSON/],
    ['writes half a report', { kind: 'truncated', report: REPORT } as const, /unreadable report: .*truncated/],
    ['exits with an unknown code', { kind: 'exit', exitCode: 3, stderr: 'panic: runtime error' } as const, /exited with code 3; last stderr line: panic: runtime error/],
    ['floods stdout', { kind: 'flood', bytes: 4 * 1024 * 1024 } as const, /output exceeded the cap/],
  ])('is incomplete when grype %s', async (_what, behaviour, reason) => {
    const outcome = await run('docker:shop/web:1.4.2', behaviour, 'docker:shop/web:1.4.2', { cacheDir: '/cache/grype' });
    expect(outcome.status).toBe('incomplete');
    expect(outcome.status === 'incomplete' && outcome.reason).toMatch(reason);
    expect(outcome.status === 'incomplete' && outcome.reason.startsWith('grype: ')).toBe(true);
  });

  it('is incomplete when grype hangs past the timeout', async () => {
    const outcome = await run('docker:shop/web:1.4.2', { kind: 'hang' }, 'docker:shop/web:1.4.2', { cacheDir: '/cache/grype' }, 1_000);
    expect(outcome).toEqual({ status: 'incomplete', reason: expect.stringMatching(/^grype: .*timed out/) });
  });

  it('fails the stub (and so the run) when the argv is not what grype must get', async () => {
    const outcome = await run('docker:shop/web:1.4.2', report, 'registry:shop/web:1.4.2', { cacheDir: '/cache/grype' });
    expect(outcome).toEqual({ status: 'incomplete', reason: expect.stringMatching(/exited with code 97.*stub: unexpected argv/) });
  });
});
