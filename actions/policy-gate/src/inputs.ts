import { input } from '@gatehouse/action-kit';
import { MODE_INPUT_VALUES } from '@gatehouse/action-runtime';
import { notificationChannelInputs } from '@gatehouse/action-runtime/notifications';
import { z } from 'zod';
import { NOTIFY_ON_VALUES } from './gate-notifications';

/** policy-gate's inputs: the names, defaults and meaning of action.yml. */
export const policyGateInputs = z.object({
  token: input.string(),
  policy: input.string().default('.github/gatehouse.yml'),
  expected: input.list().default([]),
  findings: input.lines().default([]),
  sarif: input.lines().default([]),
  'upload-sarif': input.boolean().default(true),
  'upload-imported-sarif': input.boolean().default(false),
  comment: input.boolean().default(true),
  mode: input.enum(MODE_INPUT_VALUES).default('auto'),
  ledger: input.boolean().default(true),
  'notify-on': input.list().pipe(z.array(z.enum(NOTIFY_ON_VALUES))).default(['block', 'incomplete', 'critical']),
  ...notificationChannelInputs,
});

