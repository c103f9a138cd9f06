import { z } from 'zod';

/** GitHub rejects a run with more results than this ("rejecting SARIF, as there are more results per run than allowed"). */
export const MAX_RESULTS_PER_RUN = 25_000;

/** One run of a SARIF log, on its own: what one upload carries. */
export interface SarifCategory {
  /** Position of the run in the original log. */
  runIndex: number;
  /** automationDetails.id, or "" when the run has none. */
  category: string;
  /** tool.driver.name */
  tool: string;
  /** Code scanning's identity of a run: the driver's name, fullName, version, semanticVersion, guid and the category. */
  runKey: string;
  results: number;
  /** A SARIF 2.1.0 log holding only this run (the run object itself, not a copy). */
  document: { version: '2.1.0'; $schema?: string; runs: [unknown] };
}

export type SplitSarif =
  | { ok: true; categories: SarifCategory[]; duplicates: SarifCategory[] }
  | { ok: false; problem: string };

const Log = z.object({
  version: z.literal('2.1.0'),
  $schema: z.string().optional(),
  runs: z.array(z.unknown()).max(10_000),
});

const Run = z.object({
  tool: z.object({
    driver: z.object({
      name: z.string().min(1),
      fullName: z.string().optional(),
      version: z.string().optional(),
      semanticVersion: z.string().optional(),
      guid: z.string().optional(),
    }),
  }),
  automationDetails: z.object({ id: z.string().optional() }).optional(),
  results: z.array(z.unknown()).optional(),
});

/**
 * Splits a SARIF log into one single-run log per run. Code scanning identifies an analysis by the
 * tool and `automationDetails.id` (the category); since June 2025 it rejects an upload holding two
 * runs with the same tool and category, and across uploads the latest with a given tool and
 * category replaces the earlier one. Uploading each run on its own keeps every engine's results
 * and stays under the 20-runs-per-upload limit. Two runs sharing a key cannot both be kept: they are
 * returned as `duplicates` (the first of each key is kept) for the caller to report.
 */
export function splitSarifByCategory(sarif: unknown): SplitSarif {
  const log = Log.safeParse(sarif);
  if (!log.success) {
    const issue = log.error.issues[0]!;
    return { ok: false, problem: `not a SARIF 2.1.0 log: ${issue.path.join('.') || '(root)'}: ${issue.message}` };
  }
  const categories: SarifCategory[] = [];
  const duplicates: SarifCategory[] = [];
  const keys = new Set<string>();
  for (const [index, raw] of log.data.runs.entries()) {
    const run = Run.safeParse(raw);
    if (!run.success) {
      const issue = run.error.issues[0]!;
      return { ok: false, problem: `not a SARIF 2.1.0 log: runs.${index}.${issue.path.join('.')}: ${issue.message}` };
    }
    const { driver } = run.data.tool;
    const category = run.data.automationDetails?.id ?? '';
    const runKey = JSON.stringify([driver.name, driver.fullName, driver.version, driver.semanticVersion, driver.guid, category]);
    const entry: SarifCategory = {
      runIndex: index,
      category,
      tool: driver.name,
      runKey,
      results: run.data.results?.length ?? 0,
      document: { version: '2.1.0', ...(log.data.$schema ? { $schema: log.data.$schema } : {}), runs: [raw] },
    };
    if (keys.has(runKey)) duplicates.push(entry);
    else {
      keys.add(runKey);
      categories.push(entry);
    }
  }
  return { ok: true, categories, duplicates };
}

/** "semgrep (category sast/semgrep/)" for logs and summaries. */
export function describeCategory(category: Pick<SarifCategory, 'tool' | 'category'>): string {
  return category.category ? `${category.tool} (category ${category.category})` : `${category.tool} (no category)`;
}
