import { createHash } from 'node:crypto';
import { loadVersions } from '../load-versions';
import type { PlatformId, ToolVersions } from '../tool-versions';

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** A stub executable: a shell script that prints a version line, so an installed copy can really run. */
export function stubExecutable(versionLine: string): Buffer {
  return Buffer.from(`#!/bin/sh\necho '${versionLine}'\n`);
}

export interface PinnedAsset {
  asset: string;
  archive: 'tar.gz' | 'zip' | 'binary';
  executable: string;
  content: Buffer;
}

/**
 * A versions document pinning one engine ("stubtool" unless named) to an asset served by a loopback
 * server (`<origin>/releases/<version>/<asset>`), with the real sha256 of the bytes the test built.
 * Everything else is the real versions file. Not passed through the schema, which (rightly) insists
 * on https upstream URLs.
 */
export function versionsServing(
  origin: string,
  asset: PinnedAsset,
  options: { engine?: string; platform?: PlatformId; sha256?: string | null } = {},
): ToolVersions {
  const real = loadVersions();
  const engine = options.engine ?? 'stubtool';
  const platform = options.platform ?? 'linux-x64';
  const checksum = options.sha256 === undefined ? sha256(asset.content) : options.sha256;
  return {
    ...real,
    binaries: {
      ...real.binaries,
      [engine]: {
        version: '1.2.3',
        urlTemplate: `${origin}/releases/{version}/{asset}`,
        versionArgs: ['--version'],
        revokedVersions: [],
        installHint: 'install stubtool 1.2.3',
        platforms: {
          [platform]: {
            asset: asset.asset,
            archive: asset.archive,
            executable: asset.executable,
            sha256: checksum,
            ...(checksum === null ? { unverifiableReason: 'no checksum published for this build' } : {}),
          },
        },
      },
    },
  };
}
