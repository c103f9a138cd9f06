import { z } from 'zod';

/** One entry of a snyk CLI JSON report's `vulnerabilities` (one per vulnerable dependency path). */
export const SnykVulnSchema = z.looseObject({
  id: z.string().min(1).max(300),
  title: z.string().max(2_000).optional(),
  type: z.string().max(50).optional(),
  severity: z.string().max(50).optional(),
  packageName: z.string().min(1).max(1_000),
  version: z.string().max(300),
  packageManager: z.string().max(100).optional(),
  CVSSv3: z.string().max(512).nullish(),
  cvssDetails: z.array(z.looseObject({ assigner: z.string().max(200).optional(), cvssV3Vector: z.string().max(512).nullish() })).max(100).optional(),
  identifiers: z.record(z.string(), z.array(z.string().max(300)).max(1_000)).optional(),
  fixedIn: z.array(z.string().max(300)).max(1_000).optional(),
  upgradePath: z.array(z.union([z.string().max(1_000), z.boolean()])).max(1_000).optional(),
  isUpgradable: z.boolean().optional(),
  isPatchable: z.boolean().optional(),
  from: z.array(z.string().max(1_000)).max(1_000).optional(),
  license: z.string().max(500).optional(),
});
export type SnykVuln = z.infer<typeof SnykVulnSchema>;
