import { describe, expect, it } from 'vitest';
import { ExceptionSchema } from './exceptions';
import { expiryInstant, startInstant } from './policy-date';

const base = { id: 'CVE-2020-8203', reason: 'not reachable', owner: 'team-web', expires: '2025-06-30' };

describe('ExceptionSchema', () => {
  it('accepts an exception with reason, owner and expiry', () => {
    expect(ExceptionSchema.parse(base)).toEqual(base);
  });

  for (const field of ['reason', 'owner', 'expires'] as const) {
    it(`refuses an exception without ${field}`, () => {
      const { [field]: _omitted, ...rest } = base;
      expect(ExceptionSchema.safeParse(rest).success).toBe(false);
    });
  }

  it('refuses a blank reason or owner', () => {
    expect(ExceptionSchema.safeParse({ ...base, reason: '   ' }).success).toBe(false);
    expect(ExceptionSchema.safeParse({ ...base, owner: '' }).success).toBe(false);
  });

  it('refuses dates that do not exist and date-times without an offset', () => {
    for (const expires of ['2025-02-30', '2025-13-01', '30/06/2025', '2025-06-30T12:00:00', 'tomorrow']) {
      expect(ExceptionSchema.safeParse({ ...base, expires }).success, expires).toBe(false);
    }
    expect(ExceptionSchema.safeParse({ ...base, expires: '2024-02-29' }).success).toBe(true);
  });

  it('refuses a created date after the expiry', () => {
    expect(ExceptionSchema.safeParse({ ...base, created: '2025-07-01' }).success).toBe(false);
  });

  it('refuses path globs that leave the repository', () => {
    for (const path of ['/etc/**', '../other/**', 'a/../../b', 'C:\\x', `${'*a'.repeat(21)}`]) {
      expect(ExceptionSchema.safeParse({ ...base, id: undefined, path }).success, path).toBe(false);
    }
  });
});

describe('policy dates', () => {
  it('a calendar date expires at the first instant of the next day, UTC', () => {
    expect(new Date(expiryInstant('2025-06-30')).toISOString()).toBe('2025-07-01T00:00:00.000Z');
    expect(new Date(expiryInstant('2025-12-31')).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('a date-time expires when it says, offset included', () => {
    expect(new Date(expiryInstant('2025-06-30T18:00:00+02:00')).toISOString()).toBe('2025-06-30T16:00:00.000Z');
  });

  it('a calendar date starts at midnight UTC', () => {
    expect(new Date(startInstant('2025-06-30')).toISOString()).toBe('2025-06-30T00:00:00.000Z');
  });
});
