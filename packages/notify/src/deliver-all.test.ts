import { ConfigurationError, MemoryLogger } from '@gatehouse/findings';
import { describe, expect, it } from 'vitest';
import type { ChannelKind, DeliveryReceipt, NotificationChannel, SendContext } from './channel';
import { deliverAll } from './deliver-all';
import { DeliveryError } from './delivery-error';
import { renderDeliveryReportMarkdown } from './delivery-report-markdown';
import type { Notification } from './notification';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { FakeClock, sampleNotification } from './test-support';

type Step = DeliveryReceipt | Error | 'hang' | (() => never);

/** A channel that plays one step per attempt (the last repeats) and records what it was given. */
function scriptedChannel(name: string, steps: Step[], kind: ChannelKind = 'webhook') {
  const calls: SendContext[] = [];
  const channel: NotificationChannel & { calls: SendContext[] } = {
    kind,
    name,
    calls,
    send(_message: Notification, _signal: AbortSignal, context: SendContext) {
      calls.push(context);
      const step = steps[Math.min(calls.length - 1, steps.length - 1)]!;
      if (step === 'hang') return new Promise<DeliveryReceipt>(() => undefined); // ignores its signal on purpose
      if (typeof step === 'function') return step();
      if (step instanceof Error) return Promise.reject(step);
      return Promise.resolve(step);
    },
  };
  return channel;
}

const retryable = (status?: number, retryAfterMs?: number) =>
  new DeliveryError(`HTTP ${status ?? 'network'}`, { retryable: true, ...(status ? { status } : {}), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
const permanent = (status: number) => new DeliveryError(`HTTP ${status}`, { retryable: false, status });

function options(overrides: Partial<RetryPolicy> = {}, required: string[] = []) {
  const clock = new FakeClock();
  return { clock, required, retry: { ...DEFAULT_RETRY_POLICY, ...overrides }, random: () => 0 };
}

describe('deliverAll', () => {
  it('reports every channel delivered and all required delivered', async () => {
    const a = scriptedChannel('slack', [{ status: 200 }], 'slack');
    const b = scriptedChannel('email', [{ status: 250, reference: '<id@x>' }], 'email');
    const report = await deliverAll(sampleNotification(), [a, b], options({}, ['slack', 'email']));
    expect(report.allRequiredDelivered).toBe(true);
    expect(report.deliveries.map((d) => [d.channel, d.outcome, d.attempts, d.required])).toEqual([
      ['slack', 'delivered', 1, true],
      ['email', 'delivered', 1, true],
    ]);
    expect(report.undelivered).toEqual([]);
    expect(report.deliveries[1]!.receipt).toEqual({ status: 250, reference: '<id@x>' });
  });

  it('retries a retryable failure with growing, jittered backoff and the same delivery id', async () => {
    const channel = scriptedChannel('hook', [retryable(500), retryable(502), { status: 200 }]);
    const opts = options({ initialDelayMs: 1_000 });
    const report = await deliverAll(sampleNotification(), [channel], opts);
    expect(report.deliveries[0]).toMatchObject({ outcome: 'delivered', attempts: 3, lastStatus: 200 });
    // random() = 0 keeps the fixed half of the exponential delay: 1000/2, then 2000/2.
    expect(opts.clock.sleeps).toEqual([500, 1_000]);
    expect(channel.calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
    expect(new Set(channel.calls.map((c) => c.deliveryId)).size).toBe(1);
    expect(report.deliveries[0]!.attemptLog.map((a) => [a.outcome, a.status, a.waitedBeforeMs])).toEqual([
      ['failed', 500, 0],
      ['failed', 502, 500],
      ['delivered', 200, 1_000],
    ]);
  });

  it('does not retry a failure that says a retry cannot help', async () => {
    const channel = scriptedChannel('hook', [permanent(404), { status: 200 }]);
    const opts = options();
    const report = await deliverAll(sampleNotification(), [channel], opts);
    expect(report.deliveries[0]).toMatchObject({ outcome: 'failed', attempts: 1, lastStatus: 404, gaveUp: 'not-retryable', lastError: 'HTTP 404' });
    expect(opts.clock.sleeps).toEqual([]);
  });

  it('waits as long as Retry-After asks when that is longer than the backoff', async () => {
    const channel = scriptedChannel('slack', [retryable(429, 7_000), { status: 200 }], 'slack');
    const opts = options();
    const report = await deliverAll(sampleNotification(), [channel], opts);
    expect(report.deliveries[0]).toMatchObject({ outcome: 'delivered', attempts: 2 });
    expect(opts.clock.sleeps).toEqual([7_000]);
  });

  it('gives up at once when Retry-After is longer than the policy allows', async () => {
    const channel = scriptedChannel('slack', [retryable(429, 3_600_000)], 'slack');
    const opts = options({ maxRetryAfterMs: 30_000 });
    const report = await deliverAll(sampleNotification(), [channel], opts);
    expect(report.deliveries[0]).toMatchObject({ outcome: 'failed', attempts: 1, gaveUp: 'retry-after-too-long', lastStatus: 429 });
    expect(report.deliveries[0]!.lastError).toMatch(/Retry-After 3600\.0 s is longer than the 30\.0 s allowed/);
    expect(opts.clock.sleeps).toEqual([]);
  });

  it('stops after maxAttempts and reports the last error', async () => {
    const channel = scriptedChannel('hook', [retryable(503)]);
    const opts = options({ maxAttempts: 3 });
    const report = await deliverAll(sampleNotification(), [channel], opts);
    expect(report.deliveries[0]).toMatchObject({ outcome: 'failed', attempts: 3, gaveUp: 'attempts-exhausted', lastStatus: 503, lastError: 'HTTP 503' });
    expect(opts.clock.sleeps).toHaveLength(2);
  });

  it('starts no wait that would end after the total deadline', async () => {
    const channel = scriptedChannel('hook', [retryable(500)]);
    const opts = options({ maxAttempts: 10, initialDelayMs: 4_000, maxDelayMs: 60_000, totalDeadlineMs: 10_000 });
    const report = await deliverAll(sampleNotification(), [channel], opts);
    // Waits of 2 s then 4 s fit in 10 s; the next (8 s) would cross the deadline.
    expect(opts.clock.sleeps).toEqual([2_000, 4_000]);
    expect(report.deliveries[0]).toMatchObject({ outcome: 'failed', attempts: 3, gaveUp: 'deadline' });
  });

  it('ends an attempt that hangs, even from a channel that ignores its signal, without holding back the others', async () => {
    const stuck = scriptedChannel('slack', ['hang'], 'slack');
    const fine = scriptedChannel('email', [{ status: 250 }], 'email');
    const report = await deliverAll(sampleNotification(), [stuck, fine], options({ maxAttempts: 2, attemptTimeoutMs: 30 }, ['email']));
    expect(report.deliveries.find((d) => d.channel === 'slack')).toMatchObject({ outcome: 'failed', attempts: 2, gaveUp: 'attempts-exhausted' });
    expect(report.deliveries.find((d) => d.channel === 'slack')!.lastError).toMatch(/timed out after/);
    expect(report.deliveries.find((d) => d.channel === 'email')).toMatchObject({ outcome: 'delivered' });
    expect(report.allRequiredDelivered).toBe(true);
  });

  it('fails closed when a required channel fails', async () => {
    const report = await deliverAll(
      sampleNotification(),
      [scriptedChannel('slack', [permanent(403)], 'slack'), scriptedChannel('email', [{}], 'email')],
      options({}, ['slack', 'email']),
    );
    expect(report.allRequiredDelivered).toBe(false);
    expect(report.undelivered).toEqual(['slack']);
  });

  it('is not blocked by an optional channel that fails', async () => {
    const report = await deliverAll(
      sampleNotification(),
      [scriptedChannel('slack', [permanent(403)], 'slack'), scriptedChannel('email', [{}], 'email')],
      options({}, ['email']),
    );
    expect(report.allRequiredDelivered).toBe(true);
    expect(report.undelivered).toEqual(['slack']);
  });

  it('counts a required channel that is not configured as not delivered', async () => {
    const logger = new MemoryLogger();
    const report = await deliverAll(sampleNotification(), [scriptedChannel('email', [{}], 'email')], { ...options({}, ['email', 'pagerduty']), logger });
    expect(report.missingRequired).toEqual(['pagerduty']);
    expect(report.allRequiredDelivered).toBe(false);
    expect(logger.text()).toMatch(/error: notify: required channel "pagerduty" is not configured/);
  });

  it('survives channels that throw synchronously or throw something that is not an Error', async () => {
    const sync = scriptedChannel('a', [
      () => {
        throw new TypeError('bug in channel');
      },
    ]);
    const weird: NotificationChannel = { kind: 'webhook', name: 'b', send: () => Promise.reject('just a string') };
    const report = await deliverAll(sampleNotification(), [sync, weird], options({ maxAttempts: 2 }));
    expect(report.deliveries.map((d) => [d.outcome, d.attempts, d.lastError])).toEqual([
      ['failed', 2, 'bug in channel'],
      ['failed', 2, 'just a string'],
    ]);
  });

  it('reports channels as cancelled when the caller aborts', async () => {
    const controller = new AbortController();
    const channel = scriptedChannel('hook', ['hang']);
    const pending = deliverAll(sampleNotification(), [channel], { ...options({ attemptTimeoutMs: 60_000 }), signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    const report = await pending;
    expect(report.deliveries[0]).toMatchObject({ outcome: 'failed', attempts: 1, gaveUp: 'cancelled', lastError: 'cancelled' });
  });

  it('refuses two channels with the same name', async () => {
    const a = scriptedChannel('slack', [{}]);
    await expect(deliverAll(sampleNotification(), [a, a], options())).rejects.toThrow(ConfigurationError);
  });

  it('refuses a retry policy without attempts', async () => {
    await expect(deliverAll(sampleNotification(), [], options({ maxAttempts: 0 }))).rejects.toThrow(/maxAttempts/);
  });

  it('keeps the notification in the report so nothing is lost', async () => {
    const n = sampleNotification();
    const report = await deliverAll(n, [scriptedChannel('hook', [permanent(400)])], options({}, ['hook']));
    expect(report.notification).toEqual(n);
    expect(report.allRequiredDelivered).toBe(false);
  });

  it('logs every failed attempt and the final outcome without the notification content', async () => {
    const logger = new MemoryLogger();
    await deliverAll(sampleNotification(), [scriptedChannel('hook', [retryable(500), permanent(401)])], { ...options({}, ['hook']), logger });
    expect(logger.text()).toContain('warning: notify: hook (webhook): attempt 1 of 4 failed (HTTP 500); retrying in 500 ms');
    expect(logger.text()).toContain('error: notify: hook (webhook): not delivered after 2 attempt(s): HTTP 401');
  });
});

describe('renderDeliveryReportMarkdown', () => {
  it('escapes error texts that came from remote servers', async () => {
    const report = await deliverAll(
      sampleNotification(),
      [scriptedChannel('hook', [new DeliveryError('answered <img src=x> | @admins', { retryable: false })])],
      options({}, ['hook', 'absent']),
    );
    const markdown = renderDeliveryReportMarkdown(report);
    expect(markdown).toContain('**Not every required channel confirmed delivery.**');
    expect(markdown).toContain('&lt;img src=x&gt; \\| @\u2060admins');
    expect(markdown).toContain('| absent | yes | not configured |');
  });
});

describe('deliverAll per-channel retry policy', () => {
  it('applies an override to the named channel only', async () => {
    const a = scriptedChannel('a', [retryable(500)]);
    const b = scriptedChannel('b', [retryable(500)]);
    const report = await deliverAll(sampleNotification(), [a, b], { ...options({ maxAttempts: 2 }), channelRetry: { b: { maxAttempts: 4 } } });
    expect(report.deliveries.map((d) => d.attempts)).toEqual([2, 4]);
  });

  it('ignores inherited keys and checks the merged policy', async () => {
    const a = scriptedChannel('toString', [{}]);
    await expect(deliverAll(sampleNotification(), [a], { ...options(), channelRetry: {} })).resolves.toMatchObject({ undelivered: [] });
    await expect(deliverAll(sampleNotification(), [scriptedChannel('b', [{}])], { ...options(), channelRetry: { b: { attemptTimeoutMs: 0 } } })).rejects.toThrow(
      /channel b: attemptTimeoutMs/,
    );
  });
});
