import { SEVERITIES, type Severity } from '@gatehouse/findings';

/** Why an open finding is not in the SARIF file. */
export type OmissionReason =
  /** The engine did not finish: a partial run would close alerts it simply did not get to. */
  | 'engine-incomplete'
  /** More engines than GitHub accepts runs in one upload; the runs with the least severe findings go. */
  | 'runs-limit'
  | 'results-per-run-limit'
  | 'rules-per-run-limit'
  /** The gzipped file would be over GitHub's upload size. */
  | 'size-limit';

export type SeverityCounts = Record<Severity, number>;

export interface EngineOmission {
  engine: string;
  total: number;
  bySeverity: SeverityCounts;
  byReason: Partial<Record<OmissionReason, number>>;
}

/**
 * What was left out of the SARIF file, so the summary can say it. Suppressed findings are left out
 * by design and counted apart; `total` and `bySeverity` count open findings left out.
 */
export interface OmissionReport {
  total: number;
  bySeverity: SeverityCounts;
  /** Only engines with something left out, in run order. */
  engines: EngineOmission[];
  suppressed: number;
}

export function emptySeverityCounts(): SeverityCounts {
  return Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
}

/** Collects omissions while SARIF is built. */
export class OmissionTally {
  private readonly byEngine = new Map<string, EngineOmission>();
  suppressed = 0;

  add(engine: string, severity: Severity, reason: OmissionReason, count = 1): void {
    let entry = this.byEngine.get(engine);
    if (!entry) {
      entry = { engine, total: 0, bySeverity: emptySeverityCounts(), byReason: {} };
      this.byEngine.set(engine, entry);
    }
    entry.total += count;
    entry.bySeverity[severity] += count;
    entry.byReason[reason] = (entry.byReason[reason] ?? 0) + count;
  }

  forEngine(engine: string): EngineOmission | undefined {
    return this.byEngine.get(engine);
  }

  report(): OmissionReport {
    const bySeverity = emptySeverityCounts();
    let total = 0;
    for (const e of this.byEngine.values()) {
      total += e.total;
      for (const s of SEVERITIES) bySeverity[s] += e.bySeverity[s];
    }
    return { total, bySeverity, engines: [...this.byEngine.values()], suppressed: this.suppressed };
  }
}
