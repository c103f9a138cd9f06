import { createNotification, type Notification, type NotificationInput } from '../notification';

/** A valid override notification with two findings; tests override what they exercise. */
export function sampleNotification(overrides: Partial<NotificationInput> = {}): Notification {
  return createNotification({
    id: 'override-2026-03-01-1',
    kind: 'override',
    title: 'Deploy to production despite blocking findings',
    summary: 'Hotfix for the checkout outage; the lodash upgrade follows in SEC-42.',
    occurredAt: '2026-03-01T12:00:00.000Z',
    actor: { login: 'octocat' },
    target: {
      repository: 'acme/shop',
      ref: 'refs/heads/main',
      sha: '0123456789abcdef0123456789abcdef01234567',
      environment: 'production',
      workflow: 'deploy',
      runUrl: 'https://github.com/acme/shop/actions/runs/42',
    },
    findings: [
      {
        id: 'a'.repeat(64),
        severity: 'high',
        category: 'sca',
        ruleId: 'CVE-2020-8203',
        title: 'Prototype pollution in lodash',
        location: 'pkg:npm/lodash@4.17.15 (package-lock.json)',
        fix: 'upgrade to 4.17.19',
      },
      {
        id: 'b'.repeat(64),
        severity: 'critical',
        category: 'secret',
        ruleId: 'aws-access-token',
        title: 'AWS access key',
        location: 'config/settings.py:12',
        fix: 'Rotate the secret, then remove it from the code and history',
        secretPreview: 'AKIA…',
      },
    ],
    severityCounts: { critical: 1, high: 1 },
    expiresAt: '2026-03-02T12:00:00.000Z',
    ticket: { id: 'SEC-42', url: 'https://tracker.example.com/SEC-42' },
    ...overrides,
  });
}
