import { describe, expect, it } from 'vitest';
import { ChannelSchema, channelSecretEnv } from './notifications';

describe('notification channels', () => {
  it('names the secret variable by convention unless the policy names it', () => {
    expect(channelSecretEnv(ChannelSchema.parse({ kind: 'slack', name: 'ops-alerts' }))).toBe('GATEHOUSE_NOTIFY_OPS_ALERTS');
    expect(channelSecretEnv(ChannelSchema.parse({ kind: 'slack', name: 'ops', secretEnv: 'SLACK_HOOK' }))).toBe('SLACK_HOOK');
  });

  it('has no field that could hold a secret', () => {
    for (const kind of ['slack', 'webhook', 'email', 'github-issue']) {
      for (const key of ['url', 'webhook', 'token', 'password', 'secret']) {
        const channel = { kind, name: 'x', to: ['a@example.com'], [key]: 'value' };
        expect(ChannelSchema.safeParse(channel).success, `${kind}.${key}`).toBe(false);
      }
    }
  });

  it('requires e-mail channels to have valid addresses', () => {
    expect(ChannelSchema.safeParse({ kind: 'email', name: 'sec', to: [] }).success).toBe(false);
    expect(ChannelSchema.safeParse({ kind: 'email', name: 'sec', to: ['not an address'] }).success).toBe(false);
    expect(ChannelSchema.safeParse({ kind: 'email', name: 'sec', to: ['security@example.com'] }).success).toBe(true);
  });

  it('defaults: not required; github-issue labelled security-override', () => {
    expect(ChannelSchema.parse({ kind: 'github-issue', name: 'audit' })).toEqual({
      kind: 'github-issue',
      name: 'audit',
      required: false,
      labels: ['security-override'],
      assignees: [],
    });
  });
});
