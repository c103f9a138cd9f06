// The destinations of an override, on loopback: Slack and a webhook receiver over HTTPS, and a real
// SMTP server (smtp-server) with STARTTLS and AUTH, all trusting one throwaway certificate that the
// action is given through NODE_EXTRA_CA_CERTS, as a runner with a corporate CA would be.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  closedLoopbackPort,
  selfSignedCertificate,
  startLoopbackHttpServer,
  startLoopbackSmtpServer,
  type LoopbackHttpServer,
  type LoopbackSmtpServer,
  type ScriptedStep,
} from '@gatehouse/notify/test-support';

export interface ChannelFakes {
  slack: LoopbackHttpServer;
  webhook: LoopbackHttpServer;
  smtp: LoopbackSmtpServer | undefined;
  /** Inputs and environment the action needs to reach them. */
  inputs: Record<string, string>;
  env: Record<string, string>;
  /** Every secret the action was given: none may appear anywhere. */
  secrets: string[];
  close(): Promise<void>;
}

const token = (bytes: number) => randomBytes(bytes).toString('base64url');

export async function startChannelFakes(options: { slack?: ScriptedStep[]; webhook?: ScriptedStep[]; smtp?: 'up' | 'down' } = {}): Promise<ChannelFakes> {
  const cert = selfSignedCertificate();
  if (!cert) throw new Error('openssl is needed to make the loopback certificate');
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-override-ca-'));
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, cert.cert);
  const slack = await startLoopbackHttpServer(options.slack ?? [{ respond: 200, body: 'ok' }], cert);
  const webhook = await startLoopbackHttpServer(options.webhook ?? [{ respond: 204 }], cert);
  const smtpUser = 'gatehouse';
  const smtpPassword = token(18);
  const smtp = options.smtp === 'down' ? undefined : await startLoopbackSmtpServer({ tls: cert, auth: { user: smtpUser, pass: smtpPassword } });
  const smtpPort = smtp ? smtp.port : await closedLoopbackPort();
  const slackToken = token(18);
  const webhookToken = token(18);
  const webhookSecret = token(32);
  const slackUrl = `${new URL(slack.url).origin}/services/T000/B000/${slackToken}`;
  const webhookUrl = `${new URL(webhook.url).origin}/hooks/${webhookToken}`;
  return {
    slack,
    webhook,
    smtp,
    inputs: {
      'slack-webhook-url': slackUrl,
      'webhook-url': webhookUrl,
      'webhook-secret': webhookSecret,
      'smtp-host': '127.0.0.1',
      'smtp-port': String(smtpPort),
      'smtp-username': smtpUser,
      'smtp-password': smtpPassword,
      'delivery-attempts': '2',
      'attempt-timeout-seconds': '2',
    },
    env: { NODE_EXTRA_CA_CERTS: caFile },
    secrets: [slackToken, webhookToken, webhookSecret, smtpPassword, slackUrl, webhookUrl],
    close: async () => {
      await slack.close();
      await webhook.close();
      await smtp?.close();
    },
  };
}
