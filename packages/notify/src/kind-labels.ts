import type { NotificationKind } from './notification';

/** How each kind of notification introduces itself, in every medium. */
export const KIND_LABELS: Record<NotificationKind, string> = {
  override: 'Security override',
  incident: 'Security incident',
  'blocked-deploy': 'Deploy blocked',
  'sla-breach': 'Remediation SLA breached',
};

/** The label of the free-text summary: for an override it is the reason given. */
export const SUMMARY_LABELS: Record<NotificationKind, string> = {
  override: 'Reason',
  incident: 'What happened',
  'blocked-deploy': 'Why',
  'sla-breach': 'Summary',
};
