import { describe, expect, it } from 'vitest';
import { TRIVY_SBOM } from './sbom-command';

const base = { tool: 'trivy' as const, executable: '/opt/trivy', workspace: '/ws', workDir: '/run/work' };
const COMMON = ['--no-progress', '--skip-version-check', '--disable-telemetry', '--config', '/run/work/trivy-sbom-config.yaml'];

describe('trivy as an SBOM generator', () => {
  it('writes CycloneDX and SPDX of an image in two runs (one format per run)', () => {
    const runs = TRIVY_SBOM.commands({ ...base, subject: { kind: 'image', image: 'docker:shop/web:1.4.2' }, outputs: { 'cyclonedx-json': '/o/sbom.cdx.json', 'spdx-json': '/o/sbom.spdx.json' } });
    expect(runs.map((r) => r.command.args)).toEqual([
      ['image', '--format', 'cyclonedx', '--output', '/o/sbom.cdx.json', ...COMMON, '--image-src', 'docker', 'shop/web:1.4.2'],
      ['image', '--format', 'spdx-json', '--output', '/o/sbom.spdx.json', ...COMMON, '--image-src', 'docker', 'shop/web:1.4.2'],
    ]);
    expect(runs[0]!.files).toEqual([{ path: '/run/work/trivy-sbom-config.yaml', content: '{}\n' }]);
  });

  it('describes the repository with trivy fs, a tarball with --input', () => {
    expect(TRIVY_SBOM.commands({ ...base, subject: { kind: 'directory', path: '.' }, outputs: { 'cyclonedx-json': '/o.json' } })[0]!.command.args).toEqual(['fs', '--format', 'cyclonedx', '--output', '/o.json', ...COMMON, '--skip-dirs', '.gatehouse', '--skip-dirs', '.git', '.']);
    expect(TRIVY_SBOM.commands({ ...base, subject: { kind: 'image', image: 'docker-archive:build/web.tar' }, outputs: { 'cyclonedx-json': '/o.json' } })[0]!.command.args.slice(-2)).toEqual(['--input', 'build/web.tar']);
  });
});
