import { readInputs, runAction } from '@gatehouse/action-kit';
import { runGateAction } from '@gatehouse/action-runtime';
import { policyGateInputs } from './inputs';

/** policy-gate: the one required status check. Reads its inputs once; everything else is runGateAction. */
export function run(): Promise<void> {
  return runAction(async () => {
    await runGateAction({ inputs: readInputs(policyGateInputs) });
  });
}
