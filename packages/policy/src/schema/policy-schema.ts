import { z } from 'zod';
import { crossFieldIssues } from './cross-field-checks';
import { OptionalDurationSchema } from './duration';
import { ExceptionSchema, ExceptionSettingsSchema } from './exceptions';
import { NotificationsSchema } from './notifications';
import { OverrideSchema, RemediationIssuesSchema } from './override';
import { BaseRulesSchema, CategoryRulesSchema, KnownLevelSchema, ModeSchema, ModesSchema } from './rules';

const RepoPathSchema = z
  .string()
  .trim()
  .min(1)
  .max(1_000)
  .refine((p) => !p.startsWith('/') && !p.includes('\\') && !p.split('/').includes('..') && !/^[a-zA-Z]:/.test(p), {
    message: 'must be a repository-relative path with forward slashes and no ..',
  });

export const PRESET_NAMES = ['default', 'deploy'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export const SlaSchema = z.strictObject({
  critical: OptionalDurationSchema.default('48h'),
  high: OptionalDurationSchema.default('7d'),
  medium: OptionalDurationSchema.default('30d'),
  low: OptionalDurationSchema.default('none'),
  info: OptionalDurationSchema.default('none'),
  breach: z
    .enum(['block', 'warn'])
    .default('warn')
    .meta({ description: 'What an open finding past its due date does.' }),
});

export const PolicySchema = z
  .strictObject({
    version: z.literal(1, { error: 'version must be 1 (the only policy file version)' }),
    preset: z
      .enum(PRESET_NAMES)
      .optional()
      .meta({ description: 'Start from a built-in preset; everything this file sets overrides it.' }),
    rules: BaseRulesSchema.prefault({}).meta({ description: 'What blocks and warns, for every category.' }),
    categories: CategoryRulesSchema.prefault({}).meta({ description: 'Per-category changes to `rules`.' }),
    modes: ModesSchema.prefault({}).meta({
      description: 'Changes for one kind of run (pr, push, deploy, local); a mode category setting beats a mode rule.',
    }),
    unknownSeverity: KnownLevelSchema.default('high').meta({
      description: 'How a finding of unknown severity counts, for thresholds and SLA.',
    }),
    incomplete: z
      .enum(['fail', 'warn'])
      .default('fail')
      .meta({ description: 'What an engine that failed, timed out or lacked its database does to the verdict.' }),
    engines: z
      .strictObject({
        required: z
          .array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, { message: 'must be an engine id such as gitleaks' }))
          .max(50)
          .default([])
          .meta({ description: 'Engines that must run; one that did not is incomplete.' }),
      })
      .prefault({}),
    newOnly: z
      .strictObject({
        modes: z
          .array(ModeSchema)
          .max(4)
          .default(['pr'])
          .meta({ description: 'In these modes, findings already in the baseline do not block (they are reported).' }),
        baselineFile: RepoPathSchema.optional().meta({
          description: 'A baseline written by `gatehouse baseline`, added to the base branch ledger.',
        }),
      })
      .prefault({}),
    sla: SlaSchema.prefault({}),
    exceptionPolicy: ExceptionSettingsSchema.prefault({}),
    exceptions: z.array(ExceptionSchema).max(5_000).default([]),
    vex: z
      .strictObject({
        documents: z.array(RepoPathSchema).max(200).default([]).meta({ description: 'OpenVEX or CycloneDX VEX files.' }),
      })
      .prefault({}),
    notifications: NotificationsSchema.prefault({}),
    override: OverrideSchema.prefault({}),
    remediationIssues: RemediationIssuesSchema.prefault({}),
  })
  .superRefine((policy, ctx) => {
    for (const issue of crossFieldIssues(policy)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });

export type Policy = z.infer<typeof PolicySchema>;
export type PolicyInput = z.input<typeof PolicySchema>;

