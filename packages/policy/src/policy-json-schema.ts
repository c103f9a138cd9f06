import { z } from 'zod';
import { PolicySchema } from './schema/policy-schema';

/**
 * The JSON Schema of `.github/gatehouse.yml` (as written, before defaults: io "input"), for editors
 * (yaml-language-server) and other tools. Written to docs/schema/policy.schema.json by
 * `pnpm schema:write`; a test fails when that file is stale. Cross-field checks (an override naming
 * a channel that does not exist) live only in the loader.
 */
export function policyJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(PolicySchema, { target: 'draft-2020-12', io: 'input' });
  return {
    $schema,
    $id: 'https://gatehouse.dev/schema/policy.schema.json',
    title: 'Gatehouse policy file (.github/gatehouse.yml), version 1',
    ...rest,
  };
}
