import { readInputs, runAction } from '@gatehouse/action-kit';
import { runOverrideAction } from '@gatehouse/action-runtime/override';
import { overrideNotifyInputs } from './inputs';

/** override-notify: SECURITY_OVERRIDE on a deploy job. Reads its inputs once; everything else is runOverrideAction. */
export function run(): Promise<void> {
  return runAction(async () => {
    await runOverrideAction({ inputs: readInputs(overrideNotifyInputs) });
  });
}
