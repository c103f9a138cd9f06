import { errorMessage } from '@gatehouse/findings';
import type { GitHubIssues } from '@gatehouse/github';
import {
  createHttpDispatcher,
  DeliveryError,
  emailChannel,
  githubIssueChannel,
  slackChannel,
  webhookChannel,
  type GitHubIssuePort,
  type NotificationChannel,
} from '@gatehouse/notify';
import { channelSecretEnv, type NotificationChannel as PolicyChannel } from '@gatehouse/policy';

/** Destination secrets and SMTP settings given as action inputs (the policy file never holds them). */
export interface ChannelInputs {
  slackWebhookUrl: string | undefined;
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  smtp: { host: string | undefined; port: number; secure: boolean; username: string | undefined; password: string | undefined; from: string | undefined };
  /** Whether the audit issue may be opened (the token needs issues: write). */
  githubIssue: boolean;
}

/** A channel the policy names that could not be set up: it counts as not delivered. */
export interface UnavailableChannel {
  name: string;
  kind: PolicyChannel['kind'];
  required: boolean;
  reason: string;
}

export interface OverrideChannels {
  channels: NotificationChannel[];
  unavailable: UnavailableChannel[];
  /** Every secret value used (to mask in the log and check nothing leaked). */
  secrets: string[];
}

export interface OverrideChannelOptions {
  env: NodeJS.ProcessEnv;
  issues: GitHubIssues;
  /** Per-attempt limit, also the SMTP socket limits. */
  attemptTimeoutMs: number;
}

const present = (value: string | undefined): string | undefined => (value !== undefined && value.trim() !== '' ? value.trim() : undefined);

/** Adapts packages/github's issues to the port packages/notify's issue channel calls. */
export function gitHubIssuePort(issues: GitHubIssues, assignees: readonly string[]): GitHubIssuePort {
  return {
    async createOrUpdateIssue(request) {
      const outcome = await issues.createOrUpdateIssue({ key: request.dedupeKey, title: request.title, body: request.body, labels: request.labels, assignees });
      if (outcome.status === 'skipped') throw new DeliveryError(`issue not written (${outcome.reason}): ${outcome.message}`, { retryable: false });
      if (outcome.status === 'failed') throw new DeliveryError(`issue not written: ${outcome.message}`, { retryable: true });
      return { number: outcome.number, url: outcome.url, created: outcome.status === 'created' };
    },
  };
}

/**
 * Turns the policy's channels into senders. Each channel's secret comes from its environment variable
 * (`secretEnv`, default GATEHOUSE_NOTIFY_<NAME>) or, when the policy lists only one channel of that
 * kind, from the matching input. A channel that cannot be set up (no secret, a bad URL) is listed
 * as unavailable, with why: the others are still told, and a required one keeps the deploy blocked.
 */
export function buildOverrideChannels(policyChannels: readonly PolicyChannel[], inputs: ChannelInputs, options: OverrideChannelOptions): OverrideChannels {
  const { env } = options;
  const channels: NotificationChannel[] = [];
  const unavailable: UnavailableChannel[] = [];
  const secrets: string[] = [];
  const kindCount = (kind: PolicyChannel['kind']) => policyChannels.filter((c) => c.kind === kind).length;
  const fromInput = (kind: PolicyChannel['kind'], value: string | undefined) => (kindCount(kind) === 1 ? present(value) : undefined);
  let dispatcher: ReturnType<typeof createHttpDispatcher> | undefined;
  const http = () => (dispatcher ??= createHttpDispatcher({ env }));

  for (const channel of policyChannels) {
    const secretEnv = channelSecretEnv(channel);
    const fromEnv = present(env[secretEnv]);
    const missing = (what: string) => unavailable.push({ name: channel.name, kind: channel.kind, required: channel.required, reason: what });
    try {
      switch (channel.kind) {
        case 'slack': {
          const url = fromEnv ?? fromInput('slack', inputs.slackWebhookUrl);
          if (!url) {
            missing(`no webhook URL: set ${secretEnv}${kindCount('slack') === 1 ? ' or the slack-webhook-url input' : ''}`);
            break;
          }
          secrets.push(url);
          channels.push(slackChannel({ name: channel.name, webhookUrl: url, ...(channel.channel ? { channel: channel.channel } : {}), dispatcher: http() }));
          break;
        }
        case 'webhook': {
          const url = fromEnv ?? fromInput('webhook', inputs.webhookUrl);
          const keyEnv = channel.signingSecretEnv ?? `${secretEnv}_SIGNING_KEY`;
          const key = present(env[keyEnv]) ?? fromInput('webhook', inputs.webhookSecret);
          if (!url || !key) {
            missing(`no ${!url ? 'URL' : 'signing key'}: set ${!url ? secretEnv : keyEnv}${kindCount('webhook') === 1 ? ` or the ${!url ? 'webhook-url' : 'webhook-secret'} input` : ''}`);
            break;
          }
          secrets.push(url, key);
          channels.push(webhookChannel({ name: channel.name, url, secret: key, dispatcher: http() }));
          break;
        }
        case 'email': {
          const { smtp } = inputs;
          const host = present(smtp.host);
          const from = channel.from ?? present(smtp.from);
          if (!host || !from) {
            missing(`no SMTP ${!host ? 'host (smtp-host input)' : 'sender (the channel\u2019s from, or the smtp-from input)'}`);
            break;
          }
          const password = fromEnv ?? present(smtp.password);
          const user = present(smtp.username);
          if (password) secrets.push(password);
          const socket = Math.max(1_000, options.attemptTimeoutMs);
          channels.push(
            emailChannel({
              name: channel.name,
              host,
              port: smtp.port,
              secure: smtp.secure,
              from,
              to: channel.to,
              ...(user && password ? { auth: { user, pass: password } } : {}),
              timeoutsMs: { connection: socket, greeting: socket, socket },
              subjectPrefix: '[Gatehouse]',
            }),
          );
          break;
        }
        case 'github-issue': {
          if (!inputs.githubIssue) {
            missing('the github-issue input is false');
            break;
          }
          const extraLabels = channel.labels.filter((l) => l.toLowerCase() !== 'security-override');
          channels.push(githubIssueChannel(gitHubIssuePort(options.issues, channel.assignees), { name: channel.name, extraLabels }));
          break;
        }
      }
    } catch (error) {
      // A ConfigurationError from the channel (a URL that is not https, a bad address); its message never holds the secret.
      missing(errorMessage(error).split('\n')[0]!.slice(0, 300));
    }
  }
  return { channels, unavailable, secrets };
}

/** Name of the audit issue channel added when the policy's override.notify lists no github-issue channel. */
export function auditIssueChannelName(taken: readonly string[]): string {
  let name = 'security-override-issue';
  for (let n = 2; taken.includes(name); n += 1) name = `security-override-issue-${n}`;
  return name;
}
