import { describe, expect, it } from 'vitest';
import { notificationChannelsFromInputs, notificationSecretValues, type NotificationChannelInputs } from './notification-channels';

const PASSWORD = 'p@ss/word-' + 'q'.repeat(10);
const inputs = (overrides: Partial<NotificationChannelInputs>): NotificationChannelInputs => ({ 'email-to': [], 'notify-issue': false, ...overrides });

describe('notificationSecretValues', () => {
  it('names every channel secret, and the password inside smtp-url decoded', () => {
    const smtpUrl = `smtps://me:${encodeURIComponent(PASSWORD)}@mail.example.com:465`;
    const values = notificationSecretValues(inputs({ 'slack-webhook-url': 'https://hooks.slack.com/services/T/B/x', 'webhook-secret': 's'.repeat(20), 'smtp-url': smtpUrl }));
    expect(values).toEqual(['https://hooks.slack.com/services/T/B/x', 's'.repeat(20), smtpUrl, PASSWORD]);
  });

  it('still masks the URL itself when smtp-url cannot be parsed', () => {
    expect(notificationSecretValues(inputs({ 'smtp-url': `not a url ${PASSWORD}` }))).toEqual([`not a url ${PASSWORD}`]);
  });
});

describe('notificationChannelsFromInputs', () => {
  it('builds each configured channel and leaves out, with the reason, one that is misconfigured', () => {
    const { channels, problems } = notificationChannelsFromInputs(
      inputs({ 'slack-webhook-url': 'https://hooks.slack.com/services/T/B/x', 'webhook-url': 'https://hooks.example.com/in', 'smtp-url': 'smtps://mail.example.com', 'email-from': 'a@example.com', 'email-to': ['security@example.com'] }),
      undefined,
    );
    expect(channels.map((c) => c.kind)).toEqual(['slack', 'email']);
    expect(problems).toEqual(['The webhook channel is not used: webhook-url needs webhook-secret (the HMAC-SHA256 signing key)']);
  });

  it('never quotes a malformed smtp-url, which holds a password', () => {
    const { problems } = notificationChannelsFromInputs(inputs({ 'smtp-url': `x ${PASSWORD}`, 'email-from': 'a@example.com', 'email-to': ['b@example.com'] }), undefined);
    expect(problems).toHaveLength(1);
    expect(problems[0]).not.toContain(PASSWORD);
  });
});
