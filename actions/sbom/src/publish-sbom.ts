import { readFileSync } from 'node:fs';
import type { Logger } from '@gatehouse/findings';
import { ConfigurationError } from '@gatehouse/findings';
import { GATEHOUSE_VERSION, submitDependencySnapshot, type GitHubClient, type GitHubContext } from '@gatehouse/github';
import { buildDependencySnapshot, uploadBomToDependencyTrack } from '@gatehouse/sbom-publish';
import type { ProducedSbom } from '@gatehouse/scanners/sbom';
import type { SbomInputs } from './inputs';

export type PublicationStatus = 'uploaded' | 'submitted' | 'skipped' | 'failed' | 'off';

export interface SbomPublication {
  dependencyTrack: PublicationStatus;
  dependencyGraph: PublicationStatus;
  /** Summary lines: what was published where, or why not. */
  notes: string[];
}

/** What the Dependency-Track inputs say, checked together: a URL without a key (or the reverse) is a mistake. */
function dependencyTrackSettings(inputs: SbomInputs, context: GitHubContext) {
  const url = inputs['dependency-track-url'];
  const apiKey = inputs['dependency-track-api-key'];
  if (!url && !apiKey) return undefined;
  if (!url || !apiKey) throw new ConfigurationError('sbom: set both dependency-track-url and dependency-track-api-key (from a secret), or neither');
  return {
    url,
    apiKey,
    projectName: inputs['dependency-track-project'] || context.repository.repo,
    projectVersion: inputs['dependency-track-version'] || context.ref.replace(/^refs\/(heads|tags)\//, '') || context.sha,
  };
}

/** Checked before anything runs, so a half-configured upload fails the step at once. */
export function checkPublicationInputs(inputs: SbomInputs, context: GitHubContext): void {
  dependencyTrackSettings(inputs, context);
}

/**
 * Publishes the validated CycloneDX SBOM: to Dependency-Track (`PUT /api/v1/bom`, retried) and to
 * GitHub's dependency graph, each when asked. Nothing is published when no valid SBOM was written.
 * A failed publication is said in the summary and the outputs; it does not change the verdict.
 */
export async function publishSbom(options: {
  inputs: SbomInputs;
  produced: ProducedSbom | undefined;
  context: GitHubContext;
  client: GitHubClient;
  workspace: string;
  artifactName: string;
  logger: Logger;
}): Promise<SbomPublication> {
  const { inputs, produced, context, logger } = options;
  const out: SbomPublication = { dependencyTrack: 'off', dependencyGraph: 'off', notes: [] };
  const dt = dependencyTrackSettings(inputs, context);
  const cyclonedx = produced?.cyclonedx;

  if (dt) {
    if (!cyclonedx) {
      out.dependencyTrack = 'skipped';
      out.notes.push('Dependency-Track: nothing uploaded, no valid SBOM was written');
    } else {
      const outcome = await uploadBomToDependencyTrack({ ...dt, bom: readFileSync(cyclonedx.path, 'utf8'), autoCreate: true }, {
        logger,
        // https, or plain http to a loopback address: a Dependency-Track on the runner itself (the key never leaves the host).
        allowInsecureLoopback: true,
      });
      out.dependencyTrack = outcome.status;
      out.notes.push(outcome.status === 'uploaded' ? `Dependency-Track: uploaded to ${outcome.server} as ${dt.projectName} ${dt.projectVersion}` : `Dependency-Track: upload to ${outcome.server} failed: ${outcome.reason}`);
    }
  }

  if (inputs['dependency-graph']) {
    if (!cyclonedx || !produced) {
      out.dependencyGraph = 'skipped';
      out.notes.push('Dependency graph: nothing submitted, no valid SBOM was written');
    } else {
      const { snapshot, notes } = buildDependencySnapshot(produced.parts, {
        workspace: options.workspace,
        sha: context.sha,
        ref: context.ref,
        correlator: `${context.workflow}_${options.artifactName}`,
        jobId: String(context.runId),
        detector: { name: 'gatehouse', version: GATEHOUSE_VERSION, url: `${context.serverUrl}/${context.repository.owner}/${context.repository.repo}` },
        sbomPath: cyclonedx.path,
      });
      const outcome = await submitDependencySnapshot(options.client, snapshot);
      out.notes.push(...notes);
      out.dependencyGraph = outcome.status === 'submitted' ? 'submitted' : outcome.status === 'skipped' ? 'skipped' : 'failed';
      out.notes.push(`Dependency graph: ${outcome.status}${'message' in outcome && outcome.message ? ` (${outcome.message})` : ''}`);
    }
  }
  for (const note of out.notes) logger.info(note);
  return out;
}
