import { ConfigurationError } from '@gatehouse/findings';
import type { EngineId } from '../adapter';
import { gitleaksLogOpts, revisionArgs, type RevisionRange } from '../git/revision-args';
import type { ScanRange } from '../git/scan-range';
import type { EngineInvocation, ScanPlan } from '../scan-plan';

/** `auto`: the engine's default (gitleaks on when it can run, detect-secrets when there is a baseline, trufflehog off). */
export type EngineSwitch = 'auto' | 'on' | 'off';

export interface SecretsPlanInput {
  workspace: string;
  /** GitHub Actions (an engine asked for must run) or a laptop (a missing engine is listed, not failing). */
  runtime: 'actions' | 'local';
  /**
   * What to scan: a history range established by `resolveScanRange` (pull request, push, full
   * history), the index (`gatehouse scan --staged`, the pre-commit hook), or the files as they are.
   */
  target: { kind: 'history'; range: ScanRange } | { kind: 'staged' } | { kind: 'files'; paths?: readonly string[] };
  engines?: { gitleaks?: EngineSwitch; detectSecrets?: EngineSwitch; trufflehog?: EngineSwitch; secretlint?: 'on' | 'off' };
  /**
   * Where the engines' configuration files are read from: on pull_request the base ref's copy
   * (`materialiseTrustedSecretsConfig`), else the workspace. Never the PR's own checkout.
   */
  trustedConfigDir?: string;
  /** Which of SECRETS_TRUSTED_FILES exist in `trustedConfigDir` (or the workspace). */
  trustedFiles: readonly string[];
  /** On a laptop: which external engines were found (toolchain `resolveTool`). In Actions they are installed. */
  available?: Partial<Record<'gitleaks' | 'detect-secrets' | 'trufflehog', boolean>>;
  /** trufflehog sends each candidate to its provider's API to verify it (default: yes). */
  trufflehogVerify?: boolean;
}

export interface SecretsScanPlan extends ScanPlan {
  /**
   * Engines that should run and cannot scan what was asked (the range is incomplete: a shallow
   * checkout that could not be deepened). The run must report them `incomplete`, never clean.
   */
  incomplete: { engine: EngineId; reason: string }[];
  /** What the history scan covers, for the summary ("pull request #12: 1a2b3c4..5d6e7f8, 40 commits"). */
  range?: { description: string; commitCount: number; complete: boolean };
}

interface Decided {
  run: boolean;
  required: boolean;
  reason?: string;
}

function decideExternal(engine: 'gitleaks' | 'detect-secrets' | 'trufflehog', setting: EngineSwitch, input: SecretsPlanInput, defaultOn: boolean, offReason: string): Decided {
  if (setting === 'off') return { run: false, required: false, reason: `${engine} is turned off` };
  if (setting === 'auto' && !defaultOn) return { run: false, required: false, reason: offReason };
  const onLaptop = input.runtime === 'local';
  if (onLaptop && input.available?.[engine] === false) {
    // Asked for by name: the run is incomplete without it. Else it is listed as not run.
    return setting === 'on' ? { run: true, required: true } : { run: false, required: false, reason: `${engine} is not installed` };
  }
  return { run: true, required: input.runtime === 'actions' || setting === 'on' };
}

const isSingleExclude = (range: RevisionRange) => range.kind === 'all' || (range.include.length === 1 && range.exclude.length === 1);

/**
 * The secrets scan: which engines run, on what, in which mode. Pure: the git facts (the range and
 * its commit count) are established beforehand by `resolveScanRange`, and the trusted config files
 * materialised by `materialiseTrustedSecretsConfig`.
 *
 * - secretlint always runs (it needs no download): over the added lines of the range, of the
 *   index, or over the files.
 * - gitleaks (primary): the same range through `--log-opts`, `git --staged`, or `dir`.
 * - detect-secrets: when the repository keeps a `.secrets.baseline` (or when turned on); it scans
 *   the working tree against the baseline (it has no history mode).
 * - trufflehog: off unless turned on; `base..head` ranges, full history and files only.
 */
export function planSecrets(input: SecretsPlanInput): SecretsScanPlan {
  const plan: SecretsScanPlan = { invocations: [], notRun: [], notes: [], incomplete: [] };
  const has = (file: string) => input.trustedFiles.includes(file);
  const base = { workspace: input.workspace, ...(input.trustedConfigDir ? { trustedConfigDir: input.trustedConfigDir } : {}) };
  const engines = input.engines ?? {};
  const target = input.target;

  // What a history engine is given, or why it cannot run.
  let history: { label: string; range: RevisionRange } | { skip: string } | { incomplete: string } | undefined;
  if (target.kind === 'history') {
    const r = target.range;
    plan.range = { description: r.description, commitCount: r.commitCount, complete: r.complete };
    plan.notes.push(`Scanned: ${r.description}`, ...r.notes);
    if (!r.complete) history = { incomplete: `the range cannot be scanned completely: ${r.problem ?? 'commits are missing'}` };
    else if (!r.range) history = { skip: r.description };
    else if (r.commitCount === 0) history = { skip: `${r.description}: no commit to scan` };
    else history = { label: r.description, range: r.range };
  }

  const historyLabel = history && 'label' in history ? history.label : '';
  const add = (engine: EngineId, invocation: Omit<EngineInvocation, 'engine'>) => plan.invocations.push({ engine, ...invocation });
  const historyEngine = (engine: EngineId, required: boolean, make: (range: RevisionRange) => Omit<EngineInvocation, 'engine'> | string) => {
    if (!history) return false;
    if ('incomplete' in history) {
      if (required) plan.incomplete.push({ engine, reason: history.incomplete });
      else plan.notRun.push({ engine, reason: history.incomplete });
    } else if ('skip' in history) plan.notRun.push({ engine, reason: history.skip });
    else {
      const made = make(history.range);
      if (typeof made === 'string') plan.notRun.push({ engine, reason: made });
      else add(engine, { ...made, required });
    }
    return true;
  };

  // secretlint
  if (engines.secretlint === 'off') plan.notRun.push({ engine: 'secretlint', reason: 'secretlint is turned off' });
  else {
    const required = input.runtime === 'actions';
    const handled = historyEngine('secretlint', required, (range) => ({
      label: `${historyLabel} (added lines)`,
      options: { ...base, targets: [], mode: 'history', ...(range.kind === 'all' ? {} : { gitRange: revisionArgs(range).join(' ') }) },
    }));
    if (!handled && target.kind === 'staged') add('secretlint', { label: 'staged changes (added lines)', options: { ...base, targets: [], mode: 'staged' }, required });
    if (!handled && target.kind === 'files') add('secretlint', { label: 'files', options: { ...base, targets: [...(target.paths ?? [])], mode: 'full' }, required });
    if (has('.secretlintignore')) plan.notes.push('secretlint honours .secretlintignore from the trusted configuration');
  }

  // gitleaks
  const gitleaks = decideExternal('gitleaks', engines.gitleaks ?? 'auto', input, true, '');
  if (!gitleaks.run) plan.notRun.push({ engine: 'gitleaks', reason: `${gitleaks.reason}; secretlint applies the same Gatehouse rules` });
  else {
    const handled = historyEngine('gitleaks', gitleaks.required, (range) => {
      const logOpts = gitleaksLogOpts(range);
      return { label: historyLabel, options: { ...base, targets: [], mode: 'history', ...(logOpts ? { gitRange: logOpts } : {}) } };
    });
    if (!handled && target.kind === 'staged') add('gitleaks', { label: 'staged changes', options: { ...base, targets: [], mode: 'staged' }, required: gitleaks.required });
    if (!handled && target.kind === 'files') add('gitleaks', { label: 'files', options: { ...base, targets: [], mode: 'full' }, required: gitleaks.required });
    if (has('.gitleaks.toml')) plan.notes.push(`gitleaks uses the repository's .gitleaks.toml${input.trustedConfigDir ? ' from the trusted configuration' : ''}, composed onto Gatehouse's default when it says \`[extend] useDefault = true\``);
    if (has('.gitleaksignore')) plan.notes.push('gitleaks honours .gitleaksignore from the trusted configuration');
  }

  // detect-secrets
  const dsSetting = engines.detectSecrets ?? 'auto';
  if (dsSetting === 'on' && !has('.secrets.baseline')) {
    throw new ConfigurationError('detect-secrets is turned on but the repository has no .secrets.baseline; create one with `detect-secrets scan > .secrets.baseline` and audit it (`detect-secrets audit .secrets.baseline`)');
  }
  const ds = decideExternal('detect-secrets', dsSetting, input, has('.secrets.baseline'), 'no .secrets.baseline in the repository');
  if (!ds.run) plan.notRun.push({ engine: 'detect-secrets', reason: ds.reason! });
  else if (target.kind === 'staged') plan.notRun.push({ engine: 'detect-secrets', reason: 'detect-secrets checks staged changes with its own hook (detect-secrets-hook); not run here' });
  else add('detect-secrets', { label: 'working tree against .secrets.baseline', options: { ...base, targets: [], mode: 'full' }, required: ds.required });

  // trufflehog
  const th = decideExternal('trufflehog', engines.trufflehog ?? 'auto', input, false, 'trufflehog is optional and not turned on');
  if (!th.run) plan.notRun.push({ engine: 'trufflehog', reason: th.reason! });
  else {
    const extraArgs = input.trufflehogVerify === false ? ['--no-verification'] : [];
    const handled = historyEngine('trufflehog', th.required, (range) =>
      isSingleExclude(range)
        ? { label: historyLabel, options: { ...base, targets: [], mode: 'history', ...(range.kind === 'all' ? {} : { gitRange: revisionArgs(range).join(' ') }), extraArgs } }
        : 'trufflehog scans base..head ranges only; this push is a new branch or a force push (gitleaks and secretlint scan it)',
    );
    if (!handled && target.kind === 'staged') plan.notRun.push({ engine: 'trufflehog', reason: 'trufflehog has no staged mode' });
    if (!handled && target.kind === 'files') add('trufflehog', { label: 'files', options: { ...base, targets: [...(target.paths ?? [])], mode: 'full', extraArgs }, required: th.required });
    if (input.trufflehogVerify !== false) plan.notes.push("trufflehog verifies each candidate with its provider's API; a verified secret is critical");
  }

  return plan;
}

/**
 * What `gatehouse scan --staged` (and the pre-commit hook) runs: secretlint over the added lines of
 * the index (`git diff --cached -U0`), plus `gitleaks git --staged` when gitleaks is installed.
 */
export function planStagedSecretsScan(input: { workspace: string; gitleaksInstalled: boolean; trustedFiles?: readonly string[] }): SecretsScanPlan {
  return planSecrets({
    workspace: input.workspace,
    runtime: 'local',
    target: { kind: 'staged' },
    trustedFiles: input.trustedFiles ?? [],
    available: { gitleaks: input.gitleaksInstalled },
    engines: { detectSecrets: 'off', trufflehog: 'off' },
  });
}
