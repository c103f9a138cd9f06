import { z } from 'zod';
import { ENGINE_STATUSES, VERDICTS } from '@gatehouse/findings';

/**
 * audit.jsonl: one JSON object per line, one line per security-relevant event of a run. Events carry
 * names, hashes, counts and reasons, never secret values: there is no field for a token, a webhook
 * URL or a matched secret, and `AuditLog` scrubs registered secret values from every string.
 */

export const AUDIT_EVENT_VERSION = 1;

const isoDateTime = z.iso.datetime({ offset: true });
const name = z.string().min(1).max(200);
const text = z.string().max(2_000);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const findingId = z.string().regex(/^[0-9a-f]{64}$/);
const login = z.string().min(1).max(100);

/** Fields every line has; `AuditLog` fills them. */
const envelope = {
  /** Format version of the line. */
  v: z.literal(AUDIT_EVENT_VERSION),
  /** Position in the run, from 0, so a reader notices a missing line. */
  seq: z.int().min(0),
  at: isoDateTime,
  /** The run the event belongs to (e.g. a GitHub run id and attempt). */
  runId: z.string().max(200).optional(),
};

const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ ...envelope, type: z.literal(type), ...shape });

export const AuditEventSchema = z.discriminatedUnion('type', [
  event('engine.started', { engine: name, version: z.string().max(100).optional() }),
  event('engine.finished', {
    engine: name,
    version: z.string().max(100).optional(),
    /** null when the process was killed (timeout) or never started. */
    exitCode: z.int().nullable(),
    status: z.enum(ENGINE_STATUSES),
    durationMs: z.number().min(0).optional(),
    findings: z.int().min(0).optional(),
    reason: text.optional(),
  }),
  event('policy.loaded', {
    /** The policy file read (repository-relative), or `built-in`. */
    source: z.string().min(1).max(1_000),
    sha256,
    /** The git ref it was read from (the base ref on pull requests). */
    ref: z.string().max(1_000).optional(),
  }),
  event('verdict', {
    verdict: z.enum(VERDICTS),
    blocking: z.int().min(0),
    warning: z.int().min(0),
    /** Reason codes of the decision (`severity-threshold`, `engine-incomplete`, ...). */
    reasons: z.array(z.string().max(100)).max(100),
    incompleteEngines: z.array(name).max(100),
  }),
  event('exception.applied', {
    findingId,
    /** The exception's id or where it is defined (policy file and entry). */
    exception: z.string().min(1).max(1_000),
    owner: z.string().max(300),
    reason: text,
    expiresAt: isoDateTime.optional(),
  }),
  event('vex.applied', {
    findingId,
    /** The VEX document (repository-relative path or URL) the statement came from. */
    document: z.string().min(1).max(1_000),
    status: z.enum(['not_affected', 'fixed', 'under_investigation', 'affected', 'false_positive', 'resolved', 'resolved_with_pedigree', 'exploitable', 'in_triage']),
    justification: text.optional(),
  }),
  event('override.requested', {
    actor: login,
    environment: z.string().max(255).optional(),
    reason: text,
    ticket: z.string().max(300).optional(),
  }),
  event('override.approved', {
    actor: login,
    environment: z.string().max(255).optional(),
    reason: text,
    ticket: z.string().max(300).optional(),
    expiresAt: isoDateTime,
    /** Channels that must confirm delivery before the deploy proceeds. */
    mustConfirm: z.array(name).max(20),
  }),
  event('override.refused', {
    actor: login,
    environment: z.string().max(255).optional(),
    refusals: z.array(text).min(1).max(50),
  }),
  event('notification.delivered', {
    /** The channel's name in the policy, never its URL or address. */
    channel: name,
    /** What it was about: `override`, `secret-leak`, `sla-breach`, ... */
    subject: z.string().min(1).max(100),
    attempts: z.int().min(1).max(100),
  }),
  event('notification.failed', {
    channel: name,
    subject: z.string().min(1).max(100),
    attempts: z.int().min(0).max(100),
    error: z.string().max(500),
  }),
  event('artifact.uploaded', {
    name: z.string().min(1).max(500),
    sha256: sha256.optional(),
    bytes: z.int().min(0).optional(),
  }),
]);
export type AuditEvent = z.infer<typeof AuditEventSchema>;
export type AuditEventType = AuditEvent['type'];

type WithoutEnvelope<T> = T extends unknown ? Omit<T, 'v' | 'seq' | 'at' | 'runId'> : never;
/** What a caller records; `AuditLog` adds the envelope. */
export type AuditEventInput = WithoutEnvelope<AuditEvent>;

export const AUDIT_EVENT_TYPES: readonly AuditEventType[] = AuditEventSchema.options.map((o) => o.shape.type.value);
