import { preferTrustedCommitInCheckout, type ScanPlanSetup } from '@gatehouse/action-runtime';
import { planSecrets, resolveScanRange, type SecretsScanPlan } from '@gatehouse/scanners';
import { copyGitleaksConfig } from './gitleaks-config-input';
import { engineSwitches, type SecretsScanInputs } from './inputs';
import { scanEventFor } from './scan-event';
import { trustedSecretsConfig } from './trusted-secrets-config';

/**
 * secrets-scan's plan: the commits of the event, established against the checkout (fetching what
 * a shallow checkout lacks unless `fetch-history: false`), the engines' configuration from the
 * trusted commit, and `planSecrets` deciding which engine scans what.
 */
export async function planSecretsScan(setup: ScanPlanSetup, inputs: SecretsScanInputs): Promise<SecretsScanPlan> {
  const { workspace, context, logger } = setup;
  const range = await resolveScanRange(workspace, scanEventFor(context), {
    ...(context.repository.defaultBranch ? { defaultBranch: context.repository.defaultBranch } : {}),
    fetch: { allowed: inputs['fetch-history'] },
    logger,
  });
  const trusted = await trustedSecretsConfig(setup);
  const plan = planSecrets({
    workspace,
    runtime: 'actions',
    target: { kind: 'history', range },
    engines: engineSwitches(inputs),
    ...(trusted.dir ? { trustedConfigDir: trusted.dir } : {}),
    trustedFiles: trusted.files,
    trufflehogVerify: inputs['trufflehog-verify'],
  });
  plan.notes.push(...trusted.notes);
  if (inputs['gitleaks-config']) await useGitleaksConfigInput(plan, setup, inputs['gitleaks-config']);
  return plan;
}

async function useGitleaksConfigInput(plan: SecretsScanPlan, setup: ScanPlanSetup, path: string): Promise<void> {
  const gitleaks = plan.invocations.filter((i) => i.engine === 'gitleaks');
  if (gitleaks.length === 0) return;
  const files = await preferTrustedCommitInCheckout(setup.files, setup.workspace);
  const copy = await copyGitleaksConfig(files, path, setup.privateDir);
  if (copy.status === 'missing') {
    plan.invocations = plan.invocations.filter((i) => i.engine !== 'gitleaks');
    plan.incomplete.push({ engine: 'gitleaks', reason: copy.reason });
    return;
  }
  for (const invocation of gitleaks) invocation.options = { ...invocation.options, configPath: copy.path };
  plan.notes = plan.notes.filter((note) => !note.startsWith("gitleaks uses the repository's .gitleaks.toml"));
  plan.notes.push(`gitleaks uses ${copy.source} (input gitleaks-config) from ${setup.files.description}, composed onto Gatehouse's default when it says \`[extend] useDefault = true\``);
}
