import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { actionLogger, failStep, type ActionLogger } from '@gatehouse/action-kit';
import { ConfigurationError, errorMessage, FINDINGS_SCHEMA_VERSION, type FindingsDocument } from '@gatehouse/findings';
import {
  artifactName,
  codeScanningTarget,
  GATEHOUSE_VERSION,
  isDefaultBranchRun,
  RunArtifacts,
  uploadSarif,
  upsertStickyComment,
  type ArtifactUploadOutcome,
  type ProcessingWait,
  type StickyCommentOutcome,
} from '@gatehouse/github';
import { createSourceReader, RUN_OUTPUT_FILES, renderOutputs, writeRunOutputs } from '@gatehouse/pipeline';
import { evaluate } from '@gatehouse/policy';
import { buildSarif, renderComment } from '@gatehouse/report';
import { prepareAction, type ActionSetup } from '../common/action-setup';
import { annotateDecision } from '../common/decision-annotations';
import { DeferredArtifactStore } from '../common/deferred-artifact-store';
import { evaluationContext } from '../common/evaluation-context';
import type { FindingsLedgerFactory } from '../common/findings-ledger';
import { artifactNote, commentNote, sarifNote, type SarifPublication } from '../common/publication-notes';

import { sarifCategoryScope, scopeSarifCategories } from '../common/sarif-scope';
import { setRunOutputs } from '../common/step-outputs';
import { modeNote, type ModeInput } from '../common/run-mode';
import { filesAtRef, type TrustedFiles } from '../common/trusted-files';
import { verdictMessage } from '../common/verdict-message';
import { writeJobSummary } from '../common/write-job-summary';
import { combineSources } from './combine-sources';
import { parseExpected } from './expected-artifacts';
import { gatherFindingsFiles, gatherRunArtifacts, gatherSarifFiles, missingExpectedArtifacts, type RunArtifactReader } from './gather-sources';
import type { GatheredSource } from './gathered-source';
import { selectImportedSarif } from './imported-sarif';
import { comparePolicyChange, policyChangeNote, policyChangeSection, type PolicyChange } from './policy-change';
import { sourcesNote, sourcesSection } from './sources-section';
import { expandWorkspaceGlobs } from './workspace-globs';

/** policy-gate's inputs, as its action.yml declares them. */
export interface GateInputs {
  token: string;
  policy: string;
  /** Actions, action/job pairs or artifact names whose findings artifact must be present. */
  expected: string[];
  /** Globs of findings.json files (workspace-relative). */
  findings: string[];
  /** Globs of SARIF files (workspace-relative), read by the `sarif` adapter. */
  sarif: string[];
  'upload-sarif': boolean;
  'upload-imported-sarif': boolean;
  comment: boolean;
  mode: ModeInput;
}

export interface GateActionSpec {
  inputs: GateInputs;
  /** Findings ledger for first-seen dates and the new-only baseline; written on default-branch runs (default: none yet). */
  ledger?: FindingsLedgerFactory;
  // For tests: the environment, the clock, the logger, the artifact client and GitHub's waits.
  env?: NodeJS.ProcessEnv;
  now?: Date;
  logger?: ActionLogger;
  artifacts?: RunArtifactReader & Pick<RunArtifacts, 'uploadFromDisk'>;
  clientOptions?: { retryBaseDelayMs?: number; writeIntervalMs?: number; rateLimitSecondMs?: number };
  sarifWait?: ProcessingWait | false;
}

export interface GateActionResult {
  document: FindingsDocument;
  sources: GatheredSource[];
  policyChange: PolicyChange;
  sarif: SarifPublication;
  comment: StickyCommentOutcome | { status: 'not-a-pull-request' } | { status: 'disabled' };
  artifact: ArtifactUploadOutcome;
  failed: boolean;
  outDir: string;
}

/** The policy as the pull request would leave it: its merge commit (pull_request) or head (pull_request_target). */
function pullRequestPolicyFiles(setup: ActionSetup): TrustedFiles | undefined {
  const { event } = setup.context;
  if (event.kind !== 'pull_request') return undefined;
  return event.name === 'pull_request'
    ? filesAtRef(setup.client, setup.context.sha, `pull request #${event.number}'s merge commit ${setup.context.sha.slice(0, 7)}`)
    : filesAtRef(setup.client, event.head.sha, `pull request #${event.number}'s head commit ${event.head.sha.slice(0, 7)}`);
}

async function gather(setup: ActionSetup, inputs: GateInputs, artifacts: RunArtifactReader): Promise<GatheredSource[]> {
  const expected = parseExpected(inputs.expected);
  const findingsMatches = await expandWorkspaceGlobs(setup.workspace, inputs.findings, 'findings');
  const sarifMatches = await expandWorkspaceGlobs(setup.workspace, inputs.sarif, 'sarif');
  const { sources, names } = await gatherRunArtifacts(artifacts, setup.logger);
  sources.push(...missingExpectedArtifacts(expected, names));
  sources.push(...gatherFindingsFiles(setup.workspace, findingsMatches));
  const source = createSourceReader(setup.workspace);
  sources.push(...gatherSarifFiles(setup.workspace, sarifMatches, { workspace: setup.workspace, salt: setup.salt, onSecretValue: setup.onSecretValue }, source.readLine));
  if (sources.length === 0) {
    // Nothing to judge is not "clean": the jobs that should have scanned did not say anything.
    sources.push({
      kind: 'expected-artifact',
      name: 'any findings',
      engines: [],
      findings: [],
      problems: ['no gatehouse-findings-* artifact in this run and no findings or sarif files given: there is nothing to judge (list the scanning jobs in needs: and expected:)'],
    });
  }
  return sources;
}

/**
 * policy-gate: gathers this run's findings artifacts, findings.json files and SARIF files; re-merges
 * them; evaluates them with the TRUSTED policy (the base commit's on pull requests: policy,
 * exceptions, VEX, baseline; a PR that changes them is shown the effect as information only); blocks
 * only new findings in new-only modes (against the ledger and the baseline file); publishes the job
 * summary, one sticky PR comment, annotations, SARIF for imported findings no action uploaded, and the
 * outputs; uploads its decision as `gatehouse-decision-policy-gate-<job>`; fails the step on block or
 * incomplete. Throws only for configuration errors (wrap in `runAction`).
 */
export async function runGateAction(spec: GateActionSpec): Promise<GateActionResult> {
  const { inputs } = spec;
  const logger = spec.logger ?? actionLogger;
  parseExpected(inputs.expected);
  const setup = await prepareAction({
    action: 'policy-gate',
    token: inputs.token,
    policyPath: inputs.policy,
    mode: inputs.mode,
    logger,
    ...(spec.env ? { env: spec.env } : {}),
    ...(spec.now ? { now: spec.now } : {}),
    ...(spec.ledger ? { ledger: spec.ledger } : {}),
    ...(spec.clientOptions ? { clientOptions: spec.clientOptions } : {}),
  });
  const { context, env, policy, audit, now } = setup;
  const artifacts = spec.artifacts ?? new RunArtifacts({ logger, ...(env.RUNNER_TEMP ? { tempDirectory: env.RUNNER_TEMP } : {}) });

  const sources = await logger.group('Gathering findings', () => gather(setup, inputs, artifacts));
  const { engines, findings } = combineSources(sources);
  const firstSeen = await setup.ledger.read();
  const evaluation = evaluate(findings, policy.loaded.policy, now, {
    ...(await evaluationContext({ policy, ledger: { read: async () => firstSeen }, mode: setup.mode })),
    engines,
  });
  const document: FindingsDocument = {
    schemaVersion: FINDINGS_SCHEMA_VERSION,
    tool: { name: 'gatehouse', version: GATEHOUSE_VERSION },
    target: setup.target,
    generatedAt: now.toISOString(),
    engines,
    decision: evaluation.decision,
    findings: evaluation.findings,
  };

  const headFiles = pullRequestPolicyFiles(setup);
  const policyChange: PolicyChange = headFiles
    ? await comparePolicyChange({ head: headFiles, base: policy, baseDecision: evaluation.decision, findings, engines, now, mode: setup.mode, firstSeen })
    : { kind: 'unchanged' };
  const changeNote = policyChangeNote(policyChange, policy.path);
  if (changeNote) logger.info(changeNote);

  const notes = [`Policy: ${policy.description}.`, modeNote(setup.mode, policy.loaded.policy.newOnly.modes), sourcesNote(sources)];
  const source = createSourceReader(setup.workspace);
  const rendered = renderOutputs(document, { source, audit, notes, runUrl: setup.runUrl });
  const scope = sarifCategoryScope('policy-gate');
  writeRunOutputs(setup.outDir, { ...rendered, sarif: scopeSarifCategories(rendered.sarif, scope).json });

  const decisionArtifact = artifactName({ kind: 'decision', action: 'policy-gate', job: context.job }, env);
  const keep = new DeferredArtifactStore(decisionArtifact, setup.outDir);
  const fork = context.event.kind === 'pull_request' && context.event.isFork;
  const { sarif, comment, artifact, ledgerNote, files } = await logger.group('Publishing', async () => {
    const sarif = await uploadImportedSarif(setup, spec, document, sources, keep, fork);
    const ledgerNote = await writeLedger(setup, document);
    const files = [...RUN_OUTPUT_FILES.map((f) => join(setup.outDir, f)), ...keep.addedFiles].filter((path) => existsSync(path));
    const artifact = await artifacts.uploadFromDisk(decisionArtifact, files, setup.outDir);
    const kept = sarif.status === 'uploaded' ? undefined : sarifNote(sarif, artifact);
    const comment = await writePullRequestComment(setup, inputs, document, [...(changeNote ? [changeNote] : []), ...(kept ? [kept] : [])], fork);
    return { sarif, comment, artifact, ledgerNote, files };
  });

  const { notAnnotated } = annotateDecision(document);
  await writeJobSummary({
    document,
    action: 'policy-gate',
    notes: [...notes, ...[sarifNote(sarif, artifact), commentNote(comment), ledgerNote, artifactNote(artifact, files.map((f) => relative(setup.outDir, f).split(sep).join('/')))].filter((n): n is string => n !== undefined)],
    runUrl: setup.runUrl,
    extra: [policyChangeSection(policyChange, policy.path), sourcesSection(sources)],
    notAnnotated,
  });
  setRunOutputs(document, { findingsFile: join(setup.outDir, 'findings.json'), sarifFile: join(setup.outDir, 'results.sarif'), reportDir: setup.outDir });

  const message = verdictMessage('policy-gate', document);
  logger.info(message);
  const failed = document.decision.verdict === 'block' || document.decision.verdict === 'incomplete';
  if (failed) failStep(message);
  return { document, sources, policyChange, sarif, comment, artifact, failed, outDir: setup.outDir };
}

async function uploadImportedSarif(
  setup: ActionSetup,
  spec: GateActionSpec,
  document: FindingsDocument,
  sources: readonly GatheredSource[],
  keep: DeferredArtifactStore,
  fork: boolean,
): Promise<SarifPublication> {
  const { inputs } = spec;
  if (!inputs['upload-sarif']) return { status: 'disabled' };
  const selection = selectImportedSarif(document, sources, { uploadFindingsFiles: true, uploadSarifFiles: inputs['upload-imported-sarif'] });
  if (selection.ownedByActions.length) setup.logger.info(`not uploading ${selection.ownedByActions.join(', ')} again: a scanning action's artifact has them and uploads its own SARIF`);
  if (!selection.document) return { status: 'nothing-to-upload' };
  const source = createSourceReader(setup.workspace);
  const built = buildSarif(selection.document, { readFile: source.readFile, readLine: source.readLine, toolVersion: GATEHOUSE_VERSION });
  const scoped = scopeSarifCategories(built.json, sarifCategoryScope('policy-gate'));
  if (scoped.runs === 0) return { status: 'nothing-to-upload' };
  try {
    return await uploadSarif(setup.client, {
      sarif: scoped.log,
      ...codeScanningTarget(setup.context),
      workspace: setup.workspace,
      fork,
      startedAt: setup.now,
      keep: { store: keep, name: keep.artifactName },
      ...(spec.sarifWait !== undefined ? { wait: spec.sarifWait } : {}),
    });
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    return { status: 'not-attempted', message: error.message };
  }
}

async function writePullRequestComment(
  setup: ActionSetup,
  inputs: GateInputs,
  document: FindingsDocument,
  notes: string[],
  fork: boolean,
): Promise<StickyCommentOutcome | { status: 'not-a-pull-request' } | { status: 'disabled' }> {
  const { event } = setup.context;
  if (event.kind !== 'pull_request') return { status: 'not-a-pull-request' };
  if (!inputs.comment) return { status: 'disabled' };
  // A fork's pull_request run has a read-only token: GitHub would refuse the comment.
  if (fork && event.name === 'pull_request') {
    setup.logger.info('no pull request comment: pull requests from forks get a read-only token');
    return { status: 'skipped', reason: 'fork', message: 'pull requests from forks get a read-only token' };
  }
  const body = renderComment(document, { notes, runUrl: setup.runUrl, now: setup.now });
  return upsertStickyComment(setup.client, { issueNumber: event.number, body, fork });
}

/** Records first-seen dates, on default-branch runs only; a failure is said, never changes the verdict. */
async function writeLedger(setup: ActionSetup, document: FindingsDocument): Promise<string | undefined> {
  if (!setup.ledger.write || !isDefaultBranchRun(setup.context)) return undefined;
  try {
    await setup.ledger.write(document.findings, setup.now);
    return undefined;
  } catch (error) {
    const message = `The findings ledger could not be written: ${errorMessage(error).slice(0, 500)}. First-seen dates of new findings will be recorded by the next default-branch run.`;
    setup.logger.warning(message);
    return message;
  }
}
