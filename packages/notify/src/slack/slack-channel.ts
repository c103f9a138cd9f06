import { ConfigurationError } from '@gatehouse/findings';
import type { Dispatcher } from 'undici';
import type { NotificationChannel } from '../channel';
import { DeliveryError } from '../delivery-error';
import { checkEndpointUrl, describeEndpoint, type EndpointOptions } from '../http/endpoint-url';
import { bodyExcerpt, httpFailure, postBody } from '../http/post-body';
import { renderSlackPayload } from './slack-payload';

export interface SlackChannelOptions extends EndpointOptions {
  /** The incoming webhook URL. It is a secret: it is never logged or put in a report. */
  webhookUrl: string;
  /** Defaults to `slack`; the policy's required list refers to it. */
  name?: string;
  /** Channel hint such as `#ops-alerts`; only legacy webhooks can post elsewhere than where they were installed. */
  channel?: string;
  dispatcher?: Dispatcher;
  now?: () => number;
}

const CHANNEL_HINT = /^[#@]?[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

/**
 * Slack incoming webhook. Delivered means HTTP 2xx with the body `ok` (what Slack answers); any other
 * 2xx body is a failure that is not retried, since the post may have landed and a retry would
 * duplicate it. 429 honours Retry-After; 408 and 5xx are retried; other 4xx (`invalid_payload`,
 * `channel_not_found`, `no_service`) are not.
 */
export function slackChannel(options: SlackChannelOptions): NotificationChannel {
  const url = checkEndpointUrl(options.webhookUrl, 'Slack webhook URL', options);
  if (options.channel !== undefined && !CHANNEL_HINT.test(options.channel)) {
    throw new ConfigurationError(`Slack channel hint "${options.channel.slice(0, 80)}" must look like #ops-alerts`);
  }
  const now = options.now ?? Date.now;
  return {
    kind: 'slack',
    name: options.name ?? 'slack',
    async send(message, signal) {
      const payload = renderSlackPayload(message, options.channel ? { channel: options.channel } : {});
      const response = await postBody(url, JSON.stringify(payload), {
        headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'gatehouse-notify' },
        signal,
        ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
      });
      if (response.status < 200 || response.status > 299) throw httpFailure(url, response, now());
      if (response.body.trim() !== 'ok') {
        throw new DeliveryError(`${describeEndpoint(url)} answered HTTP ${response.status} without "ok"${bodyExcerpt(response.body)}`, {
          retryable: false,
          status: response.status,
        });
      }
      return { status: response.status, detail: `posted to ${describeEndpoint(url)}${options.channel ? ` (${options.channel})` : ''}` };
    },
  };
}
