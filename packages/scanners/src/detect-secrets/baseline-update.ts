import { ParseError } from '@gatehouse/findings';
import { isJsonObject, readJsonReport } from '../json-document';
import { DetectSecretsEntrySchema, type DetectSecretsEntry } from './schema';

export interface BaselineUpdate {
  /** The updated baseline, in the format of the one given (2-space JSON and a final newline, as detect-secrets writes it). */
  text: string;
  /** Entries of the scan the baseline did not have: the new secrets, to be audited (`detect-secrets audit`). */
  added: number;
  /** Entries the baseline had and the scan still reports (their line numbers follow the scan). */
  kept: number;
  /** Unaudited entries the scan no longer reports in a file it scanned. Audited entries are never removed. */
  removed: number;
}

export interface BaselineUpdateOptions {
  /**
   * The files the scan covered. An unaudited entry of such a file that the scan no longer
   * reports is dropped (the secret is gone); without this list nothing is dropped, since a file
   * missing from `results` may simply not have been scanned.
   */
  scannedFiles?: ReadonlySet<string>;
  baselineFile?: string;
  scanFile?: string;
}

type Entry = DetectSecretsEntry & Record<string, unknown>;
const keyOf = (file: string, e: Entry) => `${file}\u0000${e.hashed_secret.toLowerCase()}\u0000${e.type}`;

function entriesOf(doc: Record<string, unknown>, file: string): Map<string, Entry[]> {
  if (!isJsonObject(doc.results)) throw new ParseError('not a detect-secrets baseline: no "results" object', file);
  const byFile = new Map<string, Entry[]>();
  for (const [path, list] of Object.entries(doc.results)) {
    if (!Array.isArray(list)) throw new ParseError(`not a detect-secrets baseline: results of ${path.slice(0, 200)} is not a list`, file);
    byFile.set(
      path,
      list.map((raw, index) => {
        const parsed = DetectSecretsEntrySchema.safeParse(raw);
        if (!parsed.success) throw new ParseError(`entry ${index} of ${path.slice(0, 200)} is not a detect-secrets entry`, file);
        return { ...(raw as Record<string, unknown>), ...parsed.data } as Entry;
      }),
    );
  }
  return byFile;
}

const byLine = (a: Entry, b: Entry) => a.line_number - b.line_number || a.hashed_secret.localeCompare(b.hashed_secret) || a.type.localeCompare(b.type);

/**
 * Merges a fresh scan into the baseline as `detect-secrets scan --baseline` does, without ever
 * losing an audit decision: an entry found again keeps its `is_secret` / `is_verified` and takes
 * the scan's line number; a new entry is added unaudited; an audited entry stays even when the scan
 * no longer reports it. Settings (plugins, filters, exclusions) are the baseline's. 0.x baselines
 * keep their 0.x shape (entries without `filename`).
 */
export function updateSecretsBaseline(baselineText: string, scanText: string, options: BaselineUpdateOptions = {}): BaselineUpdate {
  const baselineFile = options.baselineFile ?? '.secrets.baseline';
  const baseline = readJsonReport(baselineText, baselineFile);
  const scan = readJsonReport(scanText, options.scanFile ?? 'detect-secrets scan');
  if (!isJsonObject(baseline) || !isJsonObject(scan)) throw new ParseError('not a detect-secrets document: expected an object', isJsonObject(baseline) ? (options.scanFile ?? 'detect-secrets scan') : baselineFile);
  const old = entriesOf(baseline, baselineFile);
  const fresh = entriesOf(scan, options.scanFile ?? 'detect-secrets scan');
  const withFilename = [...old.values()].flat().some((e) => typeof e.filename === 'string') || (typeof baseline.version === 'string' && !baseline.version.startsWith('0.'));

  const oldByKey = new Map<string, Entry>();
  for (const [file, list] of old) for (const e of list) oldByKey.set(keyOf(file, e), e);
  const seen = new Set<string>();
  const merged = new Map<string, Entry[]>();
  const add = (file: string, entry: Entry) => {
    const list = merged.get(file);
    if (list) list.push(entry);
    else merged.set(file, [entry]);
  };
  let added = 0;
  let kept = 0;
  let removed = 0;

  for (const [file, list] of fresh) {
    for (const entry of list) {
      const key = keyOf(file, entry);
      if (seen.has(key)) continue;
      seen.add(key);
      const before = oldByKey.get(key);
      const shape: Entry = { ...(before ?? entry), line_number: entry.line_number };
      if (withFilename) shape.filename = file;
      else delete shape.filename;
      if (!before) {
        delete shape.is_secret;
        added++;
      } else kept++;
      add(file, shape);
    }
  }
  for (const [file, list] of old) {
    for (const entry of list) {
      if (seen.has(keyOf(file, entry))) continue;
      const audited = entry.is_secret !== undefined;
      if (!audited && options.scannedFiles?.has(file)) {
        removed++;
        continue;
      }
      add(file, entry);
    }
  }

  const results = Object.fromEntries([...merged.keys()].sort().map((file) => [file, [...merged.get(file)!].sort(byLine)]));
  const updated: Record<string, unknown> = { ...baseline, results };
  if (typeof scan.generated_at === 'string' && 'generated_at' in baseline) updated.generated_at = scan.generated_at;
  return { text: `${JSON.stringify(updated, null, 2)}\n`, added, kept, removed };
}
