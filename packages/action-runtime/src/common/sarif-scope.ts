import { matrixHash } from '@gatehouse/github';

export interface ScopedSarif {
  /** The SARIF log with every run's category scoped. */
  log: unknown;
  /** `log` as JSON, the text written to results.sarif. */
  json: string;
  /** How many runs it holds (0: nothing to upload). */
  runs: number;
  categories: string[];
}

/**
 * The category suffix of an action's SARIF runs: `<action>`, plus the matrix hash in a matrix leg.
 * Code scanning keeps one analysis per tool and category, and a later upload replaces an earlier one:
 * two actions running the same engine (trivy in deps-audit and image-scan) or two matrix legs must
 * not replace each other's alerts.
 */
export function sarifCategoryScope(action: string, matrix?: string): string {
  const hash = matrix === undefined ? undefined : matrixHash(matrix);
  return [action.replace(/[^A-Za-z0-9._-]+/g, '-'), hash].filter(Boolean).join('-');
}

/**
 * Rewrites each run's `automationDetails.id` from `gatehouse/<engine>/` (packages/report) to
 * `gatehouse/<engine>/<scope>/`. The file written to the artifact is this one, so it is exactly what
 * was (or would have been) uploaded.
 */
export function scopeSarifCategories(json: string, scope: string): ScopedSarif {
  const log = JSON.parse(json) as { runs?: { automationDetails?: { id?: unknown } }[] };
  const runs = Array.isArray(log.runs) ? log.runs : [];
  const categories: string[] = [];
  for (const run of runs) {
    const id = typeof run.automationDetails?.id === 'string' ? run.automationDetails.id : 'gatehouse/unknown/';
    const category = `${id.replace(/\/+$/, '')}/${scope}/`;
    run.automationDetails = { ...run.automationDetails, id: category };
    categories.push(category);
  }
  return { log, json: JSON.stringify(log), runs: runs.length, categories };
}
