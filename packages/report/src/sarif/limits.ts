/**
 * What GitHub code scanning accepts in one SARIF upload ("SARIF support for code scanning" and
 * "SARIF results exceed one or more limits" in GitHub's docs). Above these maximums an upload is
 * rejected outright, so Gatehouse stays under each one by leaving out the least severe results.
 */
export interface SarifLimits {
  /** Size of the gzip-compressed file. GitHub says 10 MB; we count 10,000,000 bytes, the stricter reading. */
  gzippedBytes: number;
  runs: number;
  resultsPerRun: number;
  rulesPerRun: number;
  toolExtensionsPerRun: number;
  locationsPerResult: number;
  threadFlowLocationsPerResult: number;
  tagsPerRule: number;
}

export const GITHUB_SARIF_LIMITS: Readonly<SarifLimits> = Object.freeze({
  gzippedBytes: 10_000_000,
  runs: 20,
  resultsPerRun: 25_000,
  rulesPerRun: 25_000,
  toolExtensionsPerRun: 100,
  locationsPerResult: 1_000,
  threadFlowLocationsPerResult: 10_000,
  tagsPerRule: 20,
});

/**
 * Below the maximums, GitHub keeps only part of what it accepts: the first 5,000 results of a run
 * (by severity), 100 locations per result, 1,000 thread-flow locations and 10 tags per rule. Gatehouse
 * orders results most severe first and tags most telling first, so what GitHub keeps is what matters.
 */
export const GITHUB_SARIF_DISPLAY_LIMITS = Object.freeze({
  resultsPerRun: 5_000,
  locationsPerResult: 100,
  threadFlowLocationsPerResult: 1_000,
  tagsPerRule: 10,
});

/** Lengths Gatehouse itself puts on every string it writes into SARIF (GitHub states none). */
export const SARIF_TEXT_LIMITS = Object.freeze({
  message: 4_000,
  shortDescription: 1_000,
  fullDescription: 4_000,
  helpText: 8_000,
  helpMarkdown: 8_000,
  tag: 100,
  logicalName: 1_000,
  propertyValue: 300,
});

export function resolveLimits(overrides: Partial<SarifLimits> | undefined): SarifLimits {
  const limits: SarifLimits = { ...GITHUB_SARIF_LIMITS };
  if (!overrides) return limits;
  for (const key of Object.keys(GITHUB_SARIF_LIMITS) as (keyof SarifLimits)[]) {
    const value = overrides[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`SARIF limit ${key} must be a positive integer, got ${String(value)}`);
    limits[key] = value;
  }
  return limits;
}
