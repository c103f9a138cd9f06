import { actionLogger, readInputs, runAction, setOutputs } from '@gatehouse/action-kit';
import { runScanAction } from '@gatehouse/action-runtime';
import { imageScanPlan } from './image-scan-plan';
import { imageScanInputs } from './inputs';
import { refreshDatabaseBeforeScan } from './refresh-databases';

/**
 * image-scan: trivy (and grype on request) on one built image, decided by the deploy policy preset
 * when the repository has no policy file. Reads its inputs once; runScanAction does the rest. Sets
 * `blocked` and `findings-artifact` for a deploy job that calls override-notify.
 */
export function run(): Promise<void> {
  return runAction(async () => {
    const inputs = readInputs(imageScanInputs);
    const timeoutMs = inputs['engine-timeout-seconds'] * 1000;
    const result = await runScanAction({
      action: 'image-scan',
      inputs,
      defaultPreset: 'deploy',
      plan: (setup) => imageScanPlan(setup, inputs),
      prepareEngine: refreshDatabaseBeforeScan({ env: process.env, logger: actionLogger, timeoutMs }),
      engineTimeoutMs: timeoutMs,
    });
    const { verdict, counts } = result.document.decision;
    setOutputs({
      // Incomplete with blocking findings must not deploy either: blocked says whether findings block.
      blocked: verdict === 'block' || counts.blocking > 0,
      'findings-artifact': result.artifactName,
    });
  });
}
