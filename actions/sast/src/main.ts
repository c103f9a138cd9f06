import { readInputs, runAction } from '@gatehouse/action-kit';
import { runScanAction } from '@gatehouse/action-runtime';
import { sastInputs } from './inputs';
import { planSastScan } from './sast-scan-plan';

/**
 * sast: reads its inputs once, plans semgrep, bandit, trivy config and container hardening for the
 * event (only what a pull request changed, where the engine allows it) with the configuration of the
 * trusted commit, and hands over to runScanAction.
 */
export function run(): Promise<void> {
  return runAction(async () => {
    const inputs = readInputs(sastInputs);
    await runScanAction({
      action: 'sast',
      inputs,
      plan: (setup) => planSastScan(setup, inputs),
      engineTimeoutMs: inputs['engine-timeout-seconds'] * 1000,
    });
  });
}
