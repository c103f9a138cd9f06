import { readInputs, runAction, setOutputs } from '@gatehouse/action-kit';
import { runScanAction, type ScanPlanSetup } from '@gatehouse/action-runtime';
import type { SecretsScanPlan } from '@gatehouse/scanners';
import { secretsScanInputs } from './inputs';
import { planSecretsScan } from './secrets-scan-plan';
import { offerUpdatedBaseline } from './updated-baseline';

/**
 * secrets-scan: reads its inputs once, plans the scan of exactly the event's commits with the
 * trusted configuration, and hands over to runScanAction; then offers an updated detect-secrets
 * baseline on the default branch and sets the range outputs.
 */
export function run(): Promise<void> {
  return runAction(async () => {
    const inputs = readInputs(secretsScanInputs);
    let setup: ScanPlanSetup | undefined;
    let plan: SecretsScanPlan | undefined;
    const result = await runScanAction({
      action: 'secrets-scan',
      inputs,
      plan: async (given) => {
        setup = given;
        plan = await planSecretsScan(given, inputs);
        return plan;
      },
      engineTimeoutMs: inputs['engine-timeout-seconds'] * 1000,
    });
    const baselineArtifact = setup ? await offerUpdatedBaseline({ result, context: setup.context, workspace: setup.workspace, matrix: inputs.matrix, logger: setup.logger }) : undefined;
    setOutputs({
      'scanned-range': plan?.range?.description ?? '',
      'scanned-commits': plan?.range?.commitCount ?? 0,
      'updated-baseline-artifact': baselineArtifact ?? '',
    });
  });
}
