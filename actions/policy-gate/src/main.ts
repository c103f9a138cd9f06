import { readInputs, registerSecret, runAction } from '@gatehouse/action-kit';
import { artifactFindingsLedger, runGateAction } from '@gatehouse/action-runtime';
import { notificationSecretValues } from '@gatehouse/action-runtime/notifications';
import { gateNotifications } from './gate-notifications';
import { policyGateInputs } from './inputs';
import { remediationIssues } from './remediation-issues';

/**
 * policy-gate: the one required status check. Reads its inputs once; runGateAction decides and
 * publishes, with the findings ledger, remediation issues and notifications of this action.
 */
export function run(): Promise<void> {
  return runAction(async () => {
    const inputs = readInputs(policyGateInputs);
    // The channel secrets, and the password inside smtp-url decoded, are masked before anything runs.
    for (const value of notificationSecretValues(inputs)) registerSecret(value);
    await runGateAction({
      inputs,
      ...(inputs.ledger ? { ledger: artifactFindingsLedger({ ...(process.env.RUNNER_TEMP ? { tempDirectory: process.env.RUNNER_TEMP } : {}) }) } : {}),
      publishers: [remediationIssues(), gateNotifications(inputs)],
    });
  });
}

