import { z } from 'zod';

/**
 * grype's JSON report (`grype -o json`), as written from 0.6x to 0.12x. Only what Gatehouse reads
 * is checked; everything is loose because grype adds fields in minor releases. Arrays grype may
 * write as `null` (older releases) are nullish.
 */
const text = z.string();
const list = <T extends z.ZodType>(item: T) => z.array(item).nullish();

export const GrypeCvssSchema = z.looseObject({
  source: text.optional(),
  type: text.optional(),
  version: text.optional(),
  vector: text,
  metrics: z.looseObject({ baseScore: z.number().optional() }).nullish(),
});

const EpssSchema = z.looseObject({ cve: text.optional(), epss: z.number(), percentile: z.number().optional(), date: text.optional() });
const KnownExploitedSchema = z.looseObject({ cve: text.optional(), knownRansomwareCampaignUse: text.optional() });

export const GrypeVulnerabilitySchema = z.looseObject({
  id: z.string().min(1),
  dataSource: text.optional(),
  namespace: text.optional(),
  severity: text.optional(),
  urls: list(text),
  description: text.optional(),
  cvss: list(GrypeCvssSchema),
  epss: list(EpssSchema),
  knownExploited: list(KnownExploitedSchema),
  fix: z.looseObject({ versions: list(text), state: text.optional() }).nullish(),
  risk: z.number().optional(),
});
export type GrypeVulnerability = z.infer<typeof GrypeVulnerabilitySchema>;

const LocationSchema = z.looseObject({ path: text, layerID: text.optional(), accessPath: text.optional() });

export const GrypeArtifactSchema = z.looseObject({
  id: text.optional(),
  name: z.string().min(1),
  version: text,
  type: text.optional(),
  locations: list(LocationSchema),
  language: text.optional(),
  purl: text.optional(),
});
export type GrypeArtifact = z.infer<typeof GrypeArtifactSchema>;

export const GrypeMatchSchema = z.looseObject({
  vulnerability: GrypeVulnerabilitySchema,
  relatedVulnerabilities: list(GrypeVulnerabilitySchema),
  matchDetails: list(z.looseObject({ type: text.optional(), matcher: text.optional() })),
  artifact: GrypeArtifactSchema,
});
export type GrypeMatch = z.infer<typeof GrypeMatchSchema>;

/** A match grype's own ignore rules (or a VEX document given with --vex) set aside. */
export const GrypeIgnoredMatchSchema = GrypeMatchSchema.extend({
  appliedIgnoreRules: list(
    z.looseObject({
      vulnerability: text.optional(),
      reason: text.optional(),
      namespace: text.optional(),
      'fix-state': text.optional(),
      'vex-status': text.optional(),
      'vex-justification': text.optional(),
    }),
  ),
});
export type GrypeIgnoredMatch = z.infer<typeof GrypeIgnoredMatchSchema>;

export const GrypeAlertSchema = z.looseObject({
  type: text,
  message: text.optional(),
  metadata: z.looseObject({ name: text.optional(), version: text.optional() }).nullish(),
});

export const GrypePackageAlertsSchema = z.looseObject({
  package: z.looseObject({ name: text.optional(), version: text.optional() }).nullish(),
  alerts: list(GrypeAlertSchema),
});

const ImageTargetSchema = z.looseObject({
  userInput: text.optional(),
  imageID: text.optional(),
  manifestDigest: text.optional(),
  tags: list(text),
  repoDigests: list(text),
});

export const GrypeSourceSchema = z.looseObject({
  type: text,
  target: z.union([text, ImageTargetSchema, z.looseObject({})]).nullish(),
});
export type GrypeSource = z.infer<typeof GrypeSourceSchema>;

export const GrypeDistroSchema = z.looseObject({ name: text.optional(), version: text.optional() });

/** descriptor.db: grype < 0.8x wrote `error`; newer releases write the v6 status (`valid`, `error`). */
export const GrypeDescriptorSchema = z.looseObject({
  name: text.optional(),
  version: text.optional(),
  db: z
    .looseObject({
      error: z.union([text, z.null()]).optional(),
      valid: z.boolean().optional(),
      built: text.optional(),
      status: z.looseObject({ error: z.union([text, z.null()]).optional(), valid: z.boolean().optional(), built: text.optional() }).nullish(),
    })
    .nullish(),
});
