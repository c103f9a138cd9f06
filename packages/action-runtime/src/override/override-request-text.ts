import { durationMs } from '@gatehouse/policy';

/** Longest override reason accepted: a paragraph, not a document (notifications cap summaries at 2,000). */
export const MAX_REASON_LENGTH = 1_000;
/** Longest ticket reference: an id such as SEC-42, or an https URL to the ticket. */
export const MAX_TICKET_LENGTH = 300;

const TICKET_ID = /^[A-Za-z0-9][A-Za-z0-9._#/-]{0,99}$/;
const DURATION = /^[1-9][0-9]{0,5}(h|d|w)$/;

export interface OverrideTicket {
  id: string;
  url?: string;
}

/** What the override's free-text inputs say, checked; `problems` are refusals in words. */
export interface OverrideRequestText {
  /** The reason, trimmed (untrusted: escaped wherever it is shown). */
  reason: string;
  ticket: OverrideTicket | undefined;
  /** Milliseconds asked for; undefined means the policy's maximum. */
  durationMs: number | undefined;
  problems: string[];
}

function isHttpsUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && !url.username && !url.password ? url : undefined;
  } catch {
    return undefined;
  }
}

/** A ticket reference is an id (SEC-42, JIRA#1234, owner/repo#12) or an https URL; the id of a URL is its last path segment. */
export function parseTicket(raw: string): OverrideTicket | string {
  const text = raw.trim();
  if (text.length > MAX_TICKET_LENGTH) return `the ticket reference is longer than ${MAX_TICKET_LENGTH} characters`;
  const url = isHttpsUrl(text);
  if (url) {
    const last = url.pathname.split('/').filter(Boolean).pop() ?? url.host;
    const id = decodeURIComponentSafe(last).replace(/[^A-Za-z0-9._#/-]/g, '').slice(0, 100) || url.host;
    return { id, url: url.href };
  }
  if (!TICKET_ID.test(text)) return 'the ticket reference must be an id such as SEC-42 (letters, digits and . _ # / -, at most 100) or an https URL';
  return { id: text };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Checks the reason, ticket and duration inputs before the policy sees them. A reason that is only
 * white space counts as none (the policy refuses it); one over the cap is refused here rather than
 * silently cut, since the audit record must hold what was given.
 */
export function readOverrideRequestText(input: { reason: string | undefined; ticket: string | undefined; duration: string | undefined }): OverrideRequestText {
  const problems: string[] = [];
  const reason = (input.reason ?? '').trim();
  if (reason.length > MAX_REASON_LENGTH) problems.push(`the override reason is longer than ${MAX_REASON_LENGTH} characters`);
  let ticket: OverrideTicket | undefined;
  if (input.ticket !== undefined && input.ticket.trim() !== '') {
    const parsed = parseTicket(input.ticket);
    if (typeof parsed === 'string') problems.push(parsed);
    else ticket = parsed;
  }
  let duration: number | undefined;
  if (input.duration !== undefined && input.duration.trim() !== '') {
    const text = input.duration.trim();
    if (DURATION.test(text)) duration = durationMs(text);
    else problems.push('the override duration must be a whole number of hours, days or weeks such as 4h, 2d or 1w');
  }
  return { reason, ticket, durationMs: duration, problems };
}
