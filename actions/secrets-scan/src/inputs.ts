import { input } from '@gatehouse/action-kit';
import { scanActionInputs } from '@gatehouse/action-runtime';
import { notificationChannelInputs } from '@gatehouse/action-runtime/notifications';
import type { EngineSwitch } from '@gatehouse/scanners';
import { z } from 'zod';
import { INCIDENT_ON_VALUES } from './incident-notification';

/** secrets-scan's inputs: the common ones, then its own (names, defaults and meaning of action.yml). */
export const secretsScanInputs = z.object({
  ...scanActionInputs,
  'fetch-history': input.boolean().default(true),
  gitleaks: input.boolean().default(true),
  'detect-secrets': input.enum(['auto', 'true', 'false']).default('auto'),
  trufflehog: input.boolean().default(false),
  'trufflehog-verify': input.boolean().default(true),
  'gitleaks-config': input.string().optional(),
  'engine-timeout-seconds': input.integer({ min: 1, max: 6 * 60 * 60 }).default(30 * 60),
  ...notificationChannelInputs,
  'incident-on': input.list().pipe(z.array(z.enum(INCIDENT_ON_VALUES))).default(['push']),
});

export type SecretsScanInputs = z.output<typeof secretsScanInputs>;

/** The plan's engine switches from the inputs: in Actions "auto" gitleaks runs, detect-secrets when there is a baseline. */
export function engineSwitches(inputs: SecretsScanInputs): { gitleaks: EngineSwitch; detectSecrets: EngineSwitch; trufflehog: EngineSwitch } {
  return {
    gitleaks: inputs.gitleaks ? 'auto' : 'off',
    detectSecrets: inputs['detect-secrets'] === 'auto' ? 'auto' : inputs['detect-secrets'] === 'true' ? 'on' : 'off',
    trufflehog: inputs.trufflehog ? 'on' : 'off',
  };
}
