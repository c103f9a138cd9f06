import { actionLogger, appendSummary, readInputs, registerSecret, runAction, setOutputs } from '@gatehouse/action-kit';
import { runScanAction, type ScanPlanSetup } from '@gatehouse/action-runtime';
import { escapeMarkdown } from '@gatehouse/report';
import { sbomInputs } from './inputs';
import { checkPublicationInputs, publishSbom } from './publish-sbom';
import { produceSbomForAction, type SbomActionPlan } from './sbom-action-plan';

/**
 * sbom: writes a CycloneDX SBOM (and SPDX on request) of the repository or an image, validated
 * against the official schema, kept in the findings artifact, optionally scanned, and published to
 * Dependency-Track and GitHub's dependency graph when asked. A generator that fails or an SBOM that
 * does not validate makes the run incomplete, and nothing unchecked is published.
 */
export function run(): Promise<void> {
  return runAction(async () => {
    const inputs = readInputs(sbomInputs);
    const apiKey = inputs['dependency-track-api-key'];
    if (apiKey) registerSecret(apiKey);
    let setup: ScanPlanSetup | undefined;
    let produced: SbomActionPlan | undefined;
    const result = await runScanAction({
      action: 'sbom',
      inputs,
      plan: async (given) => {
        setup = given;
        checkPublicationInputs(inputs, given.context);
        produced = await produceSbomForAction(given, inputs);
        return produced.scan;
      },
    });
    const publication = setup
      ? await publishSbom({ inputs, produced: produced?.produced, context: setup.context, client: setup.client, workspace: setup.workspace, artifactName: result.artifactName, logger: actionLogger })
      : { dependencyTrack: 'off', dependencyGraph: 'off' };
    if ('notes' in publication && publication.notes.length > 0) {
      // After the run's summary: what went where (server replies are untrusted text).
      await appendSummary(`\n### SBOM publication\n\n${publication.notes.map((note) => `- ${escapeMarkdown(note)}`).join('\n')}\n`);
    }
    setOutputs({
      'sbom-file': produced?.produced.cyclonedx?.path ?? '',
      'spdx-file': produced?.produced.spdx?.path ?? '',
      'findings-artifact': result.artifactName,
      'dependency-track': publication.dependencyTrack,
      'dependency-graph': publication.dependencyGraph,
    });
  });
}
