import { z } from 'zod';
import { ComplianceReportSchema } from './compliance-schema';

/**
 * The JSON Schema of compliance.json, generated from the zod schema; docs/schema/compliance.schema.json
 * holds a copy that a test keeps current.
 */
export function complianceJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(ComplianceReportSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $schema,
    $id: 'https://gatehouse.dev/schema/compliance.schema.json',
    title: 'compliance.json: the compliance evidence of one Gatehouse run',
    ...rest,
  };
}
