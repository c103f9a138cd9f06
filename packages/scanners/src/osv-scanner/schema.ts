import { z } from 'zod';

/**
 * osv-scanner's JSON (`--format json`), v1 and v2: `results[]` per source (a lockfile, an SBOM, a
 * git directory), each with `packages[]` holding the package, the full OSV records that affect it
 * (`vulnerabilities`) and their alias `groups` (v1.2+; older reports have no groups). v2 adds
 * `max_severity`, `experimental_analysis` (called/unimportant), licenses and `deprecated`.
 */
export const OsvScannerVulnSchema = z.looseObject({
  id: z.string().min(1).max(300),
  modified: z.string().max(100).optional(),
  aliases: z.array(z.string().max(300)).max(1_000).nullish(),
  summary: z.string().max(10_000).optional(),
  details: z.string().max(1_000_000).optional(),
  severity: z.array(z.looseObject({ type: z.string().max(50).optional(), score: z.string().max(512).optional() })).max(50).nullish(),
  affected: z.array(z.unknown()).max(10_000).nullish(),
  references: z.array(z.looseObject({ type: z.string().max(50).optional(), url: z.string().max(2_000) })).max(5_000).nullish(),
  database_specific: z.unknown().optional(),
});
export type OsvScannerVuln = z.infer<typeof OsvScannerVulnSchema>;

export const OsvScannerGroupSchema = z.looseObject({
  ids: z.array(z.string().min(1).max(300)).min(1).max(1_000),
  aliases: z.array(z.string().max(300)).max(2_000).nullish(),
  max_severity: z.string().max(20).optional(),
  experimental_analysis: z.record(z.string(), z.looseObject({ called: z.boolean().optional(), unimportant: z.boolean().optional() })).optional(),
});
export type OsvScannerGroup = z.infer<typeof OsvScannerGroupSchema>;

export const OsvScannerPackageSchema = z.looseObject({
  package: z.looseObject({
    name: z.string().min(1).max(1_000),
    version: z.string().max(300).optional(),
    ecosystem: z.string().max(200).optional(),
    commit: z.string().max(100).optional(),
    deprecated: z.boolean().optional(),
  }),
  vulnerabilities: z.array(z.unknown()).max(100_000).nullish(),
  groups: z.array(z.unknown()).max(100_000).nullish(),
  licenses: z.array(z.string().max(500)).max(1_000).nullish(),
  license_violations: z.array(z.string().max(500)).max(1_000).nullish(),
  dependency_groups: z.array(z.string().max(100)).max(100).nullish(),
});
export type OsvScannerPackage = z.infer<typeof OsvScannerPackageSchema>;

export const OsvScannerSourceSchema = z.looseObject({ path: z.string().max(4_096), type: z.string().max(50).optional() });
