import { preferTrustedCommitInCheckout, type ScanPlanSetup } from '@gatehouse/action-runtime';
import { errorMessage } from '@gatehouse/findings';
import { gatherSastGitFacts, planSast, resolveScanRange, type EngineId, type SastPlanInput, type ScanPlan } from '@gatehouse/scanners';
import type { SastInputs } from './inputs';
import { trustedBanditConfig } from './trusted-bandit-config';
import { copyTreeAtCommit } from './trusted-tree';

type SastEvent = SastPlanInput['event'];

function sastEvent(kind: ScanPlanSetup['context']['event']['kind']): SastEvent {
  switch (kind) {
    case 'pull_request':
      return 'pull_request';
    case 'push':
    case 'merge_group':
      return 'push';
    case 'workflow_dispatch':
      return 'workflow_dispatch';
    default:
      return 'schedule';
  }
}

/**
 * sast's plan: on a pull request, the base and head commits made present (fetched into a shallow
 * checkout unless `fetch-history: false`) so the changed files and semgrep's baseline can be had,
 * and the engines' configuration read from the base commit; then `planSast` decides what each
 * engine scans. An engine whose trusted configuration cannot be had is `incomplete`, never run with
 * the pull request's own configuration.
 */
export async function planSastScan(setup: ScanPlanSetup, inputs: SastInputs): Promise<ScanPlan> {
  const { workspace, context, logger } = setup;
  const event = context.event;
  const pullRequest = event.kind === 'pull_request' ? { base: event.base.sha, head: event.head.sha, number: event.number } : undefined;
  const notes: string[] = [];
  if (pullRequest) {
    const range = await resolveScanRange(workspace, { kind: 'pull_request', baseSha: pullRequest.base, headSha: pullRequest.head, number: pullRequest.number }, {
      ...(context.repository.defaultBranch ? { defaultBranch: context.repository.defaultBranch } : {}),
      fetch: { allowed: inputs['fetch-history'] },
      logger,
    });
    notes.push(...range.notes);
  }
  const facts = await gatherSastGitFacts(workspace, pullRequest);

  const plan = planSast({
    event: sastEvent(event.kind),
    workspace,
    ...(pullRequest ? { baseSha: pullRequest.base, headSha: pullRequest.head } : {}),
    files: facts.files,
    ...(facts.changedFiles ? { changedFiles: facts.changedFiles } : {}),
    ...(facts.problem ? { changedFilesProblem: facts.problem } : {}),
    diffAware: inputs['diff-aware'],
    semgrep: {
      enabled: inputs.semgrep,
      // A local rules path replaces the registry packs (runners without access to semgrep.dev).
      ...(inputs['semgrep-rules-path'] ? { rulesPath: inputs['semgrep-rules-path'] } : { configs: inputs['semgrep-config'] }),
      timeoutSeconds: inputs['semgrep-timeout'],
    },
    bandit: { enabled: inputs.bandit, ...(inputs['bandit-paths'] ? { paths: inputs['bandit-paths'] } : {}), ...(inputs['bandit-config'] ? { configPath: inputs['bandit-config'] } : {}) },
    trivyConfig: {
      enabled: inputs['trivy-config'],
      ...(inputs['trivy-config-paths'] ? { paths: inputs['trivy-config-paths'] } : {}),
      ...(inputs['trivy-rego-policies'] ? { regoPolicies: inputs['trivy-rego-policies'] } : {}),
      ...(inputs['trivy-rego-namespaces'] ? { regoNamespaces: inputs['trivy-rego-namespaces'] } : {}),
    },
    containerHardening: {
      enabled: inputs['container-hardening'],
      ...(inputs['container-hardening-paths'] ? { paths: inputs['container-hardening-paths'] } : {}),
      ...(inputs['container-hardening-disable'] ? { disabledRules: inputs['container-hardening-disable'] } : {}),
    },
  });
  plan.notes.unshift(...notes);
  if (pullRequest) await useBaseCommitConfiguration(plan, setup, inputs, pullRequest.base);
  return plan;
}

/** Marks an engine incomplete instead of running it (its trusted configuration is missing). */
function withhold(plan: ScanPlan, engine: EngineId, reason: string): void {
  plan.invocations = plan.invocations.filter((i) => i.engine !== engine);
  (plan.incomplete ??= []).push({ engine, reason });
}

/**
 * Points every engine's configuration at the base commit's copy (docs/sast.md, "What the action
 * wrapper does"): semgrep's rules path, trivy's Rego policies, bandit's config. planSast made them
 * workspace paths, which on a pull request hold the pull request's version.
 */
async function useBaseCommitConfiguration(plan: ScanPlan, setup: ScanPlanSetup, inputs: SastInputs, base: string): Promise<void> {
  const { workspace, privateDir } = setup;
  const trustedCopy = async (path: string) => {
    try {
      return await copyTreeAtCommit(workspace, base, path.replace(/^\.\//, '').replace(/\/+$/, '') || '.', privateDir);
    } catch (error) {
      return { status: 'missing' as const, reason: errorMessage(error) };
    }
  };

  const semgrep = plan.invocations.filter((i) => i.engine === 'semgrep');
  const rulesPath = inputs['semgrep-rules-path'];
  if (semgrep.length && rulesPath) {
    const copy = await trustedCopy(rulesPath);
    if (copy.status === 'missing') withhold(plan, 'semgrep', `semgrep's rules ${rulesPath} cannot be read from the base commit: ${copy.reason}`);
    else {
      for (const invocation of semgrep) invocation.options = { ...invocation.options, configPath: copy.path };
      plan.notes.push(`semgrep uses the rules of ${rulesPath} from the base commit ${base.slice(0, 7)}`);
    }
  }

  const trivy = plan.invocations.filter((i) => i.engine === 'trivy');
  const policies = inputs['trivy-rego-policies'] ?? [];
  if (trivy.length && policies.length) {
    const replacements = new Map<string, string>();
    for (const policy of policies) {
      const copy = await trustedCopy(policy);
      if (copy.status === 'missing') {
        withhold(plan, 'trivy', `the Rego policies ${policy} cannot be read from the base commit: ${copy.reason}`);
        break;
      }
      replacements.set(`${workspace}/${policy.replace(/^\.\//, '').replace(/\/+$/, '')}`, copy.path);
    }
    for (const invocation of plan.invocations.filter((i) => i.engine === 'trivy')) {
      invocation.options = { ...invocation.options, extraArgs: (invocation.options.extraArgs ?? []).map((arg) => replacements.get(arg) ?? arg) };
    }
    if (plan.invocations.some((i) => i.engine === 'trivy')) plan.notes.push(`trivy config checks the Rego policies of the base commit ${base.slice(0, 7)}`);
  }

  const bandit = plan.invocations.filter((i) => i.engine === 'bandit');
  if (bandit.length) {
    const config = await trustedBanditConfig(await preferTrustedCommitInCheckout(setup.files, workspace), inputs['bandit-config'], privateDir);
    if (config.status === 'missing') withhold(plan, 'bandit', config.reason);
    else {
      for (const invocation of bandit) invocation.options = { ...invocation.options, configPath: config.path };
      plan.notes.push(config.note);
    }
  }
}
