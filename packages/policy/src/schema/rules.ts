import { z } from 'zod';
import { CATEGORIES, type Category } from '@gatehouse/findings';

/**
 * A threshold is the least severe level that triggers: `high` means high and critical. `info` means
 * every finding (unknown severity counts as the policy's `unknownSeverity`, never below info); `none`
 * means never.
 */
export const THRESHOLDS = ['critical', 'high', 'medium', 'low', 'info', 'none'] as const;
export type Threshold = (typeof THRESHOLDS)[number];
export const ThresholdSchema = z.enum(THRESHOLDS);

/** The levels `unknown` may count as. */
export const KNOWN_LEVELS = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type KnownLevel = (typeof KNOWN_LEVELS)[number];
export const KnownLevelSchema = z.enum(KNOWN_LEVELS);

const fields = {
  block: ThresholdSchema.meta({ description: 'Findings at or above this severity block.' }),
  warn: ThresholdSchema.meta({ description: 'Findings at or above this severity that do not block warn.' }),
  requireFix: z.boolean().meta({
    description: 'Block only when a fix is available (fix.available); findings without a fix warn instead.',
  }),
  allowInlineSuppressions: z.boolean().meta({
    description:
      'Honour suppressions written in the code (nosec, nosemgrep, gitleaks:allow, pragma: allowlist secret). ' +
      'When false such findings are treated as open.',
  }),
};

/** The rules every category starts from. */
export const BaseRulesSchema = z.strictObject({
  block: fields.block.default('high'),
  warn: fields.warn.default('medium'),
  requireFix: fields.requireFix.default(false),
  allowInlineSuppressions: fields.allowInlineSuppressions.default(true),
});

/** An override: only what it names changes. */
export const PartialRulesSchema = z.strictObject({
  block: fields.block.optional(),
  warn: fields.warn.optional(),
  requireFix: fields.requireFix.optional(),
  allowInlineSuppressions: fields.allowInlineSuppressions.optional(),
});

/**
 * Secrets carry their own defaults so that loosening the general rules never loosens them by accident:
 * a committed credential must be rotated whatever label an engine gave it (most secret engines have
 * no severity at all), it has no "fix version", and an inline `gitleaks:allow` is written by the very
 * person whose commit is being checked.
 */
export const SecretRulesSchema = z.strictObject({
  block: fields.block.default('info'),
  warn: fields.warn.optional(),
  requireFix: fields.requireFix.default(false),
  allowInlineSuppressions: fields.allowInlineSuppressions.default(false),
});

export const CategoryRulesSchema = z.strictObject({
  secret: SecretRulesSchema.prefault({}),
  sca: PartialRulesSchema.optional(),
  sast: PartialRulesSchema.optional(),
  container: PartialRulesSchema.optional(),
  iac: PartialRulesSchema.optional(),
});

export const ModeCategoryRulesSchema = z.strictObject(
  Object.fromEntries(CATEGORIES.map((c) => [c, PartialRulesSchema.optional()])) as Record<
    Category,
    z.ZodOptional<typeof PartialRulesSchema>
  >,
);

export const MODES = ['pr', 'push', 'deploy', 'local'] as const;
export type Mode = (typeof MODES)[number];
export const ModeSchema = z.enum(MODES);

export const ModeRulesSchema = z.strictObject({
  rules: PartialRulesSchema.optional(),
  categories: ModeCategoryRulesSchema.optional(),
});

export const ModesSchema = z.strictObject(
  Object.fromEntries(MODES.map((m) => [m, ModeRulesSchema.optional()])) as Record<Mode, z.ZodOptional<typeof ModeRulesSchema>>,
);

export type BaseRules = z.infer<typeof BaseRulesSchema>;
export type PartialRules = z.infer<typeof PartialRulesSchema>;
/** The rules in force for one category in one mode, every field settled. */
export type EffectiveRules = BaseRules;
