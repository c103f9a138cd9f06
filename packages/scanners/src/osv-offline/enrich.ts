import { normaliseVulnId, vulnerabilityIds, vulnIdentifier, type DraftWithHints, type FindingDraft } from '@gatehouse/findings';
import { isJsonObject } from '../json-document';
import { loadOsvDatabase, type LoadOptions, type OsvDatabase } from './osv-database';
import type { OsvRecord } from './osv-record';
import { rateOsvRecords } from './osv-severity';

/** Records of an OSV export holding the given vulnerability ids (or having them as aliases). */
export function loadRecordsForIds(source: string, ids: Iterable<string>, options?: LoadOptions): Promise<OsvDatabase> {
  return loadOsvDatabase(source, { ids }, options);
}

const databaseSeverity = (r: OsvRecord) => (isJsonObject(r.database_specific) && typeof r.database_specific.severity === 'string' ? r.database_specific.severity : undefined);

/**
 * Gives unrated dependency findings (pip-audit's have no severity) the severity their OSV records
 * state: the CVSS vectors of every record of the finding's ids and aliases (and the records those
 * alias), else the database's label. Findings already rated, and findings no record speaks for,
 * are left as they are (`unknown` stays unknown; the policy decides). Aliases learnt from the
 * records are added, so the finding merges with other engines' reports of the same vulnerability.
 */
export function enrichFromOsvExport<T extends FindingDraft | DraftWithHints>(drafts: readonly T[], database: OsvDatabase): { drafts: T[]; enriched: number } {
  let enriched = 0;
  const out = drafts.map((draft) => {
    if (draft.severityBasis.kind !== 'none' || draft.location.kind !== 'package') return draft;
    const records = new Map<string, OsvRecord>();
    const queue = vulnerabilityIds(draft).map(normaliseVulnId);
    const seen = new Set<string>();
    while (queue.length) {
      const id = queue.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const record of database.recordsById(id)) {
        if (records.has(record.id)) continue;
        records.set(record.id, record);
        for (const alias of [record.id, ...(record.aliases ?? [])]) queue.push(normaliseVulnId(alias));
      }
    }
    if (records.size === 0) return draft;
    const rating = rateOsvRecords(
      [...records.values()].map((r) => ({ id: r.id, severity: r.severity ?? [], ...(databaseSeverity(r) ? { databaseSeverity: databaseSeverity(r)! } : {}) })),
    );
    const aliases = [...new Set([...draft.aliases, ...[...records.values()].flatMap((r) => [r.id, ...(r.aliases ?? [])]).map(normaliseVulnId)])];
    const known = new Set(draft.identifiers.map((i) => i.value.toUpperCase()));
    const identifiers = [...draft.identifiers, ...aliases.filter((a) => !known.has(a.toUpperCase())).map(vulnIdentifier)];
    if (rating.severityBasis.kind === 'none') return { ...draft, aliases, identifiers };
    enriched += 1;
    return { ...draft, severity: rating.severity, severityBasis: rating.severityBasis, aliases, identifiers };
  });
  return { drafts: out, enriched };
}
