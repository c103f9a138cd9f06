import { z } from 'zod';

/**
 * Where Gatehouse sends what people must hear about (overrides, leaked secrets). The policy names the
 * channels and says which must confirm delivery; it never holds their secrets (webhook URLs, SMTP
 * passwords, signing keys): those come from action inputs or environment variables, named by
 * `secretEnv` (default `GATEHOUSE_NOTIFY_<NAME>`), so a policy file can be public.
 */
export const CHANNEL_KINDS = ['slack', 'webhook', 'email', 'github-issue'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const ChannelNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'must be lower-case letters, digits and dashes, e.g. ops-alerts' });

const EnvNameSchema = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]{0,127}$/, { message: 'must be an environment variable name such as GATEHOUSE_SLACK_WEBHOOK' });

const common = {
  name: ChannelNameSchema.meta({ description: 'How the rest of the policy refers to this channel.' }),
  required: z
    .boolean()
    .default(false)
    .meta({ description: 'Delivery must be confirmed; when it is not, whatever depended on it (an override) fails closed.' }),
  secretEnv: EnvNameSchema.optional().meta({
    description: 'The environment variable (or action input) that holds the destination secret. Default: GATEHOUSE_NOTIFY_<NAME>.',
  }),
};

const EmailAddressSchema = z.email({ message: 'must be an e-mail address' }).max(320);

export const SlackChannelSchema = z.strictObject({
  kind: z.literal('slack'),
  ...common,
  channel: z
    .string()
    .regex(/^#?[a-z0-9][a-z0-9._-]{0,79}$/, { message: 'must be a Slack channel name such as #ops-alerts (the webhook URL is a secret: use secretEnv)' })
    .optional()
    .meta({ description: 'The channel the webhook posts to, shown in messages and the audit record.' }),
});

export const WebhookChannelSchema = z.strictObject({
  kind: z.literal('webhook'),
  ...common,
  signingSecretEnv: EnvNameSchema.optional().meta({
    description: 'The environment variable holding the HMAC-SHA256 signing key. Default: GATEHOUSE_NOTIFY_<NAME>_SIGNING_KEY.',
  }),
});

export const EmailChannelSchema = z.strictObject({
  kind: z.literal('email'),
  ...common,
  to: z.array(EmailAddressSchema).min(1, { message: 'needs at least one address' }).max(50),
  from: EmailAddressSchema.optional(),
});

export const GitHubIssueChannelSchema = z.strictObject({
  kind: z.literal('github-issue'),
  ...common,
  labels: z.array(z.string().trim().min(1).max(50)).max(20).default(['security-override']),
  assignees: z.array(z.string().regex(/^[A-Za-z0-9-]{1,39}$/, { message: 'must be a GitHub login' })).max(10).default([]),
});

export const ChannelSchema = z.discriminatedUnion('kind', [
  SlackChannelSchema,
  WebhookChannelSchema,
  EmailChannelSchema,
  GitHubIssueChannelSchema,
]);
export type NotificationChannel = z.infer<typeof ChannelSchema>;

export const NotificationsSchema = z.strictObject({
  channels: z.array(ChannelSchema).max(50).default([]),
  incidents: z
    .array(ChannelNameSchema)
    .max(50)
    .default([])
    .meta({ description: 'Channels that receive incident reports for leaked secrets.' }),
});

/** The variable holding a channel's destination secret: its `secretEnv`, else GATEHOUSE_NOTIFY_<NAME>. */
export function channelSecretEnv(channel: NotificationChannel): string {
  return channel.secretEnv ?? `GATEHOUSE_NOTIFY_${channel.name.toUpperCase().replace(/-/g, '_')}`;
}
