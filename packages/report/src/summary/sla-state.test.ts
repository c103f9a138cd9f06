import { describe, expect, it } from 'vitest';
import { formatDueDate, slaState } from './sla-state';

const now = new Date('2026-05-01T12:00:00Z');

describe('slaState', () => {
  it('is not overdue at the exact due time, and overdue one millisecond later', () => {
    expect(slaState('2026-05-01T12:00:00.000Z', now)).toMatchObject({ overdue: false, label: 'due in <1h' });
    expect(slaState('2026-05-01T11:59:59.999Z', now)).toMatchObject({ overdue: true, label: 'overdue by <1h' });
  });

  it('counts whole days and hours', () => {
    expect(slaState('2026-05-04T13:00:00Z', now)).toMatchObject({ overdue: false, dueSoon: true, label: 'due in 3d' });
    expect(slaState('2026-05-01T17:30:00Z', now)?.label).toBe('due in 5h');
    expect(slaState('2026-04-20T12:00:00Z', now)?.label).toBe('overdue by 11d');
    expect(slaState('2026-05-09T12:00:00Z', now)?.dueSoon).toBe(false);
  });

  it('has no state without a valid date', () => {
    expect(slaState(undefined, now)).toBeUndefined();
    expect(slaState('soon', now)).toBeUndefined();
  });
});

describe('formatDueDate', () => {
  it('writes minutes in UTC', () => {
    expect(formatDueDate(new Date('2026-05-03T14:05:59Z'))).toBe('2026-05-03 14:05 UTC');
  });
});
