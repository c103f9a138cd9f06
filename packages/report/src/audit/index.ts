export {
  AuditEventSchema,
  AUDIT_EVENT_TYPES,
  AUDIT_EVENT_VERSION,
  type AuditEvent,
  type AuditEventInput,
  type AuditEventType,
} from './audit-event-schema';
export { AuditLog, AUDIT_REDACTED, type AuditLogOptions } from './audit-log';
export { auditEventJsonSchema } from './json-schema';
