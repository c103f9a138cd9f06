import { z } from 'zod';
import { AuditEventSchema } from './audit-event-schema';

/** The JSON Schema of one audit.jsonl line; docs/schema/audit-event.schema.json holds a copy a test keeps current. */
export function auditEventJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(AuditEventSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $schema,
    $id: 'https://gatehouse.dev/schema/audit-event.schema.json',
    title: 'One line of audit.jsonl: a security-relevant event of a Gatehouse run',
    ...rest,
  };
}
