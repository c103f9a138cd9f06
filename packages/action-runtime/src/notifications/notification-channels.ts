import { input } from '@gatehouse/action-kit';
import { ConfigurationError, errorMessage } from '@gatehouse/findings';
import { emailChannel, githubIssueChannel, slackChannel, webhookChannel, type NotificationChannel } from '@gatehouse/notify';

/**
 * The notification channel inputs an action declares (policy-gate, secrets-scan): the same names,
 * parsing and meaning everywhere. The secrets among them come from `secrets.*`.
 */
export const notificationChannelInputs = {
  'slack-webhook-url': input.string().optional(),
  'webhook-url': input.string().optional(),
  'webhook-secret': input.string().optional(),
  'smtp-url': input.string().optional(),
  'email-from': input.string().optional(),
  'email-to': input.list().default([]),
  'notify-issue': input.boolean().default(false),
};

export interface NotificationChannelInputs {
  'slack-webhook-url'?: string | undefined;
  'webhook-url'?: string | undefined;
  'webhook-secret'?: string | undefined;
  'smtp-url'?: string | undefined;
  'email-from'?: string | undefined;
  'email-to': string[];
  'notify-issue': boolean;
}

/** Inputs that hold secrets: masked in the log before anything else runs. */
export const NOTIFICATION_SECRET_INPUTS = ['slack-webhook-url', 'webhook-url', 'webhook-secret', 'smtp-url'] as const;

/** Parses `smtps://user:pass@host:465` (implicit TLS) or `smtp://user:pass@host:587` (STARTTLS required). */
export function smtpSettings(smtpUrl: string): { host: string; port?: number; secure: boolean; insecure: boolean; auth?: { user: string; pass: string } } {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    // Never echo the URL: it holds the password.
    throw new ConfigurationError('smtp-url is not a URL (smtps://user:password@host:465 or smtp://user:password@host:587)');
  }
  if (url.protocol !== 'smtps:' && url.protocol !== 'smtp:') throw new ConfigurationError('smtp-url must start with smtps:// or smtp://');
  if (!url.hostname) throw new ConfigurationError('smtp-url has no host');
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  // Plain SMTP only to a loopback address (a relay on the runner, tests); notify refuses it elsewhere.
  const insecure = url.searchParams.get('tls') === 'none';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    ...(url.port ? { port: Number(url.port) } : {}),
    secure: url.protocol === 'smtps:',
    insecure,
    ...(user ? { auth: { user, pass } } : {}),
  };
}

/**
 * Every secret the channel inputs hold, for the log mask: the secret inputs as given, and the
 * password inside smtp-url decoded (a malformed URL is said later, when its channel is left out).
 */
export function notificationSecretValues(inputs: NotificationChannelInputs): string[] {
  const values: string[] = [];
  for (const name of NOTIFICATION_SECRET_INPUTS) {
    const value = inputs[name];
    if (value) values.push(value);
  }
  if (inputs['smtp-url']) {
    try {
      const pass = smtpSettings(inputs['smtp-url']).auth?.pass;
      if (pass) values.push(pass);
    } catch {
      // Left out of the channels, and said there.
    }
  }
  return values;
}

/** The channels the inputs configure; one that is misconfigured is left out and said, the others still go. */
export function notificationChannelsFromInputs(
  inputs: NotificationChannelInputs,
  issuePort: Parameters<typeof githubIssueChannel>[0] | undefined,
): { channels: NotificationChannel[]; problems: string[] } {
  const channels: NotificationChannel[] = [];
  const problems: string[] = [];
  const add = (name: string, build: () => NotificationChannel) => {
    try {
      channels.push(build());
    } catch (error) {
      problems.push(`The ${name} channel is not used: ${error instanceof ConfigurationError ? error.message : errorMessage(error)}`.slice(0, 400));
    }
  };
  if (inputs['slack-webhook-url']) add('Slack', () => slackChannel({ webhookUrl: inputs['slack-webhook-url']!, allowInsecureLoopback: true }));
  if (inputs['webhook-url']) {
    add('webhook', () => {
      if (!inputs['webhook-secret']) throw new ConfigurationError('webhook-url needs webhook-secret (the HMAC-SHA256 signing key)');
      return webhookChannel({ url: inputs['webhook-url']!, secret: inputs['webhook-secret'], allowInsecureLoopback: true });
    });
  }
  if (inputs['smtp-url']) {
    add('e-mail', () => {
      if (!inputs['email-from'] || inputs['email-to'].length === 0) throw new ConfigurationError('smtp-url needs email-from and email-to');
      const smtp = smtpSettings(inputs['smtp-url']!);
      return emailChannel({ ...smtp, allowInsecureLoopback: smtp.insecure, from: inputs['email-from'], to: inputs['email-to'] });
    });
  }
  if (inputs['notify-issue'] && issuePort) add('GitHub issue', () => githubIssueChannel(issuePort, { extraLabels: ['gatehouse'] }));
  return { channels, problems };
}
