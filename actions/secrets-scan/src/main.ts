import { appendSummary, readInputs, registerSecret, runAction, setOutputs } from '@gatehouse/action-kit';
import { runScanAction, workflowRunUrl, type ScanPlanSetup } from '@gatehouse/action-runtime';
import { notificationSecretValues } from '@gatehouse/action-runtime/notifications';
import type { SecretsScanPlan } from '@gatehouse/scanners';
import { sendSecretIncident } from './incident-notification';
import { secretsScanInputs } from './inputs';
import { planSecretsScan } from './secrets-scan-plan';
import { offerUpdatedBaseline } from './updated-baseline';

/**
 * secrets-scan: reads its inputs once, plans the scan of exactly the event's commits with the
 * trusted configuration, and hands over to runScanAction; then offers an updated detect-secrets
 * baseline on the default branch, sends one incident notification about the open secrets (on the
 * events `incident-on` names) and sets the range outputs.
 */
export function run(): Promise<void> {
  return runAction(async () => {
    const inputs = readInputs(secretsScanInputs);
    // The channel secrets, and the password inside smtp-url decoded, are masked before anything runs.
    for (const value of notificationSecretValues(inputs)) registerSecret(value);
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
    if (setup) {
      // After the run's summary; a channel that fails is said there and never changes the verdict.
      const incident = await sendSecretIncident(inputs, {
        document: result.document,
        context: setup.context,
        client: setup.client,
        runUrl: workflowRunUrl(setup.context),
        ...(plan?.range ? { scannedRange: plan.range.description } : {}),
        logger: setup.logger,
      });
      if (incident.summary) await appendSummary(incident.summary);
    }
    setOutputs({
      'scanned-range': plan?.range?.description ?? '',
      'scanned-commits': plan?.range?.commitCount ?? 0,
      'updated-baseline-artifact': baselineArtifact ?? '',
    });
  });
}
