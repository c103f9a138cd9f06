import { ConfigurationError } from '@gatehouse/findings';
import { AUDIT_EVENT_VERSION, AuditEventSchema, type AuditEvent, type AuditEventInput } from './audit-event-schema';

export interface AuditLogOptions {
  /** The time of each event; injected so the log is a pure function of what is recorded. */
  clock: () => Date;
  runId?: string;
}

/** What replaces a registered secret value found in an event. */
export const AUDIT_REDACTED = '[REDACTED]';
/** Values shorter than this are not scrubbed: they would blank ordinary words. */
const MIN_SCRUB_LENGTH = 4;

/**
 * Collects the audit events of one run and writes them as JSON lines. Every event is validated when
 * recorded (an invalid event is a bug in the caller and throws), and every string in it is scrubbed of
 * the secret values registered with `registerSecret` (wire it to the `onSecretValue` hook), so even a
 * careless reason text cannot carry a secret into the artifact.
 */
export class AuditLog {
  readonly #events: AuditEvent[] = [];
  readonly #secrets = new Set<string>();
  readonly #clock: () => Date;
  readonly #runId: string | undefined;

  constructor(options: AuditLogOptions) {
    this.#clock = options.clock;
    this.#runId = options.runId;
  }

  /** A value that must never appear in the log (a secret the scanners found, a token, a webhook URL). */
  registerSecret(value: string): void {
    const trimmed = value.trim();
    if (trimmed.length >= MIN_SCRUB_LENGTH) this.#secrets.add(trimmed);
  }

  record(input: AuditEventInput): AuditEvent {
    const at = this.#clock();
    if (Number.isNaN(at.getTime())) throw new ConfigurationError('AuditLog: the clock returned an invalid date');
    const candidate = {
      ...this.#scrub(input),
      v: AUDIT_EVENT_VERSION,
      seq: this.#events.length,
      at: at.toISOString(),
      ...(this.#runId !== undefined && { runId: this.#scrubText(this.#runId) }),
    };
    const parsed = AuditEventSchema.safeParse(candidate);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(event)'}: ${i.message}`).join('; ');
      throw new TypeError(`AuditLog: invalid ${String((input as { type?: unknown }).type)} event: ${issues}`);
    }
    this.#events.push(parsed.data);
    return parsed.data;
  }

  /** `text` with every registered secret value replaced: for texts that leave the run other than as events (engine reasons). */
  redact(text: string): string {
    return this.#scrubText(text);
  }

  get events(): readonly AuditEvent[] {
    return this.#events;
  }

  /** audit.jsonl: one event per line, each line ending in a newline. */
  toJsonl(): string {
    return this.#events.map((e) => `${JSON.stringify(e)}\n`).join('');
  }

  #scrub<T>(value: T): T {
    if (typeof value === 'string') return this.#scrubText(value) as T;
    if (Array.isArray(value)) return value.map((item) => this.#scrub(item)) as T;
    if (value !== null && typeof value === 'object') {
      // Own enumerable keys into a fresh object: nothing from a prototype is copied, `__proto__` included.
      const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const key of Object.keys(value)) out[key] = this.#scrub((value as Record<string, unknown>)[key]);
      return { ...out } as T;
    }
    return value;
  }

  #scrubText(text: string): string {
    let result = text;
    for (const secret of this.#secrets) if (result.includes(secret)) result = result.split(secret).join(AUDIT_REDACTED);
    return result;
  }
}
