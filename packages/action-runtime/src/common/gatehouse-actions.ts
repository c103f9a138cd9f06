import { artifactName } from '@gatehouse/github';

/** The actions that scan: each uploads one findings artifact per job (and matrix leg). */
export const SCANNING_ACTIONS = ['secrets-scan', 'deps-audit', 'sast', 'image-scan', 'sbom'] as const;
export type ScanningActionName = (typeof SCANNING_ACTIONS)[number];

/** Every action of the suite. */
export const GATEHOUSE_ACTIONS = [...SCANNING_ACTIONS, 'policy-gate', 'override-notify'] as const;
export type GatehouseActionName = (typeof GATEHOUSE_ACTIONS)[number];

/** What every scanning action's artifact name starts with; policy-gate gathers exactly these. */
export const FINDINGS_ARTIFACT_PREFIX = 'gatehouse-findings-';

/**
 * `gatehouse-findings-<action>-<job>[-<matrix hash>]`: the one artifact a scanning action uploads,
 * unique per job and matrix leg (artifact names are unique within a run).
 */
export function findingsArtifactName(action: string, job: string, matrix?: string, env: NodeJS.ProcessEnv = process.env): string {
  return artifactName({ kind: 'findings', action, job, ...(matrix !== undefined ? { matrix } : {}) }, env);
}
