import { z } from 'zod';

/**
 * semgrep's JSON report (`semgrep scan --json`, schema `cli_output` in semgrep-interfaces'
 * semgrep_output_v1.atd). Reports from before 0.92 have no `version`; from before 1.30 no
 * `fingerprint`; severities are ERROR/WARNING/INFO, and CRITICAL/HIGH/MEDIUM/LOW in newer rules.
 */

const Position = z.looseObject({
  line: z.number().int(),
  col: z.number().int().optional(),
  offset: z.number().int().optional(),
});

export const SemgrepResultSchema = z.looseObject({
  check_id: z.string().min(1),
  path: z.string().min(1),
  start: Position,
  end: Position.optional(),
  extra: z.looseObject({
    message: z.string().optional(),
    severity: z.string().optional(),
    // Free-form and often large (20+ keys per registry rule): read per rule, not validated per result.
    metadata: z.unknown().optional(),
    lines: z.string().optional(),
    fingerprint: z.string().optional(),
    is_ignored: z.boolean().optional(),
    fix: z.string().optional(),
    engine_kind: z.string().optional(),
    validation_state: z.string().optional(),
  }),
});
export type SemgrepResult = z.infer<typeof SemgrepResultSchema>;

/**
 * One of semgrep's own errors. `type` is a string ("Syntax error", "Timeout", ...) or, for the
 * variants with arguments, an array whose first element names it (["PartialParsing", [...]]).
 */
export const SemgrepErrorSchema = z.looseObject({
  code: z.number().int().optional(),
  level: z.string().optional(),
  type: z.union([z.string(), z.array(z.unknown())]).optional(),
  rule_id: z.string().optional(),
  message: z.string().optional(),
  path: z.string().optional(),
  short_msg: z.string().optional(),
  long_msg: z.string().optional(),
  spans: z.array(z.looseObject({ file: z.string().optional() })).optional(),
});
export type SemgrepError = z.infer<typeof SemgrepErrorSchema>;
