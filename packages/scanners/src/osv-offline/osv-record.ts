import { z } from 'zod';

/**
 * The parts of an OSV record (https://ossf.github.io/osv-schema/) the offline engine reads. Records
 * come from a downloaded export or a user's folder, so they are validated: a record that breaks the
 * schema's rules that matter here (one key per event, string versions) is refused with a reason.
 */
const EventSchema = z
  .looseObject({
    introduced: z.string().min(1).max(300).optional(),
    fixed: z.string().min(1).max(300).optional(),
    last_affected: z.string().min(1).max(300).optional(),
    limit: z.string().min(1).max(300).optional(),
  })
  .refine((e) => ['introduced', 'fixed', 'last_affected', 'limit'].filter((k) => e[k as keyof typeof e] !== undefined).length === 1, {
    message: 'an event must have exactly one of introduced, fixed, last_affected, limit',
  });

const RangeSchema = z.looseObject({
  type: z.string().min(1).max(50),
  repo: z.string().max(2_000).optional(),
  events: z.array(EventSchema).min(1).max(10_000),
});

const SeveritySchema = z.looseObject({ type: z.string().max(50), score: z.string().max(512) });

const AffectedSchema = z.looseObject({
  package: z
    .looseObject({
      ecosystem: z.string().min(1).max(200),
      name: z.string().min(1).max(1_000),
      purl: z.string().max(2_000).optional(),
    })
    .optional(),
  severity: z.array(SeveritySchema).max(50).nullish(),
  ranges: z.array(RangeSchema).max(1_000).nullish(),
  versions: z.array(z.string().max(300)).max(100_000).nullish(),
  database_specific: z.unknown().optional(),
});

export const OsvRecordSchema = z.looseObject({
  id: z.string().min(1).max(300),
  modified: z.string().min(1).max(100),
  published: z.string().max(100).optional(),
  withdrawn: z.string().max(100).optional(),
  aliases: z.array(z.string().min(1).max(300)).max(1_000).nullish(),
  summary: z.string().max(10_000).optional(),
  details: z.string().max(1_000_000).optional(),
  severity: z.array(SeveritySchema).max(50).nullish(),
  affected: z.array(AffectedSchema).max(10_000).nullish(),
  references: z.array(z.looseObject({ type: z.string().max(50).optional(), url: z.string().max(2_000) })).max(5_000).nullish(),
  database_specific: z.unknown().optional(),
});
export type OsvRecord = z.infer<typeof OsvRecordSchema>;
export type OsvAffected = NonNullable<OsvRecord['affected']>[number];
