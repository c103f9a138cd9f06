import type { Finding } from '@gatehouse/findings';
import { z } from 'zod';

/**
 * The findings ledger as stored (docs/adr/1400-findings-ledger.md): one JSON file,
 * `{ format, version, updatedAt, entries: [[id, firstSeen, lastSeen], ...] }`. Entries are tuples,
 * not an object keyed by id, so a hostile file cannot smuggle `__proto__` keys, and 100k entries
 * stay about 12 MB. Read from artifacts that anyone able to run a step on the default branch could
 * upload: validated, size-capped, and never believed about the future.
 */
export const LEDGER_FORMAT = 'gatehouse-findings-ledger';
export const LEDGER_VERSION = 1;
export const LEDGER_FILE = 'findings-ledger.json';

export const LEDGER_LIMITS = {
  /** Entries kept; beyond it the entries seen longest ago are dropped. */
  maxEntries: 250_000,
  /** The file itself (uncompressed). */
  maxFileBytes: 48 * 1024 * 1024,
  /** An entry not seen by a default-branch run for this long is forgotten (the finding is gone). */
  retentionMs: 180 * 24 * 3600 * 1000,
  /** Clock skew tolerated between runners before a date counts as "in the future". */
  skewMs: 5 * 60 * 1000,
} as const;

/** First and last time a default-branch run saw a finding, as epoch milliseconds. */
export interface LedgerEntry {
  firstSeen: number;
  lastSeen: number;
}

export type LedgerEntries = Map<string, LedgerEntry>;

const FINDING_ID = /^[0-9a-f]{64}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

const Envelope = z.object({
  format: z.literal(LEDGER_FORMAT),
  version: z.literal(LEDGER_VERSION),
  updatedAt: z.string().regex(INSTANT),
  entries: z.array(z.unknown()).max(LEDGER_LIMITS.maxEntries),
});

/** An entry as stored; checked by hand rather than with zod, which costs seconds over 100k tuples. */
function entryTuple(raw: unknown): [string, string, string] | undefined {
  if (!Array.isArray(raw) || raw.length !== 3) return undefined;
  const [id, first, last] = raw as unknown[];
  if (typeof id !== 'string' || typeof first !== 'string' || typeof last !== 'string') return undefined;
  if (!FINDING_ID.test(id) || !INSTANT.test(first) || !INSTANT.test(last)) return undefined;
  return [id, first, last];
}

export interface ParsedLedger {
  entries: LedgerEntries;
  /** Entries that were not taken (malformed, dated in the future, first seen after last seen). */
  skipped: number;
}

/**
 * Reads a ledger file. An unreadable envelope throws (the caller ignores that artifact and says
 * so); a bad entry is skipped and counted. `now` bounds every date: an attacker's far-future
 * first-seen date would push SLA due dates out of reach.
 */
export function parseLedger(content: Buffer | string, now: Date): ParsedLedger {
  const size = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  if (size > LEDGER_LIMITS.maxFileBytes) throw new Error(`the ledger is ${size} bytes, more than ${LEDGER_LIMITS.maxFileBytes}`);
  let data: unknown;
  try {
    data = JSON.parse(typeof content === 'string' ? content : content.toString('utf8'));
  } catch (error) {
    throw new Error(`the ledger is not JSON (${error instanceof Error ? error.message.slice(0, 200) : 'unreadable'})`);
  }
  const envelope = Envelope.safeParse(data);
  if (!envelope.success) throw new Error(`the ledger is not a ${LEDGER_FORMAT} v${LEDGER_VERSION} document: ${envelope.error.issues[0]?.message ?? 'invalid'} at ${envelope.error.issues[0]?.path.join('.') || 'the top'}`);
  const latest = now.getTime() + LEDGER_LIMITS.skewMs;
  const entries: LedgerEntries = new Map();
  let skipped = 0;
  for (const raw of envelope.data.entries) {
    const tuple = entryTuple(raw);
    if (!tuple) {
      skipped += 1;
      continue;
    }
    const [id, first, last] = tuple;
    const firstSeen = Date.parse(first);
    const lastSeen = Math.min(Date.parse(last), now.getTime());
    if (Number.isNaN(firstSeen) || Number.isNaN(lastSeen) || firstSeen > latest || firstSeen > lastSeen + LEDGER_LIMITS.skewMs) {
      skipped += 1;
      continue;
    }
    mergeEntry(entries, id, { firstSeen: Math.min(firstSeen, now.getTime()), lastSeen: Math.max(lastSeen, Math.min(firstSeen, now.getTime())) });
  }
  return { entries, skipped };
}

/** Keeps the earliest first-seen and the latest last-seen date: no writer's date is ever lost. */
export function mergeEntry(into: LedgerEntries, id: string, entry: LedgerEntry): void {
  const known = into.get(id);
  if (!known) {
    into.set(id, { firstSeen: entry.firstSeen, lastSeen: entry.lastSeen });
    return;
  }
  if (entry.firstSeen < known.firstSeen) known.firstSeen = entry.firstSeen;
  if (entry.lastSeen > known.lastSeen) known.lastSeen = entry.lastSeen;
}

export function mergeLedgers(ledgers: Iterable<LedgerEntries>): LedgerEntries {
  const merged: LedgerEntries = new Map();
  for (const ledger of ledgers) for (const [id, entry] of ledger) mergeEntry(merged, id, entry);
  return merged;
}

/**
 * The ledger after a default-branch run: every finding it saw is recorded (first seen: the
 * earliest of the ledger's date, the finding's own believable `firstSeen`, and now; last seen:
 * now), entries unseen for `retentionMs` are forgotten, and the newest-seen `maxEntries` are kept.
 */
export function recordFindings(known: LedgerEntries, findings: readonly Pick<Finding, 'id' | 'firstSeen'>[], now: Date): LedgerEntries {
  const nowMs = now.getTime();
  const next: LedgerEntries = new Map();
  for (const [id, entry] of known) if (entry.lastSeen >= nowMs - LEDGER_LIMITS.retentionMs) next.set(id, { ...entry });
  for (const finding of findings) {
    if (!FINDING_ID.test(finding.id)) continue;
    const own = finding.firstSeen ? Date.parse(finding.firstSeen) : Number.NaN;
    const firstSeen = Number.isNaN(own) || own > nowMs ? nowMs : own;
    mergeEntry(next, finding.id, { firstSeen, lastSeen: nowMs });
  }
  if (next.size <= LEDGER_LIMITS.maxEntries) return next;
  const newest = [...next].sort((a, b) => b[1].lastSeen - a[1].lastSeen || a[1].firstSeen - b[1].firstSeen).slice(0, LEDGER_LIMITS.maxEntries);
  return new Map(newest);
}

export function serializeLedger(entries: LedgerEntries, now: Date): string {
  // Ids are hex and dates ISO instants: nothing to escape, so no JSON.stringify per entry.
  const lines: string[] = [];
  for (const [id, e] of entries) lines.push(`["${id}","${new Date(e.firstSeen).toISOString()}","${new Date(e.lastSeen).toISOString()}"]`);
  return `{"format":"${LEDGER_FORMAT}","version":${LEDGER_VERSION},"updatedAt":"${now.toISOString()}","entries":[\n${lines.join(',\n')}\n]}\n`;
}

/** What `evaluate` takes: first-seen instants by finding id. */
export function firstSeenDates(entries: LedgerEntries): Map<string, string> {
  const dates = new Map<string, string>();
  for (const [id, entry] of entries) dates.set(id, new Date(entry.firstSeen).toISOString());
  return dates;
}
