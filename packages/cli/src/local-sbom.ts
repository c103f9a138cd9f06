import { rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Logger } from '@gatehouse/findings';
import { listWorkspaceFiles, type EngineOutcome } from '@gatehouse/pipeline';
import { planSbom } from '@gatehouse/scanners';
import { produceSbom, resolveSbomTool } from '@gatehouse/scanners/sbom';
import { detectMode } from '@gatehouse/toolchain';

export const SBOM_FILE = 'sbom.cdx.json';

export interface LocalSbom {
  /** The generators' engine lines (`cdxgen`: ran, or incomplete with the cause). */
  outcomes: EngineOutcome[];
  /** For the summary: what the SBOM describes and what it leaves out. */
  notes: string[];
  /** Absolute path of the validated CycloneDX file; absent when none could be made. */
  file?: string;
}

/**
 * `sbom.cdx.json` of a workspace on this machine, as the sbom action plans it (docs/sbom.md) but with
 * only the tools that need no download: the cyclonedx-npm Gatehouse depends on, which reads each
 * npm lockfile offline. The file is kept only when it validates against the official CycloneDX
 * schema; a generator that fails or an invalid SBOM is a `cdxgen` engine line marked incomplete
 * with the cause, never a silent skip.
 */
export async function writeLocalSbom(options: { workspace: string; outDir: string; logger: Logger }): Promise<LocalSbom> {
  const { workspace, outDir, logger } = options;
  const target = join(outDir, SBOM_FILE);
  // A failed run must not leave an earlier SBOM looking current.
  rmSync(target, { force: true });
  const plan = planSbom({
    workspace,
    target: { kind: 'repository' },
    generator: 'cdxgen',
    files: listWorkspaceFiles(workspace).files,
    available: [],
    outDir: relative(workspace, outDir).split(sep).join('/') || '.',
  });
  const produced = await produceSbom(plan, {
    workspace,
    logger,
    // The user asked for this SBOM and cyclonedx-npm ships with Gatehouse: missing, it is a broken
    // install (incomplete), not an optional engine that is not installed.
    resolve: async (tool) => {
      const resolved = await resolveSbomTool(tool, { mode: detectMode(), allowDownload: false, logger });
      return resolved.status === 'available' ? resolved : { status: 'incomplete', reason: `${resolved.reason} (Gatehouse's own cyclonedx-npm was not found: reinstall with npm run bootstrap)` };
    },
  });
  const outcomes: EngineOutcome[] = produced.engines.map((engine) => ({ engine, drafts: [], notes: [] }));
  // produceSbom adds the plan's own notes; the one about cdxgen not being installed is expected here.
  const notes = produced.notes.filter((n) => !n.startsWith('cdxgen is not installed') && !n.startsWith('SBOM of '));
  if (!produced.cyclonedx) {
    // Whatever a failed generator left behind was not checked: not an output of this run.
    rmSync(target, { force: true });
    if (plan.generation.length > 0) notes.unshift(`${SBOM_FILE} was not written: the SBOM could not be made and validated (see the cdxgen engine)`);
    return { outcomes, notes };
  }
  const count = produced.cyclonedx.sbom.components.length;
  // The generator's own line about the file names its absolute path; the line below says the same.
  const generatorLine = `${produced.cyclonedx.path}:`;
  notes.splice(0, notes.length, ...notes.filter((n) => !n.startsWith(generatorLine)));
  const sources = plan.generation.map((g) => g.manifest ?? g.label).join(', ');
  notes.unshift(`${SBOM_FILE}: CycloneDX ${produced.cyclonedx.sbom.specVersion ?? ''} SBOM of ${count} component(s) from ${sources}, valid against the official CycloneDX schema`.replace('  ', ' '));
  logger.info(`gatehouse: wrote ${produced.cyclonedx.path} (${count} components)`);
  return { outcomes, notes, file: produced.cyclonedx.path };
}
