import type { ParseResult } from '@gatehouse/scanners';
import type { EngineOutcome } from './engine-outcome';

/**
 * An engine's status from what its report says: any skipped entry or any incompleteness the report
 * itself declares makes the run `incomplete` (fail closed), with the reasons listed.
 */
export function outcomeFromParse(engineId: string, result: ParseResult, reports: string[], durationMs?: number): EngineOutcome {
  const reasons = [...result.incomplete];
  if (result.skipped.length) {
    const sample = result.skipped
      .slice(0, 3)
      .map((s) => `${s.at}: ${s.reason}`)
      .join('; ');
    reasons.push(`${result.skipped.length} report entr${result.skipped.length === 1 ? 'y' : 'ies'} could not be read (${sample})`);
  }
  return {
    engine: {
      id: engineId,
      status: reasons.length ? 'incomplete' : 'ran',
      ...(result.engineVersion ? { version: result.engineVersion } : {}),
      ...(reasons.length ? { reason: reasons.join('; ').slice(0, 4_000) } : {}),
      findings: result.findings.length,
      skipped: result.skipped.length,
      reports,
      ...(durationMs !== undefined ? { durationMs } : {}),
    },
    drafts: result.findings,
    notes: result.notes ?? [],
  };
}
