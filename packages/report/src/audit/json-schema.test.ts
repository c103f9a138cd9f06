import { describe, expect, it } from 'vitest';
import { committedSchema } from '../html/test-support/json-schema-validator';
import { auditEventJsonSchema } from './json-schema';

describe('audit event JSON Schema', () => {
  it('docs/schema/audit-event.schema.json matches the zod schema (refresh: GATEHOUSE_WRITE_SCHEMAS=1 npx vitest run packages/report)', () => {
    const current = auditEventJsonSchema();
    expect(committedSchema('audit-event.schema.json', current)).toEqual(current);
  });
});
