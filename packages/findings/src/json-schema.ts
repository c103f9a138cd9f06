import { z } from 'zod';
import { FindingsDocumentSchema } from './document';
import { FindingSchema } from './schema';

/**
 * JSON Schemas generated from the zod schemas, so consumers in any language can validate what we
 * write. Written to docs/schema/ by `pnpm schema:write`; a test fails when those files are stale.
 */
export function findingJsonSchema(): Record<string, unknown> {
  return withHeader(z.toJSONSchema(FindingSchema, { target: 'draft-2020-12' }), 'finding', 'One Gatehouse finding (schema v1)');
}

export function findingsDocumentJsonSchema(): Record<string, unknown> {
  return withHeader(
    z.toJSONSchema(FindingsDocumentSchema, { target: 'draft-2020-12' }),
    'findings',
    'findings.json: one Gatehouse run after merging (schema v1)',
  );
}

function withHeader(schema: Record<string, unknown>, name: string, title: string): Record<string, unknown> {
  const { $schema, ...rest } = schema;
  return { $schema, $id: `https://gatehouse.dev/schema/${name}.schema.json`, title, ...rest };
}
