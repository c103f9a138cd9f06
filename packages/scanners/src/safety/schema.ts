import { z } from 'zod';

const cvssBlock = z.looseObject({ vector_string: z.string().max(512).nullish(), base_severity: z.string().max(50).nullish(), base_score: z.number().nullish() }).nullish();

/**
 * One vulnerability of safety 2.x's JSON report (`safety check --json` / `--output json`). Fields are
 * polymorphic across 2.x releases: `CVE` is a string or an object with cvssv2/cvssv3; `severity` an
 * object or null; `vulnerable_spec` a string or a list.
 */
export const SafetyVulnSchema = z.looseObject({
  vulnerability_id: z.union([z.string().min(1).max(100), z.number()]),
  package_name: z.string().min(1).max(1_000),
  analyzed_version: z.string().max(300).nullish(),
  vulnerable_spec: z.union([z.string().max(2_000), z.array(z.string().max(2_000)).max(100)]).nullish(),
  advisory: z.string().max(100_000).nullish(),
  fixed_versions: z.array(z.string().max(300)).max(1_000).nullish(),
  closest_versions_without_known_vulnerabilities: z.array(z.string().max(300)).max(1_000).nullish(),
  CVE: z.union([z.string().max(100), z.looseObject({ name: z.string().max(100).nullish(), cvssv2: cvssBlock, cvssv3: cvssBlock })]).nullish(),
  severity: z.looseObject({ source: z.string().max(200).nullish(), cvssv2: cvssBlock, cvssv3: cvssBlock }).nullish(),
  more_info_url: z.string().max(2_000).nullish(),
  ignored: z.boolean().nullish(),
  ignored_reason: z.string().max(2_000).nullish(),
  is_transitive: z.boolean().nullish(),
});
export type SafetyVuln = z.infer<typeof SafetyVulnSchema>;
