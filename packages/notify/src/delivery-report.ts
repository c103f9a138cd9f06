import type { ChannelKind, DeliveryReceipt } from './channel';
import type { Notification } from './notification';

export interface AttemptRecord {
  attempt: number;
  outcome: 'delivered' | 'failed';
  /** HTTP status or SMTP reply code, when the destination answered. */
  status?: number;
  error?: string;
  retryable?: boolean;
  /** The wait before this attempt (backoff or Retry-After); 0 for the first. */
  waitedBeforeMs: number;
  durationMs: number;
}

/** Why a channel stopped trying without delivering. */
export type GiveUpReason = 'not-retryable' | 'attempts-exhausted' | 'deadline' | 'retry-after-too-long' | 'cancelled';

export interface ChannelDelivery {
  channel: string;
  kind: ChannelKind;
  required: boolean;
  /** The same on every attempt; webhook receivers and mail clients deduplicate on it. */
  deliveryId: string;
  outcome: 'delivered' | 'failed';
  attempts: number;
  lastStatus?: number;
  lastError?: string;
  durationMs: number;
  receipt?: DeliveryReceipt;
  gaveUp?: GiveUpReason;
  attemptLog: AttemptRecord[];
}

/**
 * Every outcome of one deliverAll call. It holds the (cleaned, bounded) notification itself, so what
 * could not be sent can still go to the job summary and an artifact: nothing is lost.
 */
export interface DeliveryReport {
  reportVersion: 1;
  notification: Notification;
  deliveries: ChannelDelivery[];
  required: string[];
  /** Required names that match no configured channel: they count as not delivered (fail closed). */
  missingRequired: string[];
  /** True only when every required channel confirmed delivery. Override-notify proceeds only then. */
  allRequiredDelivered: boolean;
  /** Names of the channels that did not deliver, required or not. */
  undelivered: string[];
  startedAt: string;
  finishedAt: string;
}
