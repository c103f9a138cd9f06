import { ConfigurationError } from '@gatehouse/findings';
import type { Dispatcher } from 'undici';
import type { NotificationChannel } from '../channel';
import { checkEndpointUrl, describeEndpoint, type EndpointOptions } from '../http/endpoint-url';
import { httpFailure, postBody } from '../http/post-body';
import { renderWebhookPayload } from './webhook-payload';
import { DELIVERY_HEADER, MIN_WEBHOOK_SECRET_LENGTH, SIGNATURE_HEADER, signWebhookBody, TIMESTAMP_HEADER } from './webhook-signature';

export interface WebhookChannelOptions extends EndpointOptions {
  /** https only (plain http to loopback when allowInsecureLoopback is set, for tests). Never logged. */
  url: string;
  /** Shared secret for X-Gatehouse-Signature-256; at least 16 characters, 32 random bytes recommended. */
  secret: string;
  /** Defaults to `webhook`. */
  name?: string;
  dispatcher?: Dispatcher;
  now?: () => number;
}

/**
 * Generic webhook: the versioned JSON payload, signed with HMAC-SHA256 over timestamp and body.
 * Each attempt is signed afresh (new timestamp) under the same delivery id. 2xx is delivered;
 * redirects are not followed and count as failures.
 */
export function webhookChannel(options: WebhookChannelOptions): NotificationChannel {
  const url = checkEndpointUrl(options.url, 'webhook URL', options);
  if (typeof options.secret !== 'string' || options.secret.length < MIN_WEBHOOK_SECRET_LENGTH) {
    throw new ConfigurationError(`webhook secret must be at least ${MIN_WEBHOOK_SECRET_LENGTH} characters (32 random bytes recommended)`);
  }
  const now = options.now ?? Date.now;
  return {
    kind: 'webhook',
    name: options.name ?? 'webhook',
    async send(message, signal, context) {
      const sentAtMs = now();
      const body = JSON.stringify(
        renderWebhookPayload(message, { deliveryId: context.deliveryId, attempt: context.attempt, sentAt: new Date(sentAtMs).toISOString() }),
      );
      const timestamp = Math.floor(sentAtMs / 1000);
      const response = await postBody(url, body, {
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'gatehouse-notify',
          'x-gatehouse-event': message.kind,
          [DELIVERY_HEADER.toLowerCase()]: context.deliveryId,
          [TIMESTAMP_HEADER.toLowerCase()]: String(timestamp),
          [SIGNATURE_HEADER.toLowerCase()]: signWebhookBody(body, options.secret, timestamp),
        },
        signal,
        ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
      });
      if (response.status < 200 || response.status > 299) throw httpFailure(url, response, now());
      return { status: response.status, reference: context.deliveryId, detail: `accepted by ${describeEndpoint(url)}` };
    },
  };
}
