import { input } from '@gatehouse/action-kit';
import { scanActionInputs } from '@gatehouse/action-runtime';
import { DEPS_ENGINES } from '@gatehouse/scanners';
import { z } from 'zod';

/** deps-audit's inputs: the common ones, then its own (names, defaults and meaning of action.yml). */
export const depsAuditInputs = z.object({
  ...scanActionInputs,
  engines: input
    .list()
    .pipe(z.array(z.enum(DEPS_ENGINES)).min(1, 'name at least one engine'))
    .default([...DEPS_ENGINES]),
  'osv-database': input.string().optional(),
  ignore: input.list().default([]),
  'ignore-test-fixtures': input.boolean().default(true),
  sboms: input.list().default([]),
  'engine-timeout': input.integer({ min: 5, max: 6 * 3600 }).default(1800),
});

export type DepsAuditInputs = z.output<typeof depsAuditInputs>;
