import { z } from 'zod';

/**
 * `npm audit --json`, report version 2 (npm 7 and later): `vulnerabilities` keyed by package name.
 * Each entry's `via` mixes advisory objects (an advisory against this package) and package-name
 * strings (this package is vulnerable only because it depends on that one: a "metavuln").
 */
export const NpmAdvisoryViaSchema = z.looseObject({
  source: z.union([z.number(), z.string()]),
  name: z.string().min(1).max(1_000),
  dependency: z.string().max(1_000).optional(),
  title: z.string().max(2_000).optional(),
  url: z.string().max(2_000).optional(),
  severity: z.string().max(50).optional(),
  cwe: z.array(z.string().max(50)).max(100).optional(),
  cvss: z.looseObject({ score: z.number().optional(), vectorString: z.string().max(512).nullish() }).nullish(),
  range: z.string().max(2_000).optional(),
});
export type NpmAdvisoryVia = z.infer<typeof NpmAdvisoryViaSchema>;

export const NpmFixAvailableSchema = z.union([
  z.boolean(),
  z.looseObject({ name: z.string().max(1_000), version: z.string().max(300), isSemVerMajor: z.boolean().optional() }),
]);
export type NpmFixAvailable = z.infer<typeof NpmFixAvailableSchema>;

export const NpmVulnerabilitySchema = z.looseObject({
  name: z.string().min(1).max(1_000),
  severity: z.string().max(50).optional(),
  isDirect: z.boolean().optional(),
  via: z.array(z.unknown()).max(10_000),
  effects: z.array(z.string().max(1_000)).max(100_000).optional(),
  range: z.string().max(2_000).optional(),
  nodes: z.array(z.string().max(4_096)).max(100_000).optional(),
  fixAvailable: NpmFixAvailableSchema.optional(),
});

/** npm 6's report (`auditReportVersion` absent): `advisories` keyed by advisory id. */
export const NpmLegacyAdvisorySchema = z.looseObject({
  id: z.union([z.number(), z.string()]),
  title: z.string().max(2_000).optional(),
  module_name: z.string().min(1).max(1_000),
  severity: z.string().max(50).optional(),
  url: z.string().max(2_000).optional(),
  cves: z.array(z.string().max(100)).max(100).optional(),
  cwe: z.union([z.string().max(50), z.array(z.string().max(50)).max(100)]).optional(),
  github_advisory_id: z.string().max(100).optional(),
  vulnerable_versions: z.string().max(2_000).optional(),
  patched_versions: z.string().max(2_000).optional(),
  recommendation: z.string().max(2_000).optional(),
  findings: z.array(z.looseObject({ version: z.string().max(300), paths: z.array(z.string().max(4_096)).max(100_000).optional() })).max(10_000).optional(),
});
export type NpmLegacyAdvisory = z.infer<typeof NpmLegacyAdvisorySchema>;
