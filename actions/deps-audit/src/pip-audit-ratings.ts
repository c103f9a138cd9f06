import { vulnerabilityIds, type Logger } from '@gatehouse/findings';
import type { EngineOutcome } from '@gatehouse/pipeline';
import { enrichFromOsvExport, loadRecordsForIds } from '@gatehouse/scanners';

/**
 * pip-audit rates nothing: its findings get the CVSS vectors (else the database's label) of their
 * OSV records in the run's export, read once for just their ids. Without an export, or for ids the
 * export does not know, they stay `unknown` and the policy decides.
 */
export async function ratePipAuditFindings(outcomes: EngineOutcome[], osvExport: string | undefined, logger: Logger): Promise<{ outcomes: EngineOutcome[]; notes: string[] }> {
  const unrated = outcomes.filter((o) => o.engine.id === 'pip-audit').flatMap((o) => o.drafts.filter((d) => d.severityBasis.kind === 'none'));
  if (!unrated.length) return { outcomes, notes: [] };
  if (!osvExport) return { outcomes, notes: [`pip-audit: ${unrated.length} finding(s) have no severity (no OSV export to rate them); the policy decides how unknown counts`] };
  const database = await loadRecordsForIds(osvExport, new Set(unrated.flatMap((d) => vulnerabilityIds(d))));
  let rated = 0;
  const refined = outcomes.map((o) => {
    if (o.engine.id !== 'pip-audit') return o;
    const { drafts, enriched } = enrichFromOsvExport(o.drafts, database);
    rated += enriched;
    return { ...o, drafts };
  });
  logger.info(`pip-audit: rated ${rated} of ${unrated.length} unrated finding(s) from the OSV export`);
  return { outcomes: refined, notes: [`pip-audit: ${rated} of ${unrated.length} unrated finding(s) rated from their OSV records${rated < unrated.length ? '; the others stay unknown' : ''}`] };
}
