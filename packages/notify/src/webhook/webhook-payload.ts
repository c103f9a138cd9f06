import { z } from 'zod';
import { NotificationSchema, type Notification } from '../notification';

export const WEBHOOK_PAYLOAD_VERSION = 'gatehouse.notification.v1';

/**
 * The body of a generic webhook POST. Versioned: a receiver checks `version` and refuses what it does
 * not know. Every string inside `notification` is untrusted text (escape it for your medium); it
 * never holds secret values.
 */
export const WebhookPayloadSchema = z.strictObject({
  version: z.literal(WEBHOOK_PAYLOAD_VERSION),
  /** The same on every retry of this delivery: deduplicate on it (it is covered by the signature). */
  deliveryId: z.uuid(),
  attempt: z.int().min(1),
  sentAt: z.iso.datetime({ offset: true }),
  notification: NotificationSchema,
});
export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>;

export function renderWebhookPayload(notification: Notification, delivery: { deliveryId: string; attempt: number; sentAt: string }): WebhookPayload {
  return { version: WEBHOOK_PAYLOAD_VERSION, deliveryId: delivery.deliveryId, attempt: delivery.attempt, sentAt: delivery.sentAt, notification };
}
