import type { FindingsDocument } from '@gatehouse/findings';

/** One line for the log and the step's failure: the verdict, what blocks, which engines did not finish. */
export function verdictMessage(action: string, document: FindingsDocument): string {
  const { verdict, counts } = document.decision;
  const incomplete = document.engines.filter((e) => e.status === 'incomplete');
  const blocking = `${counts.blocking} blocking finding${counts.blocking === 1 ? '' : 's'}`;
  const unfinished = incomplete
    .slice(0, 5)
    .map((e) => `${e.id}: ${(e.reason ?? 'no reason given').slice(0, 1_000)}`)
    .join('; ');
  const policyIncomplete = document.decision.reasons.filter((r) => r.kind === 'incomplete' && !incomplete.some((e) => e.id === r.engine));
  const other = policyIncomplete.slice(0, 3).map((r) => r.message.slice(0, 300)).join('; ');
  switch (verdict) {
    case 'pass':
      return `Gatehouse ${action}: pass (${counts.open} open finding${counts.open === 1 ? '' : 's'}, none blocks)`;
    case 'warn':
      return `Gatehouse ${action}: warn (${counts.warning} finding${counts.warning === 1 ? '' : 's'} to look at, none blocks)`;
    case 'block':
      return `Gatehouse ${action}: blocked by ${blocking}; the job summary lists them`;
    case 'incomplete':
      return `Gatehouse ${action}: incomplete, so the result is not clean (${[unfinished, other].filter(Boolean).join('; ') || 'an engine did not finish'})${counts.blocking ? `; also ${blocking}` : ''}`;
  }
}
