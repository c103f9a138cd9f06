import { describe, expect, it } from 'vitest';
import { FindingSchema, type Finding } from '@gatehouse/findings';
import { packageFinding } from '../test-support/policy-fixtures';
import { annotateFinding, FINDING_FIELDS } from './annotate-finding';

describe('annotateFinding', () => {
  it('lists every field of the finding schema', () => {
    expect(Object.keys(FINDING_FIELDS).sort()).toEqual(Object.keys(FindingSchema.shape).sort());
  });

  it('copies every field it does not decide, optional ones included', () => {
    const full: Finding = {
      ...packageFinding(),
      confidence: 'high',
      secret: { preview: 'AK**' },
      references: ['https://example.com'],
      tags: ['t'],
      status: 'suppressed',
      suppression: { kind: 'vex', reason: 'old' },
      isNew: true,
      firstSeen: '2024-01-01T00:00:00.000Z',
      slaDueAt: '2024-01-03T00:00:00.000Z',
    };
    const result = annotateFinding(full, undefined, undefined, '2025-01-01T00:00:00.000Z');
    for (const [field, handling] of Object.entries(FINDING_FIELDS)) {
      if (handling === 'copied') expect(result[field as keyof Finding], field).toBe(full[field as keyof Finding]);
    }
    // What evaluation decides is not inherited from an earlier one.
    expect(result).toMatchObject({ status: 'open', firstSeen: '2025-01-01T00:00:00.000Z' });
    expect(Object.keys(result)).not.toContain('suppression');
    expect(Object.keys(result)).not.toContain('isNew');
    expect(Object.keys(result)).not.toContain('slaDueAt');
    expect(FindingSchema.safeParse(result).success).toBe(true);
  });
});
