import { describe, expect, it } from 'vitest';
import { interpretExit, loadVersions } from '@gatehouse/toolchain';
import type { RunOptions } from '../adapter';
import { TRIVY_IMAGE_EXIT_CODES, trivyImageCommand } from './image-command';
import { javaDbRepositoryFor, TRIVY_DB_REPOSITORIES } from './repositories';

const files = { ignoreFile: '/run/work/trivy-ignore', configFile: '/run/work/trivy-config.yaml' };
const options = (extra: Partial<RunOptions> = {}): RunOptions => ({
  executable: '/opt/trivy',
  workspace: '/ws',
  targets: [],
  reportPath: '/run/trivy.json',
  mode: 'image',
  image: 'docker:shop/web:1.4.2',
  cacheDir: '/cache/trivy',
  ...extra,
});
const COMMON = ['image', '--format', 'json', '--output', '/run/trivy.json', '--scanners', 'vuln', '--no-progress', '--skip-version-check', '--disable-telemetry'];
const FILES = ['--config', '/run/work/trivy-config.yaml', '--ignorefile', '/run/work/trivy-ignore'];

describe('trivy image argv', () => {
  it('scans an image of the local daemon only (never a registry image of the same name), with the refreshed database', () => {
    expect(trivyImageCommand(options(), files)).toEqual({
      executable: '/opt/trivy',
      args: [...COMMON, '--cache-dir', '/cache/trivy', '--skip-db-update', '--skip-java-db-update', ...FILES, '--image-src', 'docker', 'shop/web:1.4.2'],
      cwd: '/ws',
      reportPath: '/run/trivy.json',
    });
  });

  it('scans a registry image remotely, and a docker save tarball with --input', () => {
    expect(trivyImageCommand(options({ image: 'registry:ghcr.io/acme/web:1.4.2' }), files).args.slice(-3)).toEqual(['--image-src', 'remote', 'ghcr.io/acme/web:1.4.2']);
    expect(trivyImageCommand(options({ image: 'docker-archive:build/web.tar' }), files).args.slice(-2)).toEqual(['--input', 'build/web.tar']);
  });

  it('lets trivy try each database repository in order when no database is managed for it', () => {
    expect(trivyImageCommand(options({ cacheDir: undefined }), files).args).toEqual([
      ...COMMON,
      '--db-repository',
      'mirror.gcr.io/aquasec/trivy-db:2,ghcr.io/aquasecurity/trivy-db:2',
      '--java-db-repository',
      'mirror.gcr.io/aquasec/trivy-java-db:1,ghcr.io/aquasecurity/trivy-java-db:1',
      ...FILES,
      '--image-src',
      'docker',
      'shop/web:1.4.2',
    ]);
  });

  it('puts extra arguments before the image, so they cannot replace it', () => {
    expect(trivyImageCommand(options({ extraArgs: ['--timeout', '20m'] }), files).args.slice(-5)).toEqual(['--timeout', '20m', '--image-src', 'docker', 'shop/web:1.4.2']);
  });

  it('refuses a mode that is not an image scan, and a reference that would be read as a flag', () => {
    expect(() => trivyImageCommand(options({ mode: 'config' }), files)).toThrow(/not an image scan/);
    expect(() => trivyImageCommand(options({ image: 'docker:--input=/etc/shadow' }), files)).toThrow(/not an image reference/);
  });

  it('tries the repositories the versions file documents, in its order', () => {
    expect([...TRIVY_DB_REPOSITORIES]).toEqual(loadVersions().databases.trivy!.sources);
    expect(javaDbRepositoryFor('registry.corp.example/mirror/trivy-db:2')).toBe('registry.corp.example/mirror/trivy-java-db:1');
    expect(javaDbRepositoryFor('registry.corp.example/vulndb')).toBeUndefined();
  });

  it('reads exit 0 as a scan and 1 as a failure', () => {
    const result = (exitCode: number) => ({ command: ['trivy'], exitCode, signal: null, stdout: Buffer.alloc(0), stderr: '2026-11-22T08:00:00Z\tFATAL\tFatal error\tinit error: DB error: failed to download vulnerability DB\n', durationMs: 1 });
    expect(interpretExit(result(0), TRIVY_IMAGE_EXIT_CODES)).toBe('clean');
    expect(() => interpretExit(result(1), TRIVY_IMAGE_EXIT_CODES)).toThrow(/exited with code 1; trivy failed .* last stderr line: .*failed to download vulnerability DB/);
  });
});
