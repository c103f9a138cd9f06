import { codeDraft, finalized, packageDraft } from '@gatehouse/findings/test-support';
import { describe, expect, it } from 'vitest';
import { NotificationFindingSchema, toNotificationFinding } from './notification-finding';

describe('toNotificationFinding', () => {
  it('describes a package finding by purl and manifest, with the fixed versions', () => {
    const [finding] = finalized([packageDraft()]);
    expect(toNotificationFinding(finding!)).toEqual({
      id: finding!.id,
      severity: 'high',
      category: 'sca',
      ruleId: 'CVE-2020-8203',
      title: 'Prototype pollution in lodash',
      location: 'pkg:npm/lodash@4.17.15 (package-lock.json)',
      fix: 'upgrade to 4.17.19',
    });
  });

  it('carries only the masked preview of a secret, never its message or advice', () => {
    const [finding] = finalized([
      codeDraft({
        category: 'secret',
        ruleId: 'generic-api-key',
        title: 'Generic API key',
        message: 'found key PLANTED-VALUE-1234567890',
        location: { kind: 'code', path: 'app/settings.py', startLine: 3 },
        fix: { available: false, versions: [], state: 'unknown', advice: 'replace PLANTED-VALUE-1234567890' },
        secret: { preview: 'PLAN…' },
      }),
    ]);
    const result = toNotificationFinding(finding!);
    expect(JSON.stringify(result)).not.toContain('PLANTED-VALUE');
    expect(result.secretPreview).toBe('PLAN…');
    expect(result.location).toBe('app/settings.py:3');
    expect(Object.keys(result).sort()).toEqual(['category', 'fix', 'id', 'location', 'ruleId', 'secretPreview', 'severity', 'title']);
    expect(NotificationFindingSchema.safeParse(result).success).toBe(true);
  });
});
