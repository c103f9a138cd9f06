import { ConfigurationError } from '@gatehouse/findings';
import { describe, expect, it } from 'vitest';
import { createNotification, NOTIFICATION_LIMITS, type NotificationInput } from './notification';
import type { NotificationFinding } from './notification-finding';

const base: NotificationInput = {
  kind: 'override',
  title: 'Deploy despite findings',
  actor: { login: 'octocat' },
  target: { repository: 'acme/shop' },
};

function finding(i: number, severity: NotificationFinding['severity']): NotificationFinding {
  return { id: `f${i}`, severity, category: 'sast', ruleId: `R${i}`, title: `t${i}`, location: `a.py:${i}` };
}

describe('createNotification', () => {
  it('fills in an id and the time, and keeps what it was given', () => {
    const n = createNotification(base, () => new Date('2026-03-01T00:00:00Z'));
    expect(n.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(n.occurredAt).toBe('2026-03-01T00:00:00.000Z');
    expect(n).toMatchObject({ kind: 'override', title: 'Deploy despite findings', findings: [], findingsOmitted: 0 });
  });

  it('strips control characters and bounds every field instead of failing on hostile text', () => {
    const n = createNotification({
      ...base,
      title: `x\r\nBcc: evil@example.com\u001b[2J${'y'.repeat(5_000)}`,
      summary: `line one\r\nline two\u0000${'z'.repeat(10_000)}`,
      target: { repository: 'acme/shop', ref: `refs/heads/${'<!channel>'.repeat(100)}` },
    });
    expect(n.title).not.toMatch(/[\r\n\u001b]/);
    expect(n.title.length).toBe(NOTIFICATION_LIMITS.title);
    expect(n.summary!.startsWith('line one\nline two')).toBe(true);
    expect(n.summary!.length).toBe(NOTIFICATION_LIMITS.summary);
    expect(n.target.ref!.length).toBe(NOTIFICATION_LIMITS.ref);
  });

  it('keeps the most severe findings when there are too many and counts the rest', () => {
    const findings = Array.from({ length: 120 }, (_, i) => finding(i, i === 77 ? 'critical' : i % 2 ? 'low' : 'medium'));
    const n = createNotification({ ...base, findings });
    expect(n.findings).toHaveLength(NOTIFICATION_LIMITS.findings);
    expect(n.findings[0]!.id).toBe('f77');
    expect(n.findings.every((f) => f.severity !== 'low')).toBe(true);
    expect(n.findingsOmitted).toBe(120 - NOTIFICATION_LIMITS.findings);
  });

  it('is idempotent, so deliverAll can apply it again', () => {
    const once = createNotification({ ...base, title: 'x'.repeat(900), findings: Array.from({ length: 70 }, (_, i) => finding(i, 'high')) });
    expect(createNotification(once)).toEqual(once);
  });

  it('stays idempotent when cleaning changes how findings sort', () => {
    const once = createNotification({ ...base, findings: [{ ...finding(1, 'high'), ruleId: '\u0000zz' }, { ...finding(2, 'high'), ruleId: 'aa' }] });
    expect(once.findings.map((f) => f.ruleId)).toEqual(['aa', 'zz']);
    expect(createNotification(once)).toEqual(once);
  });

  it('refuses a run URL that is not https, naming the field', () => {
    expect(() => createNotification({ ...base, target: { repository: 'a/b', runUrl: 'javascript:alert(1)' } })).toThrow(ConfigurationError);
    expect(() => createNotification({ ...base, target: { repository: 'a/b', runUrl: 'http://github.com/a/b' } })).toThrow(/target\.runUrl/);
  });

  it('refuses a finding that carries fields beyond the masked schema (a raw Finding with its message)', () => {
    const raw = { ...finding(1, 'high'), message: 'value was hunter2hunter2hunter2' } as unknown as NotificationFinding;
    expect(() => createNotification({ ...base, findings: [raw] })).toThrow(/unrecognized key/i);
  });

  it('refuses an unknown kind', () => {
    expect(() => createNotification({ ...base, kind: 'party' as never })).toThrow(/kind/);
  });
});
