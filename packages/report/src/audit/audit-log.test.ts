import { describe, expect, it } from 'vitest';
import { compileJsonSchema } from '../html/test-support/json-schema-validator';
import { AUDIT_EVENT_TYPES, AuditEventSchema, type AuditEventInput } from './audit-event-schema';
import { AUDIT_REDACTED, AuditLog } from './audit-log';
import { auditEventJsonSchema } from './json-schema';

const HASH = 'a'.repeat(64);
const FINDING = 'b'.repeat(64);

/** A clock that moves one second per reading, so every event has its own time. */
function steppingClock(start = '2026-03-01T12:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => {
    const now = new Date(t);
    t += 1_000;
    return now;
  };
}

/** One event of every type, as a run would record them. */
const ONE_OF_EACH: AuditEventInput[] = [
  { type: 'policy.loaded', source: '.github/gatehouse.yml', sha256: HASH, ref: 'refs/heads/main' },
  { type: 'engine.started', engine: 'gitleaks', version: '8.28.0' },
  { type: 'engine.finished', engine: 'gitleaks', version: '8.28.0', exitCode: 1, status: 'ran', durationMs: 1200, findings: 2 },
  { type: 'engine.finished', engine: 'trivy', exitCode: null, status: 'incomplete', reason: 'timed out after 600 s' },
  { type: 'exception.applied', findingId: FINDING, exception: '.github/gatehouse.yml#exceptions[0]', owner: 'alice', reason: 'not reachable', expiresAt: '2026-04-01T00:00:00.000Z' },
  { type: 'vex.applied', findingId: FINDING, document: 'vex/openvex.json', status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' },
  { type: 'verdict', verdict: 'incomplete', blocking: 3, warning: 1, reasons: ['severity-threshold', 'engine-incomplete'], incompleteEngines: ['trivy'] },
  { type: 'override.requested', actor: 'alice', environment: 'production', reason: 'hotfix for outage', ticket: 'SEC-42' },
  { type: 'override.approved', actor: 'alice', environment: 'production', reason: 'hotfix for outage', ticket: 'SEC-42', expiresAt: '2026-03-02T12:00:00.000Z', mustConfirm: ['security-slack'] },
  { type: 'override.refused', actor: 'mallory', refusals: ['mallory is not among the users or teams the policy allows to override'] },
  { type: 'notification.delivered', channel: 'security-slack', subject: 'override', attempts: 1 },
  { type: 'notification.failed', channel: 'pager-webhook', subject: 'override', attempts: 3, error: 'HTTP 502 after 3 attempts' },
  { type: 'artifact.uploaded', name: 'gatehouse-report', sha256: HASH, bytes: 123_456 },
];

describe('AuditLog', () => {
  it('stamps each event with its position and the injected time', () => {
    const log = new AuditLog({ clock: steppingClock(), runId: '1234-1' });
    log.record({ type: 'engine.started', engine: 'semgrep' });
    log.record({ type: 'engine.finished', engine: 'semgrep', exitCode: 0, status: 'ran' });
    expect(log.events.map((e) => [e.seq, e.at, e.runId])).toEqual([
      [0, '2026-03-01T12:00:00.000Z', '1234-1'],
      [1, '2026-03-01T12:00:01.000Z', '1234-1'],
    ]);
  });

  it('covers every event type, and every line of audit.jsonl validates against docs/schema/audit-event.schema.json', () => {
    const log = new AuditLog({ clock: steppingClock() });
    for (const event of ONE_OF_EACH) log.record(event);
    expect(new Set(log.events.map((e) => e.type))).toEqual(new Set(AUDIT_EVENT_TYPES));
    const validate = compileJsonSchema(auditEventJsonSchema());
    const lines = log.toJsonl().split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(ONE_OF_EACH.length);
    for (const line of lines) {
      const value = JSON.parse(line);
      expect(validate(value)).toEqual([]);
      expect(AuditEventSchema.safeParse(value).success).toBe(true);
    }
  });

  it('refuses an event that does not fit its schema and records nothing', () => {
    const log = new AuditLog({ clock: steppingClock() });
    expect(() => log.record({ type: 'policy.loaded', source: 'policy.yml', sha256: 'not-a-hash' })).toThrow(/invalid policy.loaded event: sha256/);
    expect(() => log.record({ type: 'engine.started', engine: 'x', token: 'ghp_abc' } as never)).toThrow(/Unrecognized key/);
    expect(log.events).toHaveLength(0);
  });

  it('scrubs registered secret values from every string of every event', () => {
    const secret = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
    const log = new AuditLog({ clock: steppingClock() });
    log.registerSecret(secret);
    log.record({ type: 'notification.failed', channel: 'webhook', subject: 'secret-leak', attempts: 1, error: `POST refused: body contained ${secret}` });
    log.record({ type: 'override.refused', actor: 'mallory', refusals: [`reason quoted ${secret} twice ${secret}`] });
    const jsonl = log.toJsonl();
    expect(jsonl).not.toContain(secret);
    expect(jsonl).toContain(`body contained ${AUDIT_REDACTED}`);
    expect(log.events[1]).toMatchObject({ refusals: [`reason quoted ${AUDIT_REDACTED} twice ${AUDIT_REDACTED}`] });
  });

  it('does not let a __proto__ key through', () => {
    const log = new AuditLog({ clock: steppingClock() });
    const hostile = JSON.parse('{"type":"engine.started","engine":"x","__proto__":{"polluted":true}}');
    expect(() => log.record(hostile)).toThrow(/Unrecognized key/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a clock that returns an invalid date', () => {
    const log = new AuditLog({ clock: () => new Date(Number.NaN) });
    expect(() => log.record({ type: 'engine.started', engine: 'x' })).toThrow(/invalid date/);
  });
});
