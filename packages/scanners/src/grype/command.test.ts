import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { interpretExit } from '@gatehouse/toolchain';
import type { RunOptions } from '../adapter';
import { grypeConfigFile } from './command';
import { grypeAdapter } from './index';

const options = (extra: Partial<RunOptions> = {}): RunOptions => ({
  executable: '/opt/grype',
  workspace: '/ws',
  targets: [],
  reportPath: '/run/grype.json',
  mode: 'image',
  image: 'docker:shop/web:1.4.2',
  workDir: '/run/work',
  cacheDir: '/cache/grype',
  ...extra,
});

describe('the grype command', () => {
  it('scans an image in the local daemon with a JSON report file and an empty configuration', () => {
    expect(grypeAdapter.command!(options())).toEqual({
      executable: '/opt/grype',
      args: ['docker:shop/web:1.4.2', '-o', 'json', '--file', '/run/grype.json', '-c', '/run/work/grype-config.yaml'],
      env: { GRYPE_CHECK_FOR_APP_UPDATE: 'false', GRYPE_DB_VALIDATE_AGE: 'true', GRYPE_DB_CACHE_DIR: '/cache/grype', GRYPE_DB_AUTO_UPDATE: 'false' },
      cwd: '/ws',
      reportPath: '/run/grype.json',
    });
  });

  it.each([
    ['registry:ghcr.io/acme/web@sha256:' + 'a'.repeat(64), 'registry:ghcr.io/acme/web@sha256:' + 'a'.repeat(64)],
    ['docker-archive:build/web.tar', 'docker-archive:build/web.tar'],
  ])('reads %s as grype input %s', (image, input) => {
    expect(grypeAdapter.command!(options({ image })).args[0]).toBe(input);
  });

  it('scans an SBOM file or a directory', () => {
    expect(grypeAdapter.command!(options({ mode: 'sbom', image: undefined, targets: ['.gatehouse/sbom.cdx.json'] })).args[0]).toBe('sbom:.gatehouse/sbom.cdx.json');
    expect(grypeAdapter.command!(options({ mode: 'full', image: undefined, targets: [] })).args[0]).toBe('dir:.');
  });

  it('refuses inputs that would be read as flags or as another source', () => {
    expect(() => grypeAdapter.command!(options({ image: 'docker:--help' }))).toThrow(/not an image reference/);
    expect(() => grypeAdapter.command!(options({ image: 'dir:/etc' }))).toThrow(/names no source/);
    expect(() => grypeAdapter.command!(options({ image: 'docker-archive:../elsewhere.tar' }))).toThrow(/outside the workspace/);
    expect(() => grypeAdapter.command!(options({ mode: 'sbom', targets: ['-q'] }))).toThrow(/read as a flag/);
  });

  it('lets grype manage its own database only when none is managed for it, and then requires the update check', () => {
    expect(grypeAdapter.command!(options({ cacheDir: undefined })).env).toEqual({
      GRYPE_CHECK_FOR_APP_UPDATE: 'false',
      GRYPE_DB_VALIDATE_AGE: 'true',
      GRYPE_DB_AUTO_UPDATE: 'true',
      GRYPE_DB_REQUIRE_UPDATE_CHECK: 'true',
    });
  });

  it('writes the empty configuration in prepare', async () => {
    const workDir = mkdtempSync(join(tmpdir(), 'gh-grype-'));
    await grypeAdapter.prepare!(options({ workDir }));
    expect(readFileSync(grypeConfigFile(workDir), 'utf8')).toBe('{}\n');
  });

  it('reads exit 0 as a scan, 1 as a failure', () => {
    const result = (exitCode: number) => ({ command: ['grype'], exitCode, signal: null, stdout: Buffer.alloc(0), stderr: '1 error occurred:\n\t* failed to load vulnerability db\n', durationMs: 1 });
    expect(interpretExit(result(0), grypeAdapter.exitCodes!)).toBe('clean');
    expect(() => interpretExit(result(1), grypeAdapter.exitCodes!)).toThrow(/exited with code 1; grype failed .* last stderr line: \* failed to load vulnerability db/);
  });
});
