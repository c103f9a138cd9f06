import { ConfigurationError } from '@gatehouse/findings';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { deliverAll } from '../deliver-all';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../retry-policy';
import type { Notification } from '../notification';
import {
  closedLoopbackPort,
  FakeClock,
  sampleNotification,
  selfSignedCertificate,
  startLoopbackSmtpServer,
  type LoopbackSmtpOptions,
  type LoopbackSmtpServer,
} from '../test-support';
import { emailChannel, type EmailChannelOptions } from './email-channel';

const certificate = selfSignedCertificate();
const credentials = { user: 'gatehouse', pass: 'correct-horse-battery-staple' };
const servers: LoopbackSmtpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function smtp(options: LoopbackSmtpOptions = {}) {
  const server = await startLoopbackSmtpServer(options);
  servers.push(server);
  return server;
}

async function send(channelOptions: Partial<EmailChannelOptions> & { port: number }, notification: Notification = sampleNotification(), retry: Partial<RetryPolicy> = {}) {
  const clock = new FakeClock();
  const channel = emailChannel({ host: '127.0.0.1', from: 'gatehouse@example.com', to: ['ops@example.com'], ...channelOptions });
  const report = await deliverAll(notification, [channel], {
    required: ['email'],
    retry: { ...DEFAULT_RETRY_POLICY, attemptTimeoutMs: 10_000, ...retry },
    clock,
    random: () => 0,
  });
  return { report, delivery: report.deliveries[0]!, clock };
}

describe.skipIf(!certificate)('e-mail over STARTTLS to a real SMTP server on loopback', () => {
  const tls = { tls: certificate!, auth: credentials };
  const secureClient = { ca: certificate?.cert, auth: credentials };

  it('delivers a text and an HTML part over TLS, authenticated', async () => {
    const server = await smtp(tls);
    const { delivery, report } = await send({ port: server.port, ...secureClient });
    expect(delivery).toMatchObject({ outcome: 'delivered', attempts: 1, lastStatus: 250 });
    expect(report.allRequiredDelivered).toBe(true);
    expect(server.received).toHaveLength(1);
    const mail = server.received[0]!;
    expect(mail).toMatchObject({ secure: true, user: 'gatehouse', mailFrom: 'gatehouse@example.com', rcptTo: ['ops@example.com'] });
    const parsed = await simpleParser(mail.raw);
    expect(parsed.subject).toBe('[Gatehouse] Security override: Deploy to production despite blocking findings (acme/shop)');
    expect(parsed.text).toContain('Reason:\nHotfix for the checkout outage');
    expect(parsed.text).toContain('- [CRITICAL] aws-access-token: AWS access key');
    expect(parsed.html).toContain('<a href="https://github.com/acme/shop/actions/runs/42">View the run</a>');
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(parsed.messageId).toBe(`<gatehouse.${delivery.deliveryId}@example.com>`);
    expect(delivery.receipt?.reference).toBe(parsed.messageId);
  });

  it('does not retry a wrong password', async () => {
    const server = await smtp(tls);
    const { delivery } = await send({ port: server.port, ca: certificate!.cert, auth: { user: 'gatehouse', pass: 'wrong' } });
    expect(delivery).toMatchObject({ outcome: 'failed', attempts: 1, gaveUp: 'not-retryable', lastStatus: 535 });
    expect(delivery.lastError).toMatch(/EAUTH/);
    expect(delivery.lastError).not.toContain('wrong');
    expect(server.authAttempts).toBe(1);
    expect(server.received).toHaveLength(0);
  });

  it('refuses a server certificate it cannot verify, without retrying', async () => {
    const server = await smtp(tls);
    const { delivery } = await send({ port: server.port, auth: credentials });
    expect(delivery).toMatchObject({ outcome: 'failed', attempts: 1, gaveUp: 'not-retryable' });
    expect(server.received).toHaveLength(0);
  });

  it('refuses to send in clear text to a server that offers no STARTTLS', async () => {
    const server = await smtp({});
    const { delivery } = await send({ port: server.port, ca: certificate!.cert });
    expect(delivery).toMatchObject({ outcome: 'failed', attempts: 1, gaveUp: 'not-retryable' });
    expect(delivery.lastError).toMatch(/ETLS|STARTTLS/);
    expect(server.received).toHaveLength(0);
  });

  it('retries a temporary 451 refusal, then delivers once', async () => {
    const server = await smtp({ ...tls, failFirstSessions: { count: 1, code: 451, message: 'Try again later' } });
    const { delivery } = await send({ port: server.port, ...secureClient });
    expect(delivery).toMatchObject({ outcome: 'delivered', attempts: 2 });
    expect(delivery.attemptLog[0]).toMatchObject({ outcome: 'failed', status: 451, retryable: true });
    expect(server.received).toHaveLength(1);
  });

  it('does not retry a permanent 550 refusal', async () => {
    const server = await smtp({ ...tls, failFirstSessions: { count: 5, code: 550, message: 'No such user' } });
    const { delivery } = await send({ port: server.port, ...secureClient });
    expect(delivery).toMatchObject({ outcome: 'failed', attempts: 1, lastStatus: 550, gaveUp: 'not-retryable' });
  });
});

describe('e-mail to a loopback SMTP server without TLS (tests only)', () => {
  const insecure = { insecure: true, allowInsecureLoopback: true };

  it('retries a server that is down, then reports the failure', async () => {
    const port = await closedLoopbackPort();
    const { delivery, clock } = await send({ port, ...insecure }, sampleNotification(), { maxAttempts: 3 });
    expect(delivery).toMatchObject({ outcome: 'failed', attempts: 3, gaveUp: 'attempts-exhausted' });
    expect(delivery.lastError).toMatch(/ECONNECTION|ECONNREFUSED/);
    expect(clock.sleeps).toHaveLength(2);
  });

  it('cannot be made to add a header or a recipient through the title, summary or sender name', async () => {
    const server = await smtp({});
    const injected = 'Breaking\r\nBcc: evil@attacker.example\r\nX-Injected: yes\n\n<b>body</b>';
    const n = sampleNotification({ title: injected, summary: injected, target: { repository: `acme/shop\r\nCc: evil@attacker.example` } });
    const { delivery } = await send({ port: server.port, ...insecure, fromName: 'Gatehouse\r\nBcc: evil@attacker.example' }, n);
    expect(delivery.outcome).toBe('delivered');
    const mail = server.received[0]!;
    expect(mail.rcptTo).toEqual(['ops@example.com']);
    const parsed = await simpleParser(mail.raw);
    expect(parsed.headers.has('bcc')).toBe(false);
    expect(parsed.headers.has('cc')).toBe(false);
    expect(parsed.headers.has('x-injected')).toBe(false);
    expect(parsed.subject).toBe('[Gatehouse] Security override: Breaking Bcc: evil@attacker.example X-Injected: yes <b>body</b> (acme/shop Cc: evil@attacker.example)');
    const headerBlock = mail.raw.toString('utf8').split('\r\n\r\n')[0]!;
    expect(headerBlock).not.toMatch(/^(bcc|cc|x-injected):/im);
    expect(parsed.html).not.toContain('<b>body</b>');
    expect(parsed.html).toContain('&lt;b&gt;body&lt;/b&gt;');
  });

  it('adds the security address for incidents only', async () => {
    const server = await smtp({});
    const options = { port: server.port, ...insecure, securityTo: ['security@example.com'] };
    await send(options, sampleNotification({ kind: 'incident' }));
    await send(options, sampleNotification({ kind: 'override' }));
    expect(server.received.map((m) => m.rcptTo)).toEqual([['ops@example.com', 'security@example.com'], ['ops@example.com']]);
  });
});

describe('emailChannel options', () => {
  const base = { host: 'smtp.example.com', from: 'gatehouse@example.com', to: ['ops@example.com'] };

  it('refuses recipients that could inject headers or more recipients', () => {
    expect(() => emailChannel({ ...base, to: ['ops@example.com\r\nBcc: evil@attacker.example'] })).toThrow(ConfigurationError);
    expect(() => emailChannel({ ...base, to: ['ops@example.com, evil@attacker.example'] })).toThrow(/e-mail to\[0\]/);
    expect(() => emailChannel({ ...base, from: 'Gatehouse <g@example.com>' })).toThrow(/e-mail from/);
    expect(() => emailChannel({ ...base, to: [] })).toThrow(/at least one recipient/);
  });

  it('refuses clear-text SMTP except to loopback in tests', () => {
    expect(() => emailChannel({ ...base, insecure: true })).toThrow(/loopback/);
    expect(() => emailChannel({ ...base, insecure: true, allowInsecureLoopback: true })).toThrow(/loopback/);
    expect(() => emailChannel({ ...base, host: '127.0.0.1', insecure: true, allowInsecureLoopback: true })).not.toThrow();
  });

  it('refuses a host name that is not one', () => {
    expect(() => emailChannel({ ...base, host: 'smtp.example.com\r\nRCPT TO:<x@y.z>' })).toThrow(/host/);
  });
});
