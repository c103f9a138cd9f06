import { afterEach, describe, expect, it } from 'vitest';
import { deliverAll } from '../deliver-all';
import { DEFAULT_RETRY_POLICY } from '../retry-policy';
import { slackChannel } from '../slack/slack-channel';
import { FakeClock, sampleNotification, selfSignedCertificate, startLoopbackConnectProxy, startLoopbackHttpServer } from '../test-support';
import { createHttpDispatcher } from './http-dispatcher';

const certificate = selfSignedCertificate();
const closers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c.close()));
});

describe('createHttpDispatcher', () => {
  it.skipIf(!certificate)('sends https notifications through HTTPS_PROXY in a CONNECT tunnel, and direct for NO_PROXY hosts', async () => {
    const slack = await startLoopbackHttpServer([{ respond: 200, body: 'ok' }], certificate);
    const proxy = await startLoopbackConnectProxy();
    closers.push(slack, proxy);
    const send = (env: Record<string, string>) =>
      deliverAll(sampleNotification(), [slackChannel({ webhookUrl: slack.url, dispatcher: createHttpDispatcher({ env, ca: certificate!.cert }) })], {
        required: ['slack'],
        retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: 1, attemptTimeoutMs: 5_000 },
        clock: new FakeClock(),
      });

    const proxied = await send({ HTTPS_PROXY: proxy.url });
    expect(proxied.allRequiredDelivered).toBe(true);
    expect(proxy.tunnels).toEqual([`CONNECT ${new URL(slack.url).host}`]);

    const direct = await send({ HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });
    expect(direct.allRequiredDelivered).toBe(true);
    expect(proxy.tunnels).toHaveLength(1);
    expect(slack.requests).toHaveLength(2);
  });
});
