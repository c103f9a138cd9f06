import { z } from 'zod';

/**
 * CycloneDX JSON 1.2–1.7 (https://cyclonedx.org/docs/), as far as Gatehouse reads it. Loose: every
 * version adds fields. Components are validated one by one where they are walked, so one bad
 * component is skipped and counted, not the whole document.
 */
const text = z.string();

export const CdxPropertySchema = z.looseObject({ name: text, value: text.optional() });

export const CdxComponentSchema = z.looseObject({
  'bom-ref': text.optional(),
  type: text.optional(),
  name: text.min(1),
  group: text.optional(),
  version: text.optional(),
  purl: text.optional(),
  scope: z.enum(['required', 'optional', 'excluded']).optional(),
  properties: z.array(CdxPropertySchema).optional(),
  components: z.array(z.unknown()).optional(),
});
export type CdxComponent = z.infer<typeof CdxComponentSchema>;

/** Tools: an array of {vendor,name,version} before 1.5, `{components, services}` since. */
const ToolSchema = z.looseObject({ name: text.optional(), version: text.optional(), vendor: text.optional(), group: text.optional() });
export const CdxToolsSchema = z.union([z.array(ToolSchema), z.looseObject({ components: z.array(ToolSchema).optional(), services: z.array(ToolSchema).optional() })]);

export const CdxDependencySchema = z.looseObject({ ref: text, dependsOn: z.array(text).optional() });

const RatingSchema = z.looseObject({
  source: z.looseObject({ name: text.optional() }).optional(),
  score: z.number().optional(),
  severity: text.optional(),
  method: text.optional(),
  vector: text.optional(),
});
export type CdxRating = z.infer<typeof RatingSchema>;

export const CdxVulnerabilitySchema = z.looseObject({
  'bom-ref': text.optional(),
  id: text.min(1),
  source: z.looseObject({ name: text.optional(), url: text.optional() }).optional(),
  references: z.array(z.looseObject({ id: text, source: z.looseObject({ name: text.optional(), url: text.optional() }).optional() })).optional(),
  ratings: z.array(RatingSchema).optional(),
  cwes: z.array(z.number().int()).optional(),
  description: text.optional(),
  detail: text.optional(),
  recommendation: text.optional(),
  advisories: z.array(z.looseObject({ url: text.optional() })).optional(),
  analysis: z.looseObject({ state: text.optional(), justification: text.optional(), detail: text.optional() }).optional(),
  affects: z.array(z.looseObject({ ref: text, versions: z.array(z.looseObject({ version: text.optional(), range: text.optional(), status: text.optional() })).optional() })).optional(),
});
export type CdxVulnerability = z.infer<typeof CdxVulnerabilitySchema>;
