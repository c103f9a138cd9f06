import { readInputs, registerSecret, runAction } from '@gatehouse/action-kit';
import { artifactFindingsLedger, runGateAction } from '@gatehouse/action-runtime';
import { gateNotifications, smtpSettings } from './gate-notifications';
import { policyGateInputs, SECRET_INPUTS } from './inputs';
import { remediationIssues } from './remediation-issues';

/**
 * policy-gate: the one required status check. Reads its inputs once; runGateAction decides and
 * publishes, with the findings ledger, remediation issues and notifications of this action.
 */
export function run(): Promise<void> {
  return runAction(async () => {
    const inputs = readInputs(policyGateInputs);
    for (const name of SECRET_INPUTS) {
      const value = inputs[name];
      if (value) registerSecret(value);
    }
    // The password inside smtp-url, decoded, is masked on its own too.
    const smtpPassword = inputs['smtp-url'] ? safeSmtpPassword(inputs['smtp-url']) : undefined;
    if (smtpPassword) registerSecret(smtpPassword);
    await runGateAction({
      inputs,
      ...(inputs.ledger ? { ledger: artifactFindingsLedger({ ...(process.env.RUNNER_TEMP ? { tempDirectory: process.env.RUNNER_TEMP } : {}) }) } : {}),
      publishers: [remediationIssues(), gateNotifications(inputs)],
    });
  });
}

function safeSmtpPassword(url: string): string | undefined {
  try {
    return smtpSettings(url).auth?.pass;
  } catch {
    // Said by the notifications publisher, which leaves the e-mail channel out.
    return undefined;
  }
}
