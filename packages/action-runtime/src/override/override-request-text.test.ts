import { describe, expect, it } from 'vitest';
import { MAX_REASON_LENGTH, parseTicket, readOverrideRequestText } from './override-request-text';

const read = (input: { reason?: string; ticket?: string; duration?: string }) =>
  readOverrideRequestText({ reason: input.reason, ticket: input.ticket, duration: input.duration });

describe('readOverrideRequestText', () => {
  it('counts a reason of white space as no reason (the policy then refuses it)', () => {
    expect(read({ reason: ' \n\t ' })).toMatchObject({ reason: '', problems: [] });
  });

  it('refuses a reason over the cap instead of cutting it', () => {
    expect(read({ reason: 'x'.repeat(MAX_REASON_LENGTH) }).problems).toEqual([]);
    expect(read({ reason: 'x'.repeat(MAX_REASON_LENGTH + 1) }).problems).toEqual([`the override reason is longer than ${MAX_REASON_LENGTH} characters`]);
  });

  it('reads a duration in hours, days or weeks and refuses anything else', () => {
    expect(read({ duration: '4h' }).durationMs).toBe(4 * 3_600_000);
    expect(read({ duration: '2w' }).durationMs).toBe(14 * 86_400_000);
    expect(read({ duration: '0h' }).problems).toHaveLength(1);
    expect(read({ duration: '90m' }).problems).toHaveLength(1);
    expect(read({}).durationMs).toBeUndefined();
  });
});

describe('parseTicket', () => {
  it('takes an id as it is', () => {
    expect(parseTicket('SEC-42')).toEqual({ id: 'SEC-42' });
    expect(parseTicket('acme/shop#12')).toEqual({ id: 'acme/shop#12' });
  });

  it('takes an https URL, naming the ticket by its last path segment', () => {
    expect(parseTicket('https://tracker.example.com/browse/SEC-42')).toEqual({ id: 'SEC-42', url: 'https://tracker.example.com/browse/SEC-42' });
  });

  it('refuses markup, mentions, other schemes and credentials in URLs', () => {
    for (const bad of ['<script>', '@security-team', 'SEC 42', 'javascript:alert(1)', 'http://tracker.example.com/SEC-42', 'https://user:pw@tracker.example.com/1']) {
      expect(typeof parseTicket(bad), bad).toBe('string');
    }
  });
});
