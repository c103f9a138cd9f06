import { describe, expect, it } from 'vitest';
import type { SbomGenerationRequest } from '../sbom/sbom-generator';
import { CDXGEN_SBOM, CYCLONEDX_NPM_SBOM } from './command';

const request = (extra: Partial<SbomGenerationRequest> = {}): SbomGenerationRequest => ({
  tool: 'cdxgen',
  executable: '/opt/cdxgen',
  workspace: '/ws',
  subject: { kind: 'directory', path: '.' },
  outputs: { 'cyclonedx-json': '/run/sbom.cdx.json' },
  workDir: '/run/work',
  ...extra,
});

describe('cdxgen, the engine for cdxgen and cyclonedx-npm', () => {
  it('runs cyclonedx-npm in the npm project from its lockfile alone', () => {
    expect(CYCLONEDX_NPM_SBOM.commands(request({ tool: 'cyclonedx-npm', executable: '/usr/bin/node', prefixArgs: ['/nm/cyclonedx-npm-cli.js'], subject: { kind: 'directory', path: 'web' } }))).toEqual([
      {
        command: {
          executable: '/usr/bin/node',
          args: ['/nm/cyclonedx-npm-cli.js', '--package-lock-only', '--output-format', 'JSON', '--output-file', '/run/sbom.cdx.json', '--spec-version', '1.6', '--mc-type', 'application', 'package.json'],
          cwd: '/ws/web',
        },
        writes: { 'cyclonedx-json': '/run/sbom.cdx.json' },
      },
    ]);
  });

  it('runs cdxgen over the repository without installing dependencies or fetching licenses', () => {
    const [run] = CDXGEN_SBOM.commands(request());
    expect(run!.command).toEqual({
      executable: '/opt/cdxgen',
      args: ['-o', '/run/sbom.cdx.json', '--spec-version', '1.6', '--no-install-deps', '--fail-on-error', '.'],
      env: { FETCH_LICENSE: 'false', CDXGEN_TELEMETRY: 'false' },
      cwd: '/ws',
    });
  });

  it('says SPDX needs syft or trivy, and images need them too', () => {
    expect(() => CDXGEN_SBOM.commands(request({ outputs: { 'cyclonedx-json': '/a', 'spdx-json': '/b' } }))).toThrow('cdxgen writes CycloneDX only: SPDX JSON needs syft or trivy');
    expect(() => CYCLONEDX_NPM_SBOM.commands(request({ subject: { kind: 'image', image: 'docker:app:1' } }))).toThrow(/use syft or trivy for images/);
    expect(CDXGEN_SBOM.formats).toEqual(['cyclonedx-json']);
  });

  it('refuses a directory that would be read as a flag', () => {
    expect(() => CDXGEN_SBOM.commands(request({ subject: { kind: 'directory', path: '--server' } }))).toThrow(/read as a flag/);
  });
});
