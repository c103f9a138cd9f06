import { z } from 'zod';

/**
 * osv-offline's native report (format "gatehouse-osv-offline", version 1): what was scanned, against
 * which export, and every package/vulnerability match with the OSV records' own ids, modified dates,
 * severity vectors and fixed versions. It is kept as the engine's artifact and read back by `parse`
 * (and by `gatehouse normalize --from osv-offline`). docs/engines/osv-offline.md documents it.
 */
export const OSV_OFFLINE_FORMAT = 'gatehouse-osv-offline';
export const OSV_OFFLINE_FORMAT_VERSION = 1;

const text = (max: number) => z.string().max(max);

export const ReportVulnerabilitySchema = z.strictObject({
  id: text(300).min(1),
  modified: text(100),
  published: text(100).optional(),
  aliases: z.array(text(300)).max(1_000),
  summary: text(2_000).optional(),
  /** CVSS vectors as the record gives them (`CVSS_V3`, `CVSS_V4`, `CVSS_V2`); scores are computed when read. */
  severity: z.array(z.strictObject({ type: text(50), score: text(512) })).max(50),
  /** `database_specific.severity` (GitHub's label: LOW, MODERATE, HIGH, CRITICAL). */
  databaseSeverity: text(100).optional(),
  cwes: z.array(text(50)).max(100).optional(),
  references: z.array(text(2_000)).max(50).optional(),
});

export const ReportGroupSchema = z.strictObject({
  ids: z.array(text(300).min(1)).min(1).max(1_000),
  aliases: z.array(text(300)).max(2_000),
  vulnerabilities: z.array(ReportVulnerabilitySchema).min(1).max(1_000),
  fixed: z.array(text(300)).max(1_000),
  lastAffected: z.array(text(300)).max(1_000),
  smallestFix: text(300).optional(),
});

export const ReportPackageSchema = z.strictObject({
  ecosystem: text(100).min(1),
  name: text(1_000).min(1),
  version: text(300).min(1),
  purl: text(2_000).min(1),
  manifest: text(4_096).min(1),
  direct: z.boolean().optional(),
  dev: z.boolean().optional(),
  path: text(4_096).optional(),
});

export const ReportResultSchema = z.strictObject({ package: ReportPackageSchema, groups: z.array(ReportGroupSchema).min(1).max(10_000) });

const SkipSchema = z.strictObject({ at: text(1_000), reason: text(2_000), name: text(1_000).optional(), unreadable: z.boolean().optional() });

export const ReportInputSchema = z.strictObject({
  path: text(4_096),
  kind: text(50),
  packages: z.int().min(0),
  skipped: z.array(SkipSchema).max(100_000),
  unpinned: z.array(SkipSchema).max(100_000),
});

export const OsvOfflineReportSchema = z.strictObject({
  format: z.literal(OSV_OFFLINE_FORMAT),
  formatVersion: z.literal(OSV_OFFLINE_FORMAT_VERSION),
  engineVersion: text(100),
  database: z.strictObject({
    source: text(4_096),
    recordsSeen: z.int().min(0),
    recordsKept: z.int().min(0),
    withdrawnIgnored: z.int().min(0),
    ecosystems: z.array(text(200)).max(1_000),
    latestRecordModified: text(100).optional(),
  }),
  inputs: z.array(ReportInputSchema).max(100_000),
  /** Results stay loosely typed here: each is validated on its own, so one bad entry is skipped, not fatal. */
  results: z.array(z.unknown()),
  incomplete: z.array(text(4_000)).max(10_000),
  notes: z.array(text(4_000)).max(10_000),
});
export type OsvOfflineReport = z.infer<typeof OsvOfflineReportSchema>;
export type ReportResult = z.infer<typeof ReportResultSchema>;
export type ReportGroup = z.infer<typeof ReportGroupSchema>;
export type ReportVulnerability = z.infer<typeof ReportVulnerabilitySchema>;
