import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { actionLogger, registerSecret } from '@gatehouse/action-kit';
import type { Logger, Target } from '@gatehouse/findings';
import { createGitHubClient, readGitHubContext, type GitHubClient, type GitHubContext } from '@gatehouse/github';
import { clearRunOutputs, resolveSalt } from '@gatehouse/pipeline';
import type { Mode, PresetName } from '@gatehouse/policy';
import { AuditLog } from '@gatehouse/report';
import { noFindingsLedger, type FindingsLedger, type FindingsLedgerFactory } from './findings-ledger';
import { repositoryTarget, workflowRunUrl } from './run-facts';
import { runModeFor, type ModeInput } from './run-mode';
import { trustedFilesFor, type TrustedFiles } from './trusted-files';
import { loadTrustedPolicy, type TrustedPolicy } from './trusted-policy';

export interface ActionSetupOptions {
  /** The action's name ("secrets-scan", "policy-gate"): output folder, artifact and SARIF category. */
  action: string;
  token: string;
  /** Repository-relative policy path (`policy` input). */
  policyPath: string;
  mode?: ModeInput;
  /** The built-in policy used when the repository has no policy file (default: `default`). */
  defaultPreset?: PresetName;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
  /** The run's clock, read once (tests pass a fixed time). */
  now?: Date;
  ledger?: FindingsLedgerFactory;
  /** The client's own options (tests shrink retry waits). */
  clientOptions?: { retryBaseDelayMs?: number; writeIntervalMs?: number; rateLimitSecondMs?: number };
}

/** What every action knows once it has read its environment, before it scans or gathers anything. */
export interface ActionSetup {
  action: string;
  context: GitHubContext;
  client: GitHubClient;
  /** Absolute path of GITHUB_WORKSPACE (else the working directory). */
  workspace: string;
  mode: Mode;
  salt: string;
  /** Where the policy and other gate-weakening files come from. */
  files: TrustedFiles;
  policy: TrustedPolicy;
  audit: AuditLog;
  logger: Logger;
  env: NodeJS.ProcessEnv;
  now: Date;
  runUrl: string;
  target: Target;
  /** $RUNNER_TEMP/gatehouse/<action>/, emptied of a previous run's outputs. */
  outDir: string;
  ledger: FindingsLedger;
  /** Wire to ParseContext.onSecretValue: masks the value in the job log and scrubs it from the audit log. */
  onSecretValue: (value: string) => void;
}

/** $RUNNER_TEMP/gatehouse/<action>/ (the OS temp directory outside a runner). */
export function actionOutputDirectory(action: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(env.RUNNER_TEMP || tmpdir(), 'gatehouse', action);
}

/**
 * Reads the event, builds the GitHub client, decides the mode, the salt and the trusted source,
 * loads the policy from that source (the base commit on pull requests) and starts the audit log.
 */
export async function prepareAction(options: ActionSetupOptions): Promise<ActionSetup> {
  const env = options.env ?? process.env;
  const logger = options.logger ?? actionLogger;
  const now = options.now ?? new Date();
  const context = readGitHubContext(env);
  const workspace = resolve(context.workspace ?? process.cwd());
  const client = createGitHubClient({ token: options.token, logger, env, ...options.clientOptions });
  const mode = runModeFor(context, options.mode ?? 'auto');

  const { salt, source } = resolveSalt(env, context.repository.fullName);
  if (source === 'GATEHOUSE_SALT') registerSecret(salt, env);
  else logger.info('GATEHOUSE_SALT is not set: secret hashes use a salt derived from the repository id (see docs/secrets.md)');

  const files = trustedFilesFor(context, client, workspace);
  const policy = await loadTrustedPolicy(files, options.policyPath, options.defaultPreset);
  logger.info(`policy: ${policy.description}`);

  const audit = new AuditLog({ clock: () => new Date(), runId: `${context.runId}/${context.runAttempt}` });
  audit.record({
    type: 'policy.loaded',
    source: policy.loaded.source.kind === 'file' ? policy.path : 'built-in',
    sha256: policy.loaded.sha256,
    ...(policy.ref ? { ref: policy.ref } : {}),
  });
  const onSecretValue = (value: string) => {
    registerSecret(value, env);
    audit.registerSecret(value);
  };

  const outDir = actionOutputDirectory(options.action, env);
  clearRunOutputs(outDir);
  for (const folder of ['reports', 'kept']) rmSync(join(outDir, folder), { recursive: true, force: true });

  return {
    action: options.action,
    context,
    client,
    workspace,
    mode,
    salt,
    files,
    policy,
    audit,
    logger,
    env,
    now,
    runUrl: workflowRunUrl(context),
    target: repositoryTarget(context),
    outDir,
    ledger: options.ledger ? options.ledger({ client, context, logger }) : noFindingsLedger,
    onSecretValue,
  };
}
