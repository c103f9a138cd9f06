import { z } from 'zod';

/**
 * pip-audit's JSON (`--format json`). Since 2.0 an object `{dependencies: [...], fixes: [...]}`;
 * before, a top-level array of the same dependency entries. A dependency is either audited
 * (`name`, `version`, `vulns`) or skipped (`name`, `skip_reason`: not on PyPI, could not be resolved).
 * Newer versions add `aliases` to each vulnerability.
 */
export const PipAuditVulnSchema = z.looseObject({
  id: z.string().min(1).max(300),
  fix_versions: z.array(z.string().max(300)).max(1_000).default([]),
  aliases: z.array(z.string().max(300)).max(1_000).optional(),
  description: z.string().max(100_000).nullish(),
});
export type PipAuditVuln = z.infer<typeof PipAuditVulnSchema>;

export const PipAuditDependencySchema = z.looseObject({
  name: z.string().min(1).max(1_000),
  version: z.string().min(1).max(300).optional(),
  vulns: z.array(z.unknown()).max(100_000).optional(),
  skip_reason: z.string().max(10_000).optional(),
});
