import type { ScanActionPlan, ScanPlanSetup } from '@gatehouse/action-runtime';
import { ConfigurationError, errorMessage } from '@gatehouse/findings';
import { planSbom, trackedFiles, type SbomPlan, type SbomPlanInput, type SbomTool } from '@gatehouse/scanners';
import { produceSbom, resolveSbomTool, type ProducedSbom } from '@gatehouse/scanners/sbom';
import { detectMode } from '@gatehouse/toolchain';
import type { SbomInputs } from './inputs';

/** Every pinned generator can be installed on a runner; `cyclonedx-npm` asks for the bundled one alone. */
const PINNED_GENERATORS: readonly SbomTool[] = ['syft', 'trivy', 'cdxgen'];

function targetOf(inputs: SbomInputs): SbomPlanInput['target'] {
  if (inputs.target === 'repository') {
    if (inputs.image || inputs['image-archive']) throw new ConfigurationError('sbom: image and image-archive need target: image');
    return { kind: 'repository', path: inputs.path };
  }
  if (inputs.image && inputs['image-archive']) throw new ConfigurationError('sbom: give either image or image-archive, not both');
  if (inputs['image-archive']) return { kind: 'archive', path: inputs['image-archive'] };
  if (inputs.image) return { kind: 'image', image: inputs.image, source: inputs['image-source'] };
  throw new ConfigurationError('sbom: target: image needs image (a reference) or image-archive (a docker save tarball)');
}

async function repositoryFiles(workspace: string): Promise<string[]> {
  try {
    return await trackedFiles(workspace);
  } catch (error) {
    throw new ConfigurationError(`sbom: the workspace is not a git checkout (check out the repository first): ${errorMessage(error).slice(0, 200)}`);
  }
}

export interface SbomActionPlan {
  plan: SbomPlan;
  produced: ProducedSbom;
  scan: ScanActionPlan;
}

/**
 * Writes the SBOM (docs/sbom.md): plans which tool describes the target, runs it, validates every
 * file (CycloneDX against the official schema), and hands the runtime the engines that scan the SBOM
 * plus the generators' engine lines and the validated files for the artifact. A generator that
 * fails, or an SBOM that does not validate, is an `incomplete` engine and nothing unchecked is kept.
 */
export async function produceSbomForAction(setup: Pick<ScanPlanSetup, 'workspace' | 'env' | 'logger'>, inputs: SbomInputs): Promise<SbomActionPlan> {
  const target = targetOf(inputs);
  const bundledOnly = inputs.generator === 'cyclonedx-npm';
  const plan = planSbom({
    workspace: setup.workspace,
    target,
    generator: inputs.generator === 'cyclonedx-npm' ? 'cdxgen' : inputs.generator,
    spdx: inputs.spdx,
    files: target.kind === 'repository' ? await repositoryFiles(setup.workspace) : [],
    available: bundledOnly ? [] : PINNED_GENERATORS,
    scan: inputs.scan,
    dependencyTrack: Boolean(inputs['dependency-track-url']),
    dependencyGraph: inputs['dependency-graph'],
  });
  const mode = detectMode(setup.env);
  const produced = await produceSbom(plan, {
    workspace: setup.workspace,
    logger: setup.logger,
    resolve: (tool) => resolveSbomTool(tool, { mode, env: setup.env, logger: setup.logger }),
  });
  const files = [produced.cyclonedx?.path, produced.spdx?.path].filter((f): f is string => f !== undefined);
  // Scan only an SBOM that was written and validated.
  const scanPlan = produced.cyclonedx ? plan.scan : { invocations: [], notRun: plan.scan.invocations.map((i) => ({ engine: i.engine, reason: 'no valid SBOM was written to scan' })), notes: [] };
  return {
    plan,
    produced,
    scan: {
      ...scanPlan,
      notRun: [...scanPlan.notRun],
      notes: [...produced.notes, ...scanPlan.notes],
      outcomes: produced.engines.map((engine) => ({ engine, drafts: [], notes: [] })),
      artifactFiles: files,
    },
  };
}
