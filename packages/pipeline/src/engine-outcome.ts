import type { DraftWithHints, EngineRun } from '@gatehouse/findings';

/** What one engine contributed to a run: its status line and its findings before identity and merge. */
export interface EngineOutcome {
  engine: EngineRun;
  drafts: DraftWithHints[];
  /** Notes for the log and summary. */
  notes: string[];
}

export function notRun(id: string, reason: string): EngineOutcome {
  return { engine: { id, status: 'not-run', reason }, drafts: [], notes: [] };
}

export function incomplete(id: string, reason: string, version?: string): EngineOutcome {
  return { engine: { id, status: 'incomplete', reason, ...(version ? { version } : {}) }, drafts: [], notes: [] };
}

const STATUS_ORDER = { incomplete: 2, ran: 1, 'not-run': 0 } as const;

/** Several reports of one engine (a matrix, several manifests) make one engine line: the worst status wins. */
export function combineOutcomes(outcomes: readonly EngineOutcome[]): EngineOutcome[] {
  const byId = new Map<string, EngineOutcome>();
  for (const outcome of outcomes) {
    const seen = byId.get(outcome.engine.id);
    if (!seen) {
      byId.set(outcome.engine.id, { engine: { ...outcome.engine }, drafts: [...outcome.drafts], notes: [...outcome.notes] });
      continue;
    }
    const a = seen.engine;
    const b = outcome.engine;
    const status = STATUS_ORDER[b.status] > STATUS_ORDER[a.status] ? b.status : a.status;
    const reasons = [a.reason, b.reason].filter((r): r is string => !!r);
    seen.engine = {
      id: a.id,
      status,
      ...((a.version ?? b.version) ? { version: (a.version ?? b.version)! } : {}),
      ...(reasons.length ? { reason: [...new Set(reasons)].join('; ').slice(0, 4_000) } : {}),
      findings: (a.findings ?? 0) + (b.findings ?? 0),
      skipped: (a.skipped ?? 0) + (b.skipped ?? 0),
      reports: [...(a.reports ?? []), ...(b.reports ?? [])],
      durationMs: (a.durationMs ?? 0) + (b.durationMs ?? 0),
    };
    seen.drafts.push(...outcome.drafts);
    seen.notes.push(...outcome.notes);
  }
  return [...byId.values()];
}

/**
 * Outcomes with `redact` applied to each engine's reason and notes: a scanner's last stderr line may
 * quote a secret value an engine found in the same run (wire `redact` to the run's AuditLog.redact).
 */
export function redactOutcomes(outcomes: readonly EngineOutcome[], redact: (text: string) => string): EngineOutcome[] {
  return outcomes.map((o) => ({ ...o, engine: { ...o.engine, ...(o.engine.reason ? { reason: redact(o.engine.reason) } : {}) }, notes: o.notes.map(redact) }));
}
