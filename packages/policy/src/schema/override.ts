import { z } from 'zod';
import { ChannelNameSchema } from './notifications';
import { DurationSchema } from './duration';

/**
 * SECURITY_OVERRIDE: who may let a blocked deploy through, where, for how long, and who must hear of
 * it. Empty lists mean nobody, nowhere: the default policy allows no override at all.
 */
export const OverrideSchema = z.strictObject({
  users: z
    .array(z.string().regex(/^[A-Za-z0-9-]{1,39}$/, { message: 'must be a GitHub login' }))
    .max(200)
    .default([])
    .meta({ description: 'GitHub logins that may override.' }),
  teams: z
    .array(z.string().regex(/^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/, { message: 'must be org/team-slug' }))
    .max(50)
    .default([])
    .meta({ description: 'GitHub teams (org/team-slug) whose members may override.' }),
  environments: z
    .array(z.string().trim().min(1).max(255))
    .max(50)
    .default([])
    .meta({ description: 'Deployment environments where an override may be used (GitHub compares names case-insensitively).' }),
  maxDuration: DurationSchema.default('24h').meta({ description: 'The longest an override may last.' }),
  requireTicket: z.boolean().default(true).meta({ description: 'An override must cite a ticket reference.' }),
  notify: z
    .array(ChannelNameSchema)
    .max(20)
    .default([])
    .meta({ description: 'Channels told of every override; each channel marked required must confirm delivery.' }),
});
export type OverridePolicy = z.infer<typeof OverrideSchema>;

export const RemediationIssuesSchema = z.strictObject({
  enabled: z.boolean().default(false),
  severities: z
    .array(z.enum(['critical', 'high', 'medium', 'low']))
    .min(1)
    .max(4)
    .default(['critical', 'high'])
    .meta({ description: 'Open one issue per blocking finding group at these severities.' }),
  labels: z.array(z.string().trim().min(1).max(50)).max(20).default(['security', 'gatehouse']),
  overdueLabels: z
    .array(z.string().trim().min(1).max(50))
    .max(10)
    .default(['overdue'])
    .meta({ description: 'Added when a finding passes its SLA due date (escalation).' }),
  assignees: z.array(z.string().regex(/^[A-Za-z0-9-]{1,39}$/, { message: 'must be a GitHub login' })).max(10).default([]),
  closeWhenFixed: z.boolean().default(true),
});
export type RemediationIssuesPolicy = z.infer<typeof RemediationIssuesSchema>;
