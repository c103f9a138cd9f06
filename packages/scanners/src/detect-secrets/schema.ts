import { z } from 'zod';

/**
 * One entry of a detect-secrets baseline or scan (`PotentialSecret` as JSON). 1.x writes
 * `filename`; 0.x does not (the key of `results` names the file). `hashed_secret` is the SHA-1 of
 * the secret: brute-forceable, so it is read but never copied into a finding.
 */
export const DetectSecretsEntrySchema = z.looseObject({
  type: z.string().min(1),
  filename: z.string().optional(),
  hashed_secret: z.string().regex(/^[0-9a-f]{40}$/i),
  line_number: z.number().int().min(0),
  is_secret: z.boolean().optional(),
  is_verified: z.boolean().optional(),
});
export type DetectSecretsEntry = z.infer<typeof DetectSecretsEntrySchema>;

/** The document: `results` maps each file to its entries; settings (`plugins_used`, `filters_used`, 0.x `exclude`) around it. */
export const DetectSecretsDocumentSchema = z.looseObject({
  version: z.string().optional(),
  generated_at: z.string().optional(),
  plugins_used: z.array(z.unknown()).optional(),
  filters_used: z.array(z.unknown()).optional(),
  results: z.record(z.string(), z.array(z.unknown())),
});
export type DetectSecretsDocument = z.infer<typeof DetectSecretsDocumentSchema>;
