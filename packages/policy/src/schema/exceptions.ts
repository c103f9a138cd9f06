import picomatch from 'picomatch';
import { z } from 'zod';
import { CategorySchema } from '@gatehouse/findings';
import { PolicyDateSchema, expiryInstant, policyDate, startInstant } from './policy-date';

const nonBlank = (max: number, what: string) =>
  z
    .string({
      error: (issue) => (issue.input === undefined ? `${what} is required` : issue.input === null ? `${what} must not be empty` : `${what} must be text`),
    })
    .trim()
    .min(1, { message: `${what} must not be empty` })
    .max(max);

/**
 * A policy exception: what it matches (all given matchers must match) and who answers for it until when.
 * Matching is documented in docs/policy.md: `id` is alias-aware and also matches rule ids and finding
 * ids; `purl` without a version matches every version; `path` is a glob over the file (code findings)
 * or the manifest (package findings).
 */
export const ExceptionSchema = z
  .strictObject({
    id: z
      .string()
      .trim()
      .min(1)
      .max(300)
      .optional()
      .meta({ description: 'A vulnerability id (CVE, GHSA, OSV, ...; any alias matches), a rule id, or a finding id.' }),
    purl: z
      .string()
      .trim()
      .max(2_000)
      .regex(/^pkg:[a-zA-Z0-9.+-]+\/.+/, { message: 'must be a package URL such as pkg:npm/lodash or pkg:npm/lodash@4.17.15' })
      .optional()
      .meta({ description: 'A package URL; without a version it matches every version.' }),
    path: z
      .string()
      .trim()
      .min(1)
      .max(1_000)
      .refine((glob) => !glob.startsWith('/') && !glob.split('/').includes('..') && !glob.includes('\\'), {
        message: 'must be a repository-relative glob with forward slashes and no ..',
      })
      .refine(compilesAsGlob, { message: 'is not a glob Gatehouse can use (at most 20 wildcards)' })
      .optional()
      .meta({ description: 'A glob over repository-relative paths (picomatch syntax), e.g. tests/**.' }),
    category: CategorySchema.optional().meta({ description: 'Narrow the exception to one category.' }),
    reason: nonBlank(2_000, 'reason').meta({ description: 'Why the finding is accepted.' }),
    owner: nonBlank(300, 'owner').meta({ description: 'Who answers for the exception (a user, team or e-mail).' }),
    expires: policyDate('expires is required: every exception lapses').meta({ description: 'The last day the exception applies (or an exact instant).' }),
    created: PolicyDateSchema.optional().meta({ description: 'When the exception was written.' }),
    approvedBy: z.string().trim().min(1).max(300).optional(),
    approvedAt: PolicyDateSchema.optional(),
    ticket: z.string().trim().min(1).max(500).optional().meta({ description: 'A tracking reference.' }),
  })
  .superRefine((exception, ctx) => {
    if (exception.id === undefined && exception.purl === undefined && exception.path === undefined) {
      ctx.addIssue({ code: 'custom', message: 'an exception needs at least one of id, purl or path to say what it matches' });
    }
    if (exception.created !== undefined && startInstant(exception.created) >= expiryInstant(exception.expires)) {
      ctx.addIssue({ code: 'custom', path: ['expires'], message: 'expires must be after created' });
    }
    if (exception.approvedAt !== undefined && startInstant(exception.approvedAt) >= expiryInstant(exception.expires)) {
      ctx.addIssue({ code: 'custom', path: ['approvedAt'], message: 'approvedAt must be before expires' });
    }
  });

export type PolicyException = z.infer<typeof ExceptionSchema>;

export const ExceptionSettingsSchema = z.strictObject({
  warnBeforeExpiryDays: z
    .int()
    .min(0)
    .max(365)
    .default(7)
    .meta({ description: 'Warn this many days before an exception lapses (0: no warning).' }),
  maxDays: z
    .int()
    .min(1)
    .max(3_650)
    .default(90)
    .meta({ description: 'The longest an exception may run, from its created date (or from now when it has none).' }),
});

/**
 * Globs become regular expressions; a pattern with dozens of wildcards could backtrack for a long
 * time on a long path, so the count is capped, and one picomatch cannot compile is refused here
 * rather than failing mid-evaluation.
 */
function compilesAsGlob(glob: string): boolean {
  if ((glob.match(/[*?]/g)?.length ?? 0) > 20) return false;
  try {
    picomatch.makeRe(glob, { dot: true });
    return true;
  } catch {
    return false;
  }
}
