import { input } from '@gatehouse/action-kit';
import { z } from 'zod';

/** override-notify's inputs: the names, defaults and meaning of action.yml. */
export const overrideNotifyInputs = z.object({
  token: input.string(),
  policy: input.string().default('.github/gatehouse.yml'),
  decision: input.string(),
  reason: input.string().optional(),
  ticket: input.string().optional(),
  duration: input.string().optional(),
  environment: input.string().optional(),
  'slack-webhook-url': input.string().optional(),
  'webhook-url': input.string().optional(),
  'webhook-secret': input.string().optional(),
  'smtp-host': input.string().optional(),
  'smtp-port': input.integer({ min: 1, max: 65_535 }).default(587),
  'smtp-secure': input.boolean().default(false),
  'smtp-username': input.string().optional(),
  'smtp-password': input.string().optional(),
  'smtp-from': input.string().optional(),
  'github-issue': input.boolean().default(true),
  'delivery-attempts': input.integer({ min: 1, max: 10 }).default(4),
  'attempt-timeout-seconds': input.integer({ min: 1, max: 120 }).default(15),
});
