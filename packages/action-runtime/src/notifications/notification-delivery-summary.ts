import { renderDeliveryReportMarkdown, type DeliveryReport } from '@gatehouse/notify';

/**
 * A delivery report in the job summary's words: one line (how many channels confirmed, which did
 * not) and a `### Notifications` section with the per-channel table. No channel is required of an
 * action (a delivery never changes its verdict), so the report's line about required channels is dropped.
 */
export function notificationDeliverySummary(report: DeliveryReport): { note: string; section: string } {
  const delivered = report.deliveries.filter((d) => d.outcome === 'delivered').length;
  const note = `Notifications: ${delivered} of ${report.deliveries.length} channel(s) confirmed delivery${report.undelivered.length ? `; not delivered: ${report.undelivered.join(', ')}` : ''}.`;
  const table = renderDeliveryReportMarkdown(report).split('\n').slice(2).join('\n');
  return { note, section: `### Notifications\n\n${table}` };
}
