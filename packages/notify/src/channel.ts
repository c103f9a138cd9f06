import type { Notification } from './notification';

export const CHANNEL_KINDS = ['slack', 'webhook', 'email', 'github-issue'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** What deliverAll tells a channel about the attempt it is making. */
export interface SendContext {
  /** 1 for the first attempt. */
  attempt: number;
  /** One UUID per channel per deliverAll call, the same on every retry: receivers deduplicate on it. */
  deliveryId: string;
}

/** Proof that a channel accepted the message. No secrets: never the webhook URL or a token. */
export interface DeliveryReceipt {
  /** HTTP status, or the SMTP reply code of the accepted message. */
  status?: number;
  /** Something a person can find the message by: an issue URL, a Message-ID, a delivery id. */
  reference?: string;
  detail?: string;
}

/**
 * One destination. `send` makes a single attempt: it resolves with a receipt when the destination
 * confirmed, and throws (preferably a DeliveryError saying whether a retry may help) otherwise.
 * Retries, backoff, deadlines and the report are deliverAll's job, so every channel gets them alike.
 * It must stop work when `signal` aborts.
 */
export interface NotificationChannel {
  readonly kind: ChannelKind;
  /** Unique among the channels of one deliverAll call; the policy's `required` list names these. */
  readonly name: string;
  send(message: Notification, signal: AbortSignal, context: SendContext): Promise<DeliveryReceipt>;
}
