import { randomUUID } from 'node:crypto';
import { ConfigurationError, SeveritySchema } from '@gatehouse/findings';
import { z } from 'zod';
import { compareNotificationFindings, NotificationFindingSchema, type NotificationFinding } from './notification-finding';
import { cleanLine, cleanMultiline, fitText } from './text/plain-text';

export const NOTIFICATION_KINDS = ['override', 'incident', 'blocked-deploy', 'sla-breach'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Bounds applied to every notification before any channel sees it (channels apply their own on top). */
export const NOTIFICATION_LIMITS = {
  title: 200,
  summary: 2_000,
  actor: 100,
  repository: 200,
  ref: 300,
  environment: 100,
  workflow: 200,
  url: 2_000,
  ticket: 100,
  findings: 50,
} as const;

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && !url.username && !url.password;
  } catch {
    return false;
  }
}

const httpsUrl = z
  .string()
  .max(NOTIFICATION_LIMITS.url)
  .refine(isHttpsUrl, { message: 'must be an https URL without credentials' });
const isoDateTime = z.iso.datetime({ offset: true });

/**
 * A channel-neutral message: who did what, where, which findings, until when. Every string in it may
 * come from an attacker (a branch name, an override reason, a scanner's rule title); channels escape
 * them for their medium. It never carries secret values: findings hold masked previews at most.
 */
export const NotificationSchema = z.strictObject({
  /** Stable across retries; channels use it to deduplicate (Message-ID, issue marker). */
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/),
  kind: z.enum(NOTIFICATION_KINDS),
  title: z.string().min(1).max(NOTIFICATION_LIMITS.title),
  /** Why: the override reason, what the incident is. Multi-line. */
  summary: z.string().max(NOTIFICATION_LIMITS.summary).optional(),
  occurredAt: isoDateTime,
  actor: z.strictObject({ login: z.string().min(1).max(NOTIFICATION_LIMITS.actor) }),
  target: z.strictObject({
    repository: z.string().min(1).max(NOTIFICATION_LIMITS.repository),
    ref: z.string().max(NOTIFICATION_LIMITS.ref).optional(),
    sha: z.string().regex(/^[0-9a-f]{7,64}$/).optional(),
    environment: z.string().max(NOTIFICATION_LIMITS.environment).optional(),
    workflow: z.string().max(NOTIFICATION_LIMITS.workflow).optional(),
    runUrl: httpsUrl.optional(),
  }),
  findings: z.array(NotificationFindingSchema).max(NOTIFICATION_LIMITS.findings),
  /** Findings left out by the cap; channels say so rather than pretend the list is complete. */
  findingsOmitted: z.int().min(0),
  /** Counts of the findings behind the message (all of them, not only those listed). */
  severityCounts: z.partialRecord(SeveritySchema, z.int().min(0)).optional(),
  expiresAt: isoDateTime.optional(),
  ticket: z.strictObject({ id: z.string().min(1).max(NOTIFICATION_LIMITS.ticket), url: httpsUrl.optional() }).optional(),
});
export type Notification = z.infer<typeof NotificationSchema>;

/** What callers build: strings of any length and content; `createNotification` cleans and bounds them. */
export interface NotificationInput {
  id?: string;
  kind: NotificationKind;
  title: string;
  summary?: string;
  occurredAt?: string;
  actor: { login: string };
  target: { repository: string; ref?: string; sha?: string; environment?: string; workflow?: string; runUrl?: string };
  findings?: readonly NotificationFinding[];
  findingsOmitted?: number;
  severityCounts?: Notification['severityCounts'];
  expiresAt?: string;
  ticket?: { id: string; url?: string };
}

const line = (value: string | undefined, max: number): string | undefined =>
  value === undefined ? undefined : fitText(cleanLine(value), max);

function cleanFinding(finding: NotificationFinding): NotificationFinding {
  return {
    ...finding,
    ruleId: line(finding.ruleId, 200)!,
    title: line(finding.title, 300)!,
    location: line(finding.location, 500)!,
    ...(finding.fix !== undefined ? { fix: line(finding.fix, 300)! } : {}),
    ...(finding.secretPreview !== undefined ? { secretPreview: line(finding.secretPreview, 8)! } : {}),
  };
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Cleans (control characters, bidi overrides), bounds and validates a notification. Idempotent, so
 * `deliverAll` can apply it again to whatever it is given. Findings are sorted most severe first and
 * capped; the rest are counted in `findingsOmitted`. Throws ConfigurationError when the structure is
 * wrong (unknown kind, a run URL that is not https), never for long or hostile text.
 */
export function createNotification(input: NotificationInput, now: () => Date = () => new Date()): Notification {
  // Select before cleaning (100k findings cost one sort, not 100k cleanings), then order what is kept
  // by its cleaned text so that applying this function again changes nothing.
  const findings = [...(input.findings ?? [])].sort(compareNotificationFindings);
  const kept = findings.slice(0, NOTIFICATION_LIMITS.findings).map(cleanFinding).sort(compareNotificationFindings);
  const candidate = dropUndefined({
    id: input.id ?? randomUUID(),
    kind: input.kind,
    title: line(input.title, NOTIFICATION_LIMITS.title),
    summary: input.summary === undefined ? undefined : fitText(cleanMultiline(input.summary).trim(), NOTIFICATION_LIMITS.summary),
    occurredAt: input.occurredAt ?? now().toISOString(),
    actor: { login: line(input.actor?.login, NOTIFICATION_LIMITS.actor) },
    target: dropUndefined({
      repository: line(input.target?.repository, NOTIFICATION_LIMITS.repository),
      ref: line(input.target?.ref, NOTIFICATION_LIMITS.ref),
      sha: input.target?.sha,
      environment: line(input.target?.environment, NOTIFICATION_LIMITS.environment),
      workflow: line(input.target?.workflow, NOTIFICATION_LIMITS.workflow),
      runUrl: input.target?.runUrl,
    }),
    findings: kept,
    findingsOmitted: (input.findingsOmitted ?? 0) + (findings.length - kept.length),
    severityCounts: input.severityCounts,
    expiresAt: input.expiresAt,
    ticket: input.ticket ? dropUndefined({ id: line(input.ticket.id, NOTIFICATION_LIMITS.ticket), url: input.ticket.url }) : undefined,
  });
  const parsed = NotificationSchema.safeParse(candidate);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.map(String).join('.') || '(notification)'}: ${issue.message}`)
      .join('; ');
    throw new ConfigurationError(`invalid notification: ${where}`);
  }
  return parsed.data;
}
