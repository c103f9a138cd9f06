import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { appendSummary } from '@gatehouse/action-kit';
import type { ScanActionResult } from '@gatehouse/action-runtime';
import { errorMessage, type Logger } from '@gatehouse/findings';
import { artifactName, isDefaultBranchRun, RunArtifacts, type GitHubContext } from '@gatehouse/github';
import { SECRETS_BASELINE_FILE, trackedFiles, updateSecretsBaseline } from '@gatehouse/scanners';

export interface UpdatedBaselineOptions {
  result: ScanActionResult;
  context: GitHubContext;
  workspace: string;
  matrix?: string | undefined;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
}

/** The file name inside the artifact: without the leading dot, which artifact tooling tends to hide. */
export const UPDATED_BASELINE_FILE = 'secrets.baseline';

/**
 * On the default branch, when detect-secrets ran and the repository's `.secrets.baseline` is out of
 * date, offers the updated baseline as the artifact `gatehouse-secrets-baseline-secrets-scan-<job>`:
 * the scan merged in with `updateSecretsBaseline`, which keeps every audit decision (detect-secrets'
 * own rewrite can drop audited entries whose secret is gone). The repository's file is never
 * changed; committing the update (after `detect-secrets audit`) is a person's decision. Returns the
 * artifact's name when it was uploaded. Never changes the verdict: a failure is a note.
 */
export async function offerUpdatedBaseline(options: UpdatedBaselineOptions): Promise<string | undefined> {
  const { result, context, workspace, logger } = options;
  const env = options.env ?? process.env;
  if (!isDefaultBranchRun(context)) return undefined;
  if (result.document.engines.find((e) => e.id === 'detect-secrets')?.status !== 'ran') return undefined;
  const report = result.reports.find((path) => basename(path).startsWith('detect-secrets'));
  const baselinePath = join(workspace, SECRETS_BASELINE_FILE);
  if (!report || !existsSync(report) || !existsSync(baselinePath)) return undefined;

  let update;
  try {
    const baseline = readFileSync(baselinePath, 'utf8');
    update = updateSecretsBaseline(baseline, readFileSync(report, 'utf8'), {
      scannedFiles: new Set(await trackedFiles(workspace)),
      baselineFile: SECRETS_BASELINE_FILE,
      scanFile: 'the detect-secrets report',
    });
    if (update.text === baseline) {
      logger.info(`${SECRETS_BASELINE_FILE} is up to date with this scan`);
      return undefined;
    }
  } catch (error) {
    const message = `the updated ${SECRETS_BASELINE_FILE} could not be made: ${errorMessage(error)}`;
    logger.warning(message);
    await appendSummary(`### detect-secrets baseline\n\nThe updated baseline could not be made (see the log).\n`, env);
    return undefined;
  }

  const name = artifactName({ kind: 'secrets-baseline', action: 'secrets-scan', job: context.job, ...(options.matrix ? { matrix: options.matrix } : {}) }, env);
  const outcome = await new RunArtifacts({ logger, ...(env.RUNNER_TEMP ? { tempDirectory: env.RUNNER_TEMP } : {}) }).uploadFiles(name, [{ path: UPDATED_BASELINE_FILE, content: update.text }]);
  const counts = `${update.added} new ${update.added === 1 ? 'entry' : 'entries'} to audit, ${update.removed} removed, ${update.kept} kept with their audit decisions`;
  if (outcome.status !== 'uploaded') {
    logger.warning(`the updated ${SECRETS_BASELINE_FILE} was not uploaded: ${outcome.reason}`);
    await appendSummary(`### detect-secrets baseline\n\n${SECRETS_BASELINE_FILE} is out of date (${counts}); the updated baseline could not be uploaded (see the log).\n`, env);
    return undefined;
  }
  logger.info(`uploaded artifact ${name}: the updated ${SECRETS_BASELINE_FILE} (${counts})`);
  await appendSummary(
    `### detect-secrets baseline\n\n${SECRETS_BASELINE_FILE} is out of date: ${counts}. The artifact \`${name}\` holds the updated baseline ` +
      `(\`${UPDATED_BASELINE_FILE}\`): audit it (\`detect-secrets audit\`) and commit it as \`${SECRETS_BASELINE_FILE}\`.\n`,
    env,
  );
  return name;
}
