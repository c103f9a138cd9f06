import { z } from 'zod';

/**
 * Dates in the policy file: a calendar date (`2025-06-30`, read as UTC) or a date-time with an offset
 * (`2025-06-30T18:00:00+02:00`). YAML's core schema keeps both as strings, so nothing is guessed.
 */
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const DATE_MESSAGE = 'must be a date such as 2025-06-30 or a date-time with an offset such as 2025-06-30T18:00:00Z';

/** A policy date; `requiredMessage` replaces zod's "expected string, received undefined". */
export function policyDate(requiredMessage?: string) {
  return z
    .string({
      error: (issue) => (issue.input === undefined || issue.input === null ? (requiredMessage ?? 'is required') : DATE_MESSAGE),
    })
    .refine((text) => parseCalendarOrInstant(text) !== undefined, { message: DATE_MESSAGE })
    .meta({ description: 'A date (YYYY-MM-DD, UTC) or an RFC 3339 date-time with an offset.' });
}

export const PolicyDateSchema = policyDate();

interface ParsedDate {
  /** Midnight UTC of the date, or the instant itself. */
  start: number;
  dateOnly: boolean;
}

function parseCalendarOrInstant(text: string): ParsedDate | undefined {
  const date = DATE_ONLY.exec(text);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const start = Date.UTC(year, month - 1, day);
    const check = new Date(start);
    // Date.UTC rolls 2025-02-30 over into March; a date that does not round-trip does not exist.
    if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
    return { start, dateOnly: true };
  }
  if (!DATE_TIME.test(text)) return undefined;
  const instant = Date.parse(text);
  return Number.isNaN(instant) ? undefined : { start: instant, dateOnly: false };
}

const DAY_MS = 86_400_000;

/**
 * When an exception stops applying. A calendar date means "valid through that day": the exception
 * lapses at the first instant of the next day, UTC. A date-time is taken as written.
 */
export function expiryInstant(text: string): number {
  const parsed = mustParse(text);
  return parsed.dateOnly ? parsed.start + DAY_MS : parsed.start;
}

/** When something started (created, approved): a calendar date means its first instant, UTC. */
export function startInstant(text: string): number {
  return mustParse(text).start;
}

function mustParse(text: string): ParsedDate {
  const parsed = parseCalendarOrInstant(text);
  if (!parsed) throw new RangeError(`not a policy date: ${text}`);
  return parsed;
}
