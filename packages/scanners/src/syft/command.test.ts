import { describe, expect, it } from 'vitest';
import type { RunOptions } from '../adapter';
import { SYFT_SBOM, syftCommand } from './command';

const request = { tool: 'syft' as const, executable: '/opt/syft', workspace: '/ws', workDir: '/run/work' };

describe('syft', () => {
  it('writes CycloneDX and SPDX of an image in one run, with an empty configuration', () => {
    expect(SYFT_SBOM.commands({ ...request, subject: { kind: 'image', image: 'docker:shop/web:1.4.2' }, outputs: { 'cyclonedx-json': '/run/sbom.cdx.json', 'spdx-json': '/run/sbom.spdx.json' } })).toEqual([
      {
        command: {
          executable: '/opt/syft',
          args: ['docker:shop/web:1.4.2', '-o', 'cyclonedx-json@1.6=/run/sbom.cdx.json', '-o', 'spdx-json=/run/sbom.spdx.json', '-c', '/run/work/syft-config.yaml'],
          env: { SYFT_CHECK_FOR_APP_UPDATE: 'false' },
          cwd: '/ws',
        },
        writes: { 'cyclonedx-json': '/run/sbom.cdx.json', 'spdx-json': '/run/sbom.spdx.json' },
        files: [{ path: '/run/work/syft-config.yaml', content: '{}\n' }],
      },
    ]);
  });

  it('describes a directory without Gatehouse output or git internals, and a tarball or registry image by scheme', () => {
    const dir = SYFT_SBOM.commands({ ...request, subject: { kind: 'directory', path: '.' }, outputs: { 'cyclonedx-json': '/o.json' } })[0]!.command.args;
    expect(dir).toEqual(['dir:.', '-o', 'cyclonedx-json@1.6=/o.json', '-c', '/run/work/syft-config.yaml', '--exclude', './.gatehouse/**', '--exclude', './.git/**']);
    expect(SYFT_SBOM.commands({ ...request, subject: { kind: 'image', image: 'docker-archive:build/web.tar' }, outputs: { 'cyclonedx-json': '/o.json' } })[0]!.command.args[0]).toBe('docker-archive:build/web.tar');
    expect(SYFT_SBOM.commands({ ...request, subject: { kind: 'image', image: 'registry:ghcr.io/acme/web:1' }, outputs: { 'cyclonedx-json': '/o.json' } })[0]!.command.args[0]).toBe('registry:ghcr.io/acme/web:1');
  });

  it('writes syft JSON for the adapter\'s own run', () => {
    const opts: RunOptions = { executable: '/opt/syft', workspace: '/ws', targets: [], reportPath: '/run/syft.json', mode: 'image', image: 'docker:shop/web:1' };
    expect(syftCommand(opts).args).toEqual(['docker:shop/web:1', '-o', 'syft-json=/run/syft.json']);
  });
});
