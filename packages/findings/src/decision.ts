import { z } from 'zod';
import { CATEGORIES } from './category';
import { SEVERITIES } from './severity';

export const VERDICTS = ['pass', 'warn', 'block', 'incomplete'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const ReasonSchema = z.strictObject({
  kind: z.enum(['block', 'warn', 'incomplete', 'info']),
  /** Machine-readable code, e.g. `severity-threshold`, `engine-incomplete`, `sla-breach`, `exception-expiring`. */
  code: z.string().max(100),
  message: z.string().max(2_000),
  findingIds: z.array(z.string()).optional(),
  engine: z.string().max(100).optional(),
});
export type Reason = z.infer<typeof ReasonSchema>;

const countsBy = <T extends readonly [string, ...string[]]>(keys: T) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, z.int().min(0)])) as Record<T[number], z.ZodInt>);

export const DecisionCountsSchema = z.strictObject({
  total: z.int().min(0),
  open: z.int().min(0),
  suppressed: z.int().min(0),
  blocking: z.int().min(0),
  warning: z.int().min(0),
  new: z.int().min(0),
  overdue: z.int().min(0),
  /** Open findings by severity. */
  bySeverity: countsBy(SEVERITIES),
  /** Open findings by category. */
  byCategory: countsBy(CATEGORIES),
});
export type DecisionCounts = z.infer<typeof DecisionCountsSchema>;

/**
 * What the policy decided. `incomplete` wins over `block` for the verdict (exit 2) but the blocking
 * findings are still counted and listed, so a run that is both says both.
 */
export const DecisionSchema = z.strictObject({
  verdict: z.enum(VERDICTS),
  reasons: z.array(ReasonSchema),
  counts: DecisionCountsSchema,
  blockingIds: z.array(z.string()),
  warningIds: z.array(z.string()),
});
export type Decision = z.infer<typeof DecisionSchema>;
