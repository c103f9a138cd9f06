// @gatehouse/action-runtime/override: what override-notify runs (a subpath, so the scanning actions' bundles never pull in the notification channels).
export { runOverrideAction, overrideRetryPolicy, type OverrideActionSpec, type OverrideActionResult, type OverrideInputs } from './run-override-action';
export type { OverrideOutcome } from './override-outcome';
export type { OverrideAuditRecord } from './override-audit-record';
export { MAX_REASON_LENGTH, MAX_TICKET_LENGTH } from './override-request-text';
