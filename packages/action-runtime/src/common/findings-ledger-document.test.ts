import { describe, expect, it } from 'vitest';
import { codeFinding } from '../test-support/findings';
import { LEDGER_LIMITS, parseLedger, recordFindings, serializeLedger } from './findings-ledger-document';

const now = new Date('2026-11-22T12:00:00.000Z');
const a = codeFinding('app/a.py', 1);

describe('the findings ledger document', () => {
  it('round-trips entries through its serialized form', () => {
    const entries = recordFindings(new Map(), [a], now);
    expect(parseLedger(serializeLedger(entries, now), now)).toEqual({ entries, skipped: 0 });
  });

  it('takes a finding’s own earlier first-seen date, but never one in the future', () => {
    const earlier = recordFindings(new Map(), [{ id: a.id, firstSeen: '2026-01-01T00:00:00.000Z' }], now);
    expect(earlier.get(a.id)).toEqual({ firstSeen: Date.parse('2026-01-01T00:00:00.000Z'), lastSeen: now.getTime() });
    const future = recordFindings(new Map(), [{ id: a.id, firstSeen: '2099-01-01T00:00:00.000Z' }], now);
    expect(future.get(a.id)!.firstSeen).toBe(now.getTime());
  });

  it('refuses a file over the size cap and a document that is not JSON, without echoing it', () => {
    expect(() => parseLedger(Buffer.alloc(LEDGER_LIMITS.maxFileBytes + 1, 32), now)).toThrow(/more than/);
    expect(() => parseLedger('{"format":"gatehouse-findings-ledger", "entries": [', now)).toThrow(/not JSON/);
  });

  it('clamps a last-seen date in the future to now', () => {
    const text = JSON.stringify({ format: 'gatehouse-findings-ledger', version: 1, updatedAt: now.toISOString(), entries: [[a.id, '2026-01-01T00:00:00Z', '2099-01-01T00:00:00Z']] });
    expect(parseLedger(text, now).entries.get(a.id)).toEqual({ firstSeen: Date.parse('2026-01-01T00:00:00Z'), lastSeen: now.getTime() });
  });
});
