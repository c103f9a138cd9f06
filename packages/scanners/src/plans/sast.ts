import { ConfigurationError, toRepoPath } from '@gatehouse/findings';
import type { EngineInvocation, ScanPlan } from '../scan-plan';
import { disabledRules } from '../container-hardening/rules';
import { fileKind } from '../container-hardening/collect-files';
import { DEFAULT_SEMGREP_CONFIGS } from '../semgrep/command';

/**
 * The sast action's plan (docs/sast.md): semgrep, bandit, trivy config and container hardening,
 * decided from the event, the inputs and the files present. On a pull request only what changed is
 * scanned where the engine allows it: semgrep reports what is new since the base commit
 * (--baseline-commit), bandit and container hardening read only the changed files, and trivy config
 * runs (on its whole directories, as Terraform modules and Helm charts need) only when an
 * infrastructure file changed. CodeQL is GitHub's own action; policy-gate gathers its SARIF.
 */
export interface SastPlanInput {
  event: 'pull_request' | 'push' | 'schedule' | 'workflow_dispatch' | 'local';
  /** Absolute path of the checked-out repository. */
  workspace: string;
  /** Pull request base and head commits. */
  baseSha?: string;
  headSha?: string;
  /** Files of the workspace, repository-relative (`trackedFiles`). */
  files: readonly string[];
  /** Pull requests: added, modified or renamed files (`changedFiles`); undefined when unknown. */
  changedFiles?: readonly string[];
  /** Why the changed files are unknown, for the summary. */
  changedFilesProblem?: string;
  /** Pull requests scan only what changed (default). False: full scans on pull requests too. */
  diffAware?: boolean;
  semgrep?: {
    enabled?: boolean;
    /** Registry packs or rule files/URLs (default p/security-audit, p/secrets, p/owasp-top-ten). */
    configs?: readonly string[];
    /** A local rules file or directory (air-gapped runners); used instead of the default packs. */
    rulesPath?: string;
    timeoutSeconds?: number;
  };
  bandit?: { enabled?: boolean; paths?: readonly string[]; configPath?: string };
  trivyConfig?: { enabled?: boolean; paths?: readonly string[]; regoPolicies?: readonly string[]; regoNamespaces?: readonly string[] };
  containerHardening?: { enabled?: boolean; paths?: readonly string[]; disabledRules?: readonly string[] };
}

/** More changed Python files than this and bandit scans its configured paths instead (argv limits). */
export const MAX_CHANGED_FILES_ON_ARGV = 1_000;

const short = (sha: string | undefined) => (sha ? sha.slice(0, 7) : '?');

/** A configured path: repository-relative, inside the workspace. */
function repoPath(raw: string, what: string, workspace: string): string {
  if (raw.trim() === '.' || raw.trim() === './') return '.';
  const resolved = toRepoPath(raw, workspace);
  if (!resolved.ok) throw new ConfigurationError(`${what}: "${raw.slice(0, 200)}" ${resolved.reason}`);
  return resolved.path;
}

/** A semgrep config: a registry id, a URL or a path; never something semgrep would read as an option. */
function semgrepConfig(raw: string): string {
  const config = raw.trim();
  if (config === '' || config.startsWith('-') || /[\0\r\n]/.test(config)) throw new ConfigurationError(`semgrep config "${raw.slice(0, 200)}" is not a registry id, URL or path`);
  return config;
}

const under = (path: string, roots: readonly string[]) => roots.includes('.') || roots.some((r) => path === r || path.startsWith(`${r}/`));
const isPython = (path: string) => /\.pyw?$/i.test(path);
const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** Files trivy config reads: Dockerfiles, Terraform, YAML (Kubernetes, Helm, CloudFormation), ARM/CloudFormation JSON templates. */
export function isIacCandidate(path: string): boolean {
  const name = baseName(path).toLowerCase();
  if (fileKind(baseName(path)) === 'dockerfile') return true;
  if (/\.(tf|tf\.json|tfvars|ya?ml)$/.test(name) || name === 'chart.yaml' || name.endsWith('.tgz')) return true;
  return name.endsWith('.json') && /(template|cloudformation|azuredeploy|tfplan)/.test(name);
}

export function planSast(input: SastPlanInput): ScanPlan {
  const plan: ScanPlan = { invocations: [], notRun: [], notes: [] };
  const onPullRequest = input.event === 'pull_request' && input.diffAware !== false;
  if (onPullRequest && !input.baseSha) throw new ConfigurationError('a pull request scan needs the base commit (baseSha)');
  const changed = onPullRequest ? input.changedFiles : undefined;
  const diffFiles = changed !== undefined;
  if (onPullRequest) {
    plan.notes.push(
      diffFiles
        ? `Pull request ${short(input.baseSha)}…${short(input.headSha)}: ${changed!.length} files changed; only changed files are scanned where the engine supports it`
        : `Pull request: the changed files are unknown${input.changedFilesProblem ? ` (${input.changedFilesProblem})` : ''}, so bandit and container hardening scan everything`,
    );
  } else if (input.event === 'pull_request') {
    plan.notes.push('Pull request scanned in full (diff-aware scanning is off)');
  }
  const workspace = input.workspace;
  const invoke = (invocation: EngineInvocation) => plan.invocations.push(invocation);

  // semgrep: the whole workspace; on a pull request only findings new since the base commit.
  const semgrep = input.semgrep ?? {};
  if (semgrep.enabled === false) plan.notRun.push({ engine: 'semgrep', reason: 'semgrep is switched off' });
  else if (input.files.length === 0) plan.notRun.push({ engine: 'semgrep', reason: 'no files to scan' });
  else if (diffFiles && changed!.length === 0) plan.notRun.push({ engine: 'semgrep', reason: 'the pull request changes no files' });
  else {
    const configs = (semgrep.configs ?? (semgrep.rulesPath ? [] : DEFAULT_SEMGREP_CONFIGS)).map(semgrepConfig);
    const rulesPath = semgrep.rulesPath ? repoPath(semgrep.rulesPath, 'semgrep rules path', workspace) : undefined;
    if (semgrep.timeoutSeconds !== undefined && !(Number.isInteger(semgrep.timeoutSeconds) && semgrep.timeoutSeconds > 0 && semgrep.timeoutSeconds <= 3_600)) {
      throw new ConfigurationError(`semgrep timeout must be a whole number of seconds from 1 to 3600, got ${semgrep.timeoutSeconds}`);
    }
    const extraArgs = [...configs.flatMap((c) => ['--config', c]), ...(semgrep.timeoutSeconds ? ['--timeout', String(semgrep.timeoutSeconds)] : [])];
    const rules = [...configs, ...(rulesPath ? [rulesPath] : [])].join(', ');
    invoke({
      engine: 'semgrep',
      label: onPullRequest ? `new findings since ${short(input.baseSha)} (${rules})` : `full scan (${rules})`,
      options: {
        workspace,
        targets: [],
        mode: onPullRequest ? 'diff' : 'full',
        ...(onPullRequest ? { baseCommit: input.baseSha! } : {}),
        ...(rulesPath ? { configPath: `${workspace}/${rulesPath}` } : {}),
        ...(extraArgs.length ? { extraArgs } : {}),
      },
    });
    if (onPullRequest) plan.notes.push(`semgrep: reports only findings new since the base commit ${short(input.baseSha)} (--baseline-commit)`);
    if (configs.some((c) => /^(p|r|s)\//.test(c) || c === 'auto')) plan.notes.push('semgrep: registry rules are downloaded from semgrep.dev; air-gapped runners need a local rules path (docs/engines/semgrep.md)');
  }

  // bandit: the configured paths; on a pull request only the changed Python files under them.
  const bandit = input.bandit ?? {};
  const banditRoots = (bandit.paths?.length ? bandit.paths : ['.']).map((p) => repoPath(p, 'bandit path', workspace));
  const python = input.files.filter((f) => isPython(f) && under(f, banditRoots));
  if (bandit.enabled === false) plan.notRun.push({ engine: 'bandit', reason: 'bandit is switched off' });
  else if (python.length === 0) plan.notRun.push({ engine: 'bandit', reason: `no Python files under ${banditRoots.join(', ')}` });
  else {
    const changedPython = diffFiles ? changed!.filter((f) => isPython(f) && under(f, banditRoots)) : undefined;
    const configPath = bandit.configPath ? `${workspace}/${repoPath(bandit.configPath, 'bandit config', workspace)}` : undefined;
    if (changedPython && changedPython.length === 0) plan.notRun.push({ engine: 'bandit', reason: 'no Python file changed in this pull request' });
    else if (changedPython && changedPython.length <= MAX_CHANGED_FILES_ON_ARGV) {
      invoke({ engine: 'bandit', label: `${changedPython.length} changed Python files`, options: { workspace, targets: changedPython, mode: 'diff', ...(configPath ? { configPath } : {}) } });
      plan.notes.push(`bandit: scans the ${changedPython.length} changed Python files`);
    } else {
      const targets = banditRoots.includes('.') ? [] : banditRoots;
      invoke({ engine: 'bandit', label: `full scan of ${banditRoots.join(', ')}`, options: { workspace, targets, mode: 'full', ...(configPath ? { configPath } : {}) } });
      if (changedPython) plan.notes.push(`bandit: ${changedPython.length} Python files changed, more than ${MAX_CHANGED_FILES_ON_ARGV}: scans ${banditRoots.join(', ')} in full`);
    }
  }

  // trivy config: whole directories (modules and charts need them), when an IaC file is there / changed.
  const trivy = input.trivyConfig ?? {};
  const trivyRoots = (trivy.paths?.length ? trivy.paths : ['.']).map((p) => repoPath(p, 'trivy config path', workspace));
  const iac = input.files.filter((f) => isIacCandidate(f) && under(f, trivyRoots));
  const policies = (trivy.regoPolicies ?? []).map((p) => repoPath(p, 'Rego policy path', workspace));
  const namespaces = trivy.regoNamespaces?.length ? trivy.regoNamespaces : policies.length ? ['user'] : [];
  for (const ns of namespaces) if (!/^[A-Za-z_][\w.]*$/.test(ns)) throw new ConfigurationError(`Rego namespace "${ns.slice(0, 100)}" is not a package name`);
  const regoArgs = [...policies.flatMap((p) => ['--config-check', `${workspace}/${p}`]), ...namespaces.flatMap((ns) => ['--check-namespaces', ns])];
  if (trivy.enabled === false) plan.notRun.push({ engine: 'trivy', reason: 'trivy config is switched off' });
  else if (iac.length === 0) plan.notRun.push({ engine: 'trivy', reason: `no infrastructure-as-code files under ${trivyRoots.join(', ')}` });
  else if (diffFiles && !changed!.some((f) => isIacCandidate(f) && under(f, trivyRoots))) plan.notRun.push({ engine: 'trivy', reason: 'no infrastructure-as-code file changed in this pull request' });
  else {
    for (const root of trivyRoots) {
      invoke({
        engine: 'trivy',
        instance: root,
        label: `trivy config ${root}`,
        options: { workspace, targets: [root], mode: 'config', ...(regoArgs.length ? { extraArgs: regoArgs } : {}) },
      });
    }
    if (diffFiles) plan.notes.push(`trivy config: an infrastructure file changed, so ${trivyRoots.join(', ')} is scanned in full (Terraform modules and Helm charts are checked as a whole)`);
    if (policies.length) plan.notes.push(`trivy config: also checks your Rego policies (${policies.join(', ')}; namespaces ${namespaces.join(', ')})`);
  }

  // container hardening: Dockerfiles and compose files; on a pull request only the changed ones.
  const hardening = input.containerHardening ?? {};
  const hardeningRoots = (hardening.paths?.length ? hardening.paths : ['.']).map((p) => repoPath(p, 'container hardening path', workspace));
  const disableArgs = [...(hardening.disabledRules ?? [])].flatMap((r) => ['--disable', r]);
  disabledRules(disableArgs); // refuses unknown rule names now, not in the middle of the run
  const images = input.files.filter((f) => fileKind(baseName(f)) !== undefined && under(f, hardeningRoots));
  if (hardening.enabled === false) plan.notRun.push({ engine: 'container-hardening', reason: 'container hardening is switched off' });
  else if (images.length === 0) plan.notRun.push({ engine: 'container-hardening', reason: `no Dockerfile or compose file under ${hardeningRoots.join(', ')}` });
  else {
    const changedImages = diffFiles ? changed!.filter((f) => fileKind(baseName(f)) !== undefined && under(f, hardeningRoots)) : undefined;
    const extra = disableArgs.length ? { extraArgs: disableArgs } : {};
    if (changedImages && changedImages.length === 0) plan.notRun.push({ engine: 'container-hardening', reason: 'no Dockerfile or compose file changed in this pull request' });
    else if (changedImages) {
      invoke({ engine: 'container-hardening', label: `${changedImages.length} changed Dockerfiles and compose files`, options: { workspace, targets: changedImages, mode: 'diff', ...extra } });
      plan.notes.push(`container hardening: checks the ${changedImages.length} changed Dockerfiles and compose files`);
    } else {
      invoke({ engine: 'container-hardening', label: `${images.length} Dockerfiles and compose files`, options: { workspace, targets: hardeningRoots.includes('.') ? [] : hardeningRoots, mode: 'full', ...extra } });
    }
    if (hardening.disabledRules?.length) plan.notes.push(`container hardening: rules switched off: ${hardening.disabledRules.join(', ')}`);
  }
  return plan;
}
