import { describe, expect, it } from 'vitest';
import { committedSchema } from '../html/test-support/json-schema-validator';
import { complianceJsonSchema } from './json-schema';

describe('compliance JSON Schema', () => {
  it('docs/schema/compliance.schema.json matches the zod schema (refresh: GATEHOUSE_WRITE_SCHEMAS=1 npx vitest run packages/report)', () => {
    const current = complianceJsonSchema();
    expect(committedSchema('compliance.schema.json', current)).toEqual(current);
  });
});
