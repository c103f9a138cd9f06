import { copyFileSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve, sep } from 'node:path';
import { actionLogger, failStep, type ActionLogger } from '@gatehouse/action-kit';
import { ConfigurationError, errorMessage, type FindingsDocument, type Logger } from '@gatehouse/findings';
import {
  codeScanningTarget,
  GATEHOUSE_VERSION,
  type GitHubClient,
  RunArtifacts,
  uploadSarif,
  type ArtifactUploadOutcome,
  type GitHubContext,
  type ProcessingWait,
} from '@gatehouse/github';
import { createSourceReader, redactOutcomes, RUN_OUTPUT_FILES, renderOutputs, writeRunOutputs, type EngineOutcome } from '@gatehouse/pipeline';
import type { Mode, PresetName } from '@gatehouse/policy';
import type { ParseContext, ScanPlan } from '@gatehouse/scanners';
import type { ResolvedTool } from '@gatehouse/toolchain';
import { prepareAction } from '../common/action-setup';
import { annotateDecision } from '../common/decision-annotations';
import { DeferredArtifactStore } from '../common/deferred-artifact-store';
import { evaluationContext } from '../common/evaluation-context';
import { stepFailsOn } from '../common/fail-on';
import { modeNote } from '../common/run-mode';
import type { FindingsLedgerFactory } from '../common/findings-ledger';
import { findingsArtifactName } from '../common/gatehouse-actions';
import { artifactNote, sarifNote, type SarifPublication } from '../common/publication-notes';
import { sarifCategoryScope, scopeSarifCategories } from '../common/sarif-scope';
import { setRunOutputs } from '../common/step-outputs';
import type { TrustedFiles } from '../common/trusted-files';
import { verdictMessage } from '../common/verdict-message';
import { writeJobSummary } from '../common/write-job-summary';
import { assembleScanRun, type FindingsTransform } from './assemble-scan-run';
import { runScanPlan, type PrepareEngine } from './run-plan';
import type { ScanActionInputs } from './scan-action-inputs';

/** What a plan function may use: the event, the workspace, and the trusted source of configuration. */
export interface ScanPlanSetup {
  context: GitHubContext;
  workspace: string;
  mode: Mode;
  /** Read scanner configurations from here (the base commit on pull requests), e.g. with `copyTrustedFile`. */
  files: TrustedFiles;
  /** A private, empty directory of this run for configurations the plan writes or copies. */
  privateDir: string;
  logger: Logger;
  /** The run's GitHub client (sbom: the dependency submission). */
  client: GitHubClient;
  /** The run's environment (the process's outside tests). */
  env: NodeJS.ProcessEnv;
  /** The findings artifact's name, `gatehouse-findings-<action>-<job>[-<matrix hash>]`. */
  artifactName: string;
}

/**
 * What a plan function returns: the engines to run, plus what an action adds around them. Every
 * field beyond ScanPlan's is optional: a plain ScanPlan is a ScanActionPlan.
 */
export interface ScanActionPlan extends ScanPlan {
  /** Added to every engine's parse context (image-scan: the image both engines file their findings under). */
  parseContext?: Pick<ParseContext, 'imageRef'>;
  /**
   * Replaces `<action>[-<matrix hash>]` in the SARIF categories `gatehouse/<engine>/<scope>/`
   * (image-scan: `image-scan/<repository>`, one category per image, stable across tags and legs).
   */
  sarifScope?: string;
  /** Engine lines the action produced before the plan's engines run (sbom: the generators that wrote the SBOM). */
  outcomes?: EngineOutcome[];
  /** More files for the findings artifact, absolute paths, copied to the top of the report folder (sbom: sbom.cdx.json, sbom.spdx.json). */
  artifactFiles?: string[];
}

export interface ScanActionSpec {
  /** The action's name: "secrets-scan", "deps-audit", "sast", "image-scan", "sbom". */
  action: string;
  /** Read once by the action with `readInputs(z.object({ ...scanActionInputs, ...its own }))`. */
  inputs: ScanActionInputs;
  /** The plan, or a function making it once the event and the trusted configuration are known. */
  plan: ScanActionPlan | ((setup: ScanPlanSetup) => ScanActionPlan | Promise<ScanActionPlan>);
  /** The built-in policy when the repository has no policy file (default `default`; image-scan: `deploy`). */
  defaultPreset?: PresetName;
  /** Runs with each engine's executable just before the engine (image-scan: refresh its vulnerability database). */
  prepareEngine?: PrepareEngine;
  /**
   * Refines what the engines reported before findings get their identity and are merged, e.g. gives
   * an engine that rates nothing (pip-audit) the ratings of a vulnerability database. A hook that
   * throws is a note; the outcomes are then used as they are.
   */
  refineOutcomes?: (outcomes: EngineOutcome[]) => Promise<{ outcomes: EngineOutcome[]; notes?: string[] }>;
  /**
   * Refines the merged findings before the policy decides (fix advice across engines, what a pull
   * request introduced: `isNew` it sets counts for new-only mode). See `FindingsTransform`.
   */
  transformFindings?: FindingsTransform;
  /** Findings ledger for first-seen dates and the new-only baseline (default: none yet). */
  ledger?: FindingsLedgerFactory;
  /** Per engine; default 30 minutes. */
  engineTimeoutMs?: number;
  // For tests: the environment, the clock, the logger, the toolchain and the client's waits.
  env?: NodeJS.ProcessEnv;
  now?: Date;
  logger?: ActionLogger;
  resolveEngine?: (engine: string) => Promise<ResolvedTool>;
  clientOptions?: { retryBaseDelayMs?: number; writeIntervalMs?: number; rateLimitSecondMs?: number };
  /** Wait for code scanning to process uploads (default up to 2 minutes). */
  sarifWait?: ProcessingWait | false;
}

export interface ScanActionResult {
  document: FindingsDocument;
  /** The findings artifact's name (whether or not the upload succeeded: `artifact` says). */
  artifactName: string;
  /** The step was failed per `fail-on`. */
  failed: boolean;
  outDir: string;
  findingsFile: string;
  sarifFile: string;
  artifact: ArtifactUploadOutcome;
  sarif: SarifPublication;
  /** The native reports kept for the artifact (those of engines whose reports hold no plaintext secret). */
  reports: string[];
}

/**
 * A scanning action from inputs to verdict: reads the policy from the trusted ref, runs the plan's
 * engines (pinned, verified executables; failures are `incomplete`), assembles and evaluates, writes
 * findings.json, results.sarif, summary.md, report.html, compliance.json and audit.jsonl to
 * $RUNNER_TEMP/gatehouse/<action>/, uploads SARIF (kept in the artifact when GitHub refuses it),
 * uploads ONE artifact `gatehouse-findings-<action>-<job>[-<matrix>]` with those files and the native
 * reports that hold no plaintext secrets, annotates, writes the job summary and the outputs, and
 * fails the step per `fail-on`. Throws only for configuration errors (wrap in `runAction`).
 */
export async function runScanAction(spec: ScanActionSpec): Promise<ScanActionResult> {
  const { inputs, action } = spec;
  const logger = spec.logger ?? actionLogger;
  const setup = await prepareAction({
    action,
    token: inputs.token,
    policyPath: inputs.policy,
    mode: inputs.mode,
    ...(spec.defaultPreset ? { defaultPreset: spec.defaultPreset } : {}),
    logger,
    ...(spec.env ? { env: spec.env } : {}),
    ...(spec.now ? { now: spec.now } : {}),
    ...(spec.ledger ? { ledger: spec.ledger } : {}),
    ...(spec.clientOptions ? { clientOptions: spec.clientOptions } : {}),
  });
  const { context, workspace, env, policy, audit } = setup;

  const privateDir = mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), 'gatehouse-config-'));
  const name = findingsArtifactName(action, context.job, inputs.matrix, env);
  const plan =
    typeof spec.plan === 'function'
      ? await spec.plan({ context, workspace, mode: setup.mode, files: setup.files, privateDir, logger, client: setup.client, env, artifactName: name })
      : spec.plan;
  for (const note of plan.notes) logger.info(note);

  const planned = await runScanPlan({
    plan,
    parse: { workspace, salt: setup.salt, onSecretValue: setup.onSecretValue, ...plan.parseContext },
    logger,
    audit,
    reportsDir: join(setup.outDir, 'reports'),
    env,
    ...(spec.engineTimeoutMs ? { timeoutMs: spec.engineTimeoutMs } : {}),
    ...(spec.resolveEngine ? { resolve: spec.resolveEngine } : {}),
    ...(spec.prepareEngine ? { prepareEngine: spec.prepareEngine } : {}),
  });
  const outcomesRun = [...(plan.outcomes ?? []), ...planned.outcomes];
  // The artifact holds files under the report folder only: extra files are copied to its top.
  if (plan.artifactFiles?.length) mkdirSync(setup.outDir, { recursive: true });
  const extraFiles = (plan.artifactFiles ?? []).map((file) => {
    const kept = join(setup.outDir, basename(file));
    if (resolve(file) !== kept) copyFileSync(file, kept);
    return kept;
  });
  const reports = [...planned.reports, ...extraFiles];

  const refined = await refine(outcomesRun, spec.refineOutcomes, logger);
  // An engine's error line may quote a secret value another engine found: never into the outputs.
  const outcomes = redactOutcomes(refined.outcomes, (text) => audit.redact(text));

  const engineScope = new Set([
    ...plan.invocations.map((i) => i.engine),
    ...plan.notRun.map((n) => n.engine),
    ...(plan.incomplete ?? []).map((n) => n.engine),
    ...outcomes.map((o) => o.engine.id),
  ]);
  const source = createSourceReader(workspace);
  const assembled = await assembleScanRun({
    outcomes,
    policy: policy.loaded.policy,
    now: setup.now,
    target: setup.target,
    toolVersion: GATEHOUSE_VERSION,
    readLine: source.readLine,
    context: await evaluationContext({ policy, ledger: setup.ledger, mode: setup.mode, engineScope }),
  }, spec.transformFindings);
  const { document } = assembled;
  const notes = [
    `Policy: ${policy.description}.`,
    modeNote(setup.mode, policy.loaded.policy.newOnly.modes),
    ...plan.notes,
    ...engineNotes(outcomes),
    ...refined.notes,
    ...assembled.notes,
  ];
  for (const note of [...refined.notes, ...assembled.notes]) logger.info(note);
  const rendered = renderOutputs(document, { source, audit, notes, runUrl: setup.runUrl });
  const scoped = scopeSarifCategories(rendered.sarif, plan.sarifScope ?? sarifCategoryScope(action, inputs.matrix));
  writeRunOutputs(setup.outDir, { ...rendered, sarif: scoped.json });
  const findingsFile = join(setup.outDir, 'findings.json');
  const sarifFile = join(setup.outDir, 'results.sarif');

  const keep = new DeferredArtifactStore(name, setup.outDir);
  const sarif = await logger.group('Publishing', async (): Promise<SarifPublication> => {
    if (!inputs['upload-sarif']) return { status: 'disabled' };
    if (scoped.runs === 0) return { status: 'nothing-to-upload' };
    try {
      return await uploadSarif(setup.client, {
        sarif: scoped.log,
        ...codeScanningTarget(context),
        workspace,
        fork: context.event.kind === 'pull_request' && context.event.isFork,
        startedAt: setup.now,
        keep: { store: keep, name },
        ...(spec.sarifWait !== undefined ? { wait: spec.sarifWait } : {}),
      });
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      return { status: 'not-attempted', message: error.message };
    }
  });

  const files = [...RUN_OUTPUT_FILES.map((f) => join(setup.outDir, f)), ...reports, ...keep.addedFiles].filter((path) => existsSync(path));
  const artifact = await new RunArtifacts({ logger, ...(env.RUNNER_TEMP ? { tempDirectory: env.RUNNER_TEMP } : {}) }).uploadFromDisk(name, files, setup.outDir);
  if (artifact.status === 'uploaded') logger.info(`uploaded artifact ${name} (${files.length} files)`);

  const { notAnnotated } = annotateDecision(document);
  await writeJobSummary({
    document,
    action,
    omitted: rendered.omitted,
    notes: [...notes, ...[sarifNote(sarif, artifact), artifactNote(artifact, files.map((f) => relative(setup.outDir, f).split(sep).join('/'))), artifact.status === 'uploaded' ? undefined : 'policy-gate will not find this job\u2019s findings (it counts as a missing expected artifact).'].filter((n): n is string => n !== undefined)],
    runUrl: setup.runUrl,
    notAnnotated,
  });
  setRunOutputs(document, { findingsFile, sarifFile, reportDir: setup.outDir });

  const message = verdictMessage(action, document);
  logger.info(message);
  const failed = stepFailsOn(document.decision.verdict, inputs['fail-on']);
  if (failed) failStep(message);
  else if (document.decision.verdict === 'block' || document.decision.verdict === 'incomplete') logger.info(`fail-on: ${inputs['fail-on']}: the step does not fail; policy-gate decides`);
  return { document, artifactName: name, failed, outDir: setup.outDir, findingsFile, sarifFile, artifact, sarif, reports };
}

/** The engines' own notes (what a report said besides findings), each named by its engine. */
function engineNotes(outcomes: readonly EngineOutcome[]): string[] {
  return outcomes.flatMap((o) => o.notes.map((note) => (note.startsWith(o.engine.id) ? note : `${o.engine.id}: ${note}`)));
}

async function refine(outcomes: EngineOutcome[], hook: ScanActionSpec['refineOutcomes'], logger: Logger): Promise<{ outcomes: EngineOutcome[]; notes: string[] }> {
  if (!hook) return { outcomes, notes: [] };
  try {
    const refined = await hook(outcomes);
    return { outcomes: refined.outcomes, notes: refined.notes ?? [] };
  } catch (error) {
    logger.warning(`could not refine the engines' results: ${errorMessage(error)}`);
    return { outcomes, notes: [`The engines' results could not be refined (${errorMessage(error)}); they are used as reported.`] };
  }
}
