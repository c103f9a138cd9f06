import { resolveTool, type ResolveToolOptions } from '@gatehouse/toolchain';
import { CDXGEN_SBOM, CYCLONEDX_NPM_SBOM } from '../cdxgen/command';
import { bundledCycloneDxNpm } from '../cdxgen/local-bin';
import { SYFT_SBOM } from '../syft/command';
import { TRIVY_SBOM } from '../trivy-image/sbom-command';
import type { SbomTool, SbomToolProfile } from './sbom-generator';

export const SBOM_TOOL_PROFILES: Readonly<Record<SbomTool, SbomToolProfile>> = {
  syft: SYFT_SBOM,
  trivy: TRIVY_SBOM,
  cdxgen: CDXGEN_SBOM,
  'cyclonedx-npm': CYCLONEDX_NPM_SBOM,
};

export type ResolvedSbomTool =
  | { status: 'available'; executable: string; prefixArgs?: string[]; version: string }
  | { status: 'not-run' | 'incomplete'; reason: string };

/** The versions file names cyclonedx-npm's pin `cyclonedx` (its npm package's last word). */
const TOOLCHAIN_ID: Readonly<Record<SbomTool, string>> = { syft: 'syft', trivy: 'trivy', cdxgen: 'cdxgen', 'cyclonedx-npm': 'cyclonedx' };

/**
 * Where a generator comes from: cyclonedx-npm from Gatehouse's own node_modules when it is there
 * (no download, as on a laptop or in the CLI), else every tool from the toolchain (the pinned,
 * checksum-verified build on a runner; PATH on a laptop).
 */
export async function resolveSbomTool(tool: SbomTool, options: ResolveToolOptions): Promise<ResolvedSbomTool> {
  if (tool === 'cyclonedx-npm') {
    const local = bundledCycloneDxNpm();
    if (local) return { status: 'available', executable: local.executable, prefixArgs: local.prefixArgs, version: local.version };
  }
  const resolved = await resolveTool(TOOLCHAIN_ID[tool], options);
  if (resolved.status === 'available') return { status: 'available', executable: resolved.path, version: resolved.version };
  return { status: resolved.status, reason: resolved.reason };
}
