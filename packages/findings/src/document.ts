import { z } from 'zod';
import { DecisionSchema } from './decision';
import { FindingSchema } from './schema';

export const FINDINGS_SCHEMA_VERSION = '1.0';

export const ENGINE_STATUSES = ['ran', 'not-run', 'incomplete'] as const;
export type EngineStatus = (typeof ENGINE_STATUSES)[number];

export const EngineRunSchema = z.strictObject({
  id: z.string().min(1).max(100),
  version: z.string().max(100).optional(),
  status: z.enum(ENGINE_STATUSES),
  /** Why it did not run or why it is incomplete; for `ran`, optional detail. */
  reason: z.string().max(4_000).optional(),
  findings: z.int().min(0).optional(),
  /** Report entries the adapter could not read (each makes the run incomplete). */
  skipped: z.int().min(0).optional(),
  durationMs: z.number().min(0).optional(),
  /** Reports this engine's findings came from (repository-relative or artifact names). */
  reports: z.array(z.string().max(4_096)).max(1_000).optional(),
});
export type EngineRun = z.infer<typeof EngineRunSchema>;

export const TargetSchema = z.strictObject({
  /** What was scanned, in words a person recognises: a directory, a repository, an image, a set of reports. */
  name: z.string().max(2_000),
  kind: z.enum(['directory', 'repository', 'image', 'reports']),
  repository: z.string().max(300).optional(),
  ref: z.string().max(1_000).optional(),
  commit: z.string().max(100).optional(),
});
export type Target = z.infer<typeof TargetSchema>;

/** findings.json: one object per run, after merging. */
export const FindingsDocumentSchema = z.strictObject({
  schemaVersion: z.literal(FINDINGS_SCHEMA_VERSION),
  tool: z.strictObject({ name: z.literal('gatehouse'), version: z.string().max(100) }),
  target: TargetSchema,
  generatedAt: z.iso.datetime({ offset: true }),
  engines: z.array(EngineRunSchema),
  decision: DecisionSchema,
  findings: z.array(FindingSchema),
});
export type FindingsDocument = z.infer<typeof FindingsDocumentSchema>;
