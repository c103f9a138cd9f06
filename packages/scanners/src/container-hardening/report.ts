import { z } from 'zod';

/**
 * The engine's native report (docs/engines/container-hardening.md, "Report format"): small JSON
 * that holds no source text. Each result carries the hash of its source line (the identity
 * stand-in trivy's finding on the same line gets from the file), never the line itself.
 */
export const HARDENING_TOOL = 'gatehouse-container-hardening';
export const HARDENING_REPORT_VERSION = 1;

export const HardeningResultSchema = z.strictObject({
  rule: z.string().min(1).max(100),
  ruleId: z.string().min(1).max(100),
  title: z.string().max(300),
  severity: z.enum(['critical', 'high', 'medium', 'low']),
  path: z.string().min(1).max(4_096),
  startLine: z.int().min(1).optional(),
  endLine: z.int().min(1).optional(),
  contextHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  message: z.string().max(2_000),
  advice: z.string().max(2_000),
});
export type HardeningResult = z.infer<typeof HardeningResultSchema>;

export const HardeningErrorSchema = z.strictObject({ path: z.string().max(4_096), message: z.string().max(2_000) });
export type HardeningError = z.infer<typeof HardeningErrorSchema>;

export const HardeningReportSchema = z.looseObject({
  tool: z.literal(HARDENING_TOOL),
  schemaVersion: z.literal(HARDENING_REPORT_VERSION),
  rules: z.array(z.looseObject({ key: z.string(), ruleId: z.string(), enabled: z.boolean() })).max(100),
  scanned: z.array(z.string().max(4_096)).max(1_000_000),
  results: z.array(z.unknown()),
  errors: z.array(z.unknown()),
});
export interface HardeningReport {
  tool: typeof HARDENING_TOOL;
  schemaVersion: typeof HARDENING_REPORT_VERSION;
  rules: { key: string; ruleId: string; enabled: boolean }[];
  /** Files checked (read and parsed), repository-relative. */
  scanned: string[];
  results: HardeningResult[];
  /** Files that could not be checked, and why: each makes the scan incomplete. */
  errors: HardeningError[];
}
