import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { actionLogger, appendSummary, failStep, registerSecret, setOutputs, type ActionLogger } from '@gatehouse/action-kit';
import { ConfigurationError, errorMessage, ParseError, type Decision, type Finding } from '@gatehouse/findings';
import { checkArtifactName, gitHubIssues, RunArtifacts, type ArtifactUploadOutcome } from '@gatehouse/github';
import { createNotification, deliverAll, renderPlainText, type Clock, type DeliveryReport, type RetryPolicy } from '@gatehouse/notify';
import { authorizeOverride, overrideMayProceed, type NotificationChannel as PolicyChannel, type OverrideAuthorization } from '@gatehouse/policy';
import { prepareAction, type ActionSetup } from '../common/action-setup';
import { noFindingsLedger, type FindingsLedgerFactory } from '../common/findings-ledger';
import type { RunArtifactReader } from '../gate/gather-sources';
import { readBlockingDecision } from './blocking-decision';
import { overrideAuditRecord, type OverrideAuditRecord } from './override-audit-record';
import { auditIssueChannelName, buildOverrideChannels, type ChannelInputs, type UnavailableChannel } from './override-channels';
import { overrideNotification } from './override-notification';
import { outcomeProceeds, type OverrideOutcome } from './override-outcome';
import { readOverrideRequestText } from './override-request-text';
import { renderOverrideSummary } from './override-summary';
import { teamsOfActor } from './team-membership';

/** override-notify's inputs, as its action.yml declares them. */
export interface OverrideInputs {
  token: string;
  policy: string;
  /** A findings artifact of this run (the gate's decision artifact) or a workspace path to a findings.json. */
  decision: string;
  reason?: string | undefined;
  ticket?: string | undefined;
  duration?: string | undefined;
  environment?: string | undefined;
  'slack-webhook-url'?: string | undefined;
  'webhook-url'?: string | undefined;
  'webhook-secret'?: string | undefined;
  'smtp-host'?: string | undefined;
  'smtp-port': number;
  'smtp-secure': boolean;
  'smtp-username'?: string | undefined;
  'smtp-password'?: string | undefined;
  'smtp-from'?: string | undefined;
  'github-issue': boolean;
  'delivery-attempts': number;
  'attempt-timeout-seconds': number;
}

export interface OverrideActionSpec {
  inputs: OverrideInputs;
  ledger?: FindingsLedgerFactory;
  // For tests: the environment, the clock, the logger, the artifact client, GitHub's and the channels' waits.
  env?: NodeJS.ProcessEnv;
  now?: Date;
  logger?: ActionLogger;
  artifacts?: RunArtifactReader & Pick<RunArtifacts, 'uploadFromDisk'>;
  clientOptions?: { retryBaseDelayMs?: number; writeIntervalMs?: number; rateLimitSecondMs?: number };
  retry?: RetryPolicy;
  clock?: Clock;
}

export interface OverrideActionResult {
  outcome: OverrideOutcome;
  proceed: boolean;
  record: OverrideAuditRecord;
  auditFile: string;
  artifact: ArtifactUploadOutcome;
}

/** Backoff between attempts starts at 1 s and doubles up to 10 s; every bound is explicit. */
export function overrideRetryPolicy(attempts: number, attemptTimeoutSeconds: number): RetryPolicy {
  const attemptTimeoutMs = attemptTimeoutSeconds * 1_000;
  return {
    maxAttempts: attempts,
    initialDelayMs: 1_000,
    maxDelayMs: 10_000,
    attemptTimeoutMs,
    totalDeadlineMs: attempts * attemptTimeoutMs + (attempts - 1) * 10_000,
    maxRetryAfterMs: 30_000,
  };
}

/**
 * The issue channel gets a longer attempt: writing the issue is several API calls, each with the
 * client's own timeouts and retries, and an attempt cut short cannot be recalled (it may still open
 * the issue), so a short limit would only duplicate it.
 */
export function issueChannelRetry(channels: readonly { kind: string; name: string }[], retry: RetryPolicy): Record<string, Partial<RetryPolicy>> {
  const attemptTimeoutMs = Math.max(ISSUE_ATTEMPT_TIMEOUT_MS, retry.attemptTimeoutMs);
  const totalDeadlineMs = Math.max(retry.totalDeadlineMs, retry.maxAttempts * attemptTimeoutMs + (retry.maxAttempts - 1) * retry.maxDelayMs);
  return Object.fromEntries(channels.filter((c) => c.kind === 'github-issue').map((c) => [c.name, { attemptTimeoutMs, totalDeadlineMs }]));
}

const ISSUE_ATTEMPT_TIMEOUT_MS = 60_000;

function channelInputs(inputs: OverrideInputs): ChannelInputs {
  return {
    slackWebhookUrl: inputs['slack-webhook-url'],
    webhookUrl: inputs['webhook-url'],
    webhookSecret: inputs['webhook-secret'],
    smtp: {
      host: inputs['smtp-host'],
      port: inputs['smtp-port'],
      secure: inputs['smtp-secure'],
      username: inputs['smtp-username'],
      password: inputs['smtp-password'],
      from: inputs['smtp-from'],
    },
    githubIssue: inputs['github-issue'],
  };
}

/** Who asked: the actor, and whoever re-ran the job if that is someone else (both must be allowed). */
async function authorize(setup: ActionSetup, request: Omit<Parameters<typeof authorizeOverride>[1], 'actor' | 'actorTeams'>, triggeringActor: string | undefined): Promise<OverrideAuthorization> {
  const policy = setup.policy.loaded.policy;
  const people = [...new Set([setup.context.actor, ...(triggeringActor ? [triggeringActor] : [])])];
  let result: OverrideAuthorization | undefined;
  for (const actor of people) {
    const listed = policy.override.users.some((u) => u.toLowerCase() === actor.toLowerCase());
    const actorTeams = listed || policy.override.teams.length === 0 ? [] : await teamsOfActor(setup.client, actor, policy.override.teams, setup.logger);
    const authorization = authorizeOverride(policy, { ...request, actor, actorTeams }, setup.now);
    if (!result) result = authorization;
    else {
      const refusals = [...new Set([...result.refusals, ...authorization.refusals])];
      result = { ...result, refusals, allowed: refusals.length === 0, ...(refusals.length ? { expiresAt: undefined } : {}) };
    }
  }
  return result!;
}

/** The override channels of the policy, plus the audit issue when the policy lists no issue channel. */
function channelsToTell(authorization: OverrideAuthorization, githubIssue: boolean): PolicyChannel[] {
  const channels = [...authorization.notify];
  if (githubIssue && !channels.some((c) => c.kind === 'github-issue')) {
    channels.push({ kind: 'github-issue', name: auditIssueChannelName(channels.map((c) => c.name)), required: false, labels: ['security-override'], assignees: [] });
  }
  return channels;
}

function overrideArtifactName(setup: ActionSetup): string {
  const job = setup.context.job.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 60);
  return checkArtifactName(['gatehouse-override', String(setup.context.runId), String(setup.context.runAttempt), job].filter(Boolean).join('-'));
}

/**
 * override-notify: a SECURITY_OVERRIDE on a deploy job. Reads the decision that blocks (recomputed
 * with the trusted policy), checks the override against the policy (who, where, how long, a reason,
 * a ticket; never on pull requests or from forks), tells every channel the policy lists, and lets the
 * deploy proceed only when every required channel confirmed delivery. The audit record goes to the
 * job summary, the `gatehouse-override-<run>-<attempt>-<job>` artifact and an issue labelled
 * `security-override`. Fails the step whenever the deploy may not proceed. Throws only for
 * configuration errors (wrap in `runAction`).
 */
export async function runOverrideAction(spec: OverrideActionSpec): Promise<OverrideActionResult> {
  const { inputs } = spec;
  const env = spec.env ?? process.env;
  for (const secret of [inputs['slack-webhook-url'], inputs['webhook-url'], inputs['webhook-secret'], inputs['smtp-password']]) {
    if (secret) registerSecret(secret, env);
  }
  const logger = spec.logger ?? actionLogger;
  const setup = await prepareAction({
    action: 'override-notify',
    token: inputs.token,
    policyPath: inputs.policy,
    mode: 'deploy',
    logger,
    env,
    ...(spec.now ? { now: spec.now } : {}),
    ...(spec.ledger ? { ledger: spec.ledger } : {}),
    ...(spec.clientOptions ? { clientOptions: spec.clientOptions } : {}),
  });
  const { context, now } = setup;
  const artifacts = spec.artifacts ?? new RunArtifacts({ logger, ...(env.RUNNER_TEMP ? { tempDirectory: env.RUNNER_TEMP } : {}) });
  const triggeringActor = env.GITHUB_TRIGGERING_ACTOR && env.GITHUB_TRIGGERING_ACTOR !== context.actor ? env.GITHUB_TRIGGERING_ACTOR : undefined;
  const environment = inputs.environment?.trim() || undefined;
  const text = readOverrideRequestText({ reason: inputs.reason, ticket: inputs.ticket, duration: inputs.duration });
  const requested = text.reason !== '' || text.ticket !== undefined || inputs.duration !== undefined;

  let decision: Decision | undefined;
  let findings: Finding[] = [];
  let decisionProblem: string | undefined;
  const decisionSource = inputs.decision;
  try {
    const read = await readBlockingDecision({ decision: inputs.decision, workspace: setup.workspace, artifacts, policy: setup.policy, ledger: spec.ledger ? setup.ledger : noFindingsLedger, now });
    decision = read.decision;
    findings = read.findings;
    logger.info(`decision from ${read.source}: ${decision.verdict} (${decision.counts.blocking} blocking)`);
  } catch (error) {
    if (!(error instanceof ConfigurationError || error instanceof ParseError)) throw error;
    decisionProblem = errorMessage(error).slice(0, 1_000);
    logger.error(`the decision could not be read, so the deploy stays blocked: ${decisionProblem}`);
  }

  let outcome: OverrideOutcome;
  let refusals: string[] = [];
  let authorization: OverrideAuthorization | undefined;
  if (decision && (decision.verdict === 'pass' || decision.verdict === 'warn')) {
    outcome = 'not-needed';
  } else if (!requested) {
    outcome = 'blocked';
  } else {
    const fromFork = context.event.kind === 'pull_request' && context.event.isFork;
    authorization = await authorize(
      setup,
      { environment, event: context.eventName, fromFork, reason: text.reason, ...(text.ticket ? { ticket: text.ticket.id } : {}), ...(text.durationMs !== undefined ? { durationMs: text.durationMs } : {}) },
      triggeringActor,
    );
    refusals = [...text.problems, ...authorization.refusals, ...(decisionProblem ? [`the decision that blocks could not be read (${decisionProblem})`] : [])];
    outcome = refusals.length ? 'refused' : 'undelivered';
  }

  const notification = createNotification(
    overrideNotification({
      context,
      environment,
      reason: text.reason.slice(0, 2_000),
      ticket: text.ticket,
      decision,
      findings,
      runUrl: setup.runUrl,
      occurredAt: now,
      expiresAt: outcome === 'undelivered' ? authorization?.expiresAt : undefined,
    }),
    () => now,
  );

  let delivery: DeliveryReport | undefined;
  let unavailable: UnavailableChannel[] = [];
  if (outcome === 'undelivered' && authorization) {
    const retry = spec.retry ?? overrideRetryPolicy(inputs['delivery-attempts'], inputs['attempt-timeout-seconds']);
    const built = buildOverrideChannels(channelsToTell(authorization, inputs['github-issue']), channelInputs(inputs), {
      env,
      issues: gitHubIssues(setup.client),
      attemptTimeoutMs: retry.attemptTimeoutMs,
    });
    for (const secret of built.secrets) registerSecret(secret, env);
    unavailable = built.unavailable;
    for (const u of unavailable) (u.required ? logger.error : logger.warning).call(logger, `notify: ${u.name} (${u.kind}) is not set up: ${u.reason}`);
    delivery = await logger.group('Telling the channels the policy lists', () =>
      deliverAll(notification, built.channels, {
        required: authorization!.mustConfirm,
        retry,
        channelRetry: issueChannelRetry(built.channels, retry),
        logger,
        ...(spec.clock ? { clock: spec.clock } : {}),
      }),
    );
    const delivered = new Map(delivery.deliveries.map((d) => [d.channel, d.outcome === 'delivered']));
    if (delivery.allRequiredDelivered && overrideMayProceed(authorization, delivered)) outcome = 'proceed';
  }
  const proceed = outcomeProceeds(outcome);

  const record = overrideAuditRecord({
    outcome,
    proceed,
    now,
    context,
    triggeringActor,
    environment,
    notification,
    runUrl: setup.runUrl,
    decisionSource,
    decision,
    decisionProblem,
    policy: { description: setup.policy.description, sha256: setup.policy.loaded.sha256 },
    refusals,
    mustConfirm: authorization?.mustConfirm ?? [],
    unavailable,
    delivery,
  });
  mkdirSync(setup.outDir, { recursive: true });
  const auditFile = join(setup.outDir, 'override-audit.json');
  writeFileSync(auditFile, `${JSON.stringify(record, null, 2)}\n`);
  const files = [auditFile];
  // The notice as the channels got it (or would have): only when an override was asked for.
  if (outcome === 'refused' || outcome === 'undelivered' || outcome === 'proceed') {
    const textFile = join(setup.outDir, 'override-notification.txt');
    writeFileSync(textFile, renderPlainText(notification));
    files.push(textFile);
  }

  const name = overrideArtifactName(setup);
  const artifact = await artifacts.uploadFromDisk(name, files, setup.outDir);
  const artifactNote =
    artifact.status === 'uploaded'
      ? `The audit record is in the ${name} artifact.`
      : `The audit record could not be uploaded as the ${name} artifact (${artifact.reason}); this summary holds it.`;
  if (artifact.status !== 'uploaded') logger.warning(artifactNote);

  const summary = renderOverrideSummary(record, notification, artifactNote);
  writeFileSync(join(setup.outDir, 'summary.md'), summary);
  await appendSummary(summary);

  const issue = delivery?.deliveries.find((d) => d.kind === 'github-issue' && d.outcome === 'delivered')?.receipt?.reference;
  setOutputs({
    proceed,
    overridden: outcome === 'proceed',
    outcome,
    verdict: decision?.verdict ?? 'incomplete',
    'expires-at': outcome === 'proceed' ? (notification.expiresAt ?? '') : '',
    'audit-file': auditFile,
    'issue-url': issue ?? '',
  });

  const message = `override-notify: ${outcome}${refusals.length ? ` (${refusals.join('; ')})` : ''}${
    outcome === 'undelivered' && delivery ? `: not confirmed by ${[...delivery.undelivered.filter((n) => delivery!.required.includes(n)), ...delivery.missingRequired].join(', ')}` : ''
  }`;
  if (proceed) logger.info(message);
  else failStep(message);
  return { outcome, proceed, record, auditFile, artifact };
}
