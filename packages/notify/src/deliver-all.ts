import { randomUUID } from 'node:crypto';
import { ConfigurationError, silentLogger, type Logger } from '@gatehouse/findings';
import type { DeliveryReceipt, NotificationChannel, SendContext } from './channel';
import { systemClock, type Clock } from './clock';
import { DeliveryError, toDeliveryError } from './delivery-error';
import type { AttemptRecord, ChannelDelivery, DeliveryReport, GiveUpReason } from './delivery-report';
import { createNotification, type Notification, type NotificationInput } from './notification';
import { backoffDelay, checkRetryPolicy, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';

export interface DeliverAllOptions {
  /** Channel names that must confirm delivery for `allRequiredDelivered` to be true. */
  required: readonly string[];
  retry?: RetryPolicy;
  /** Per-channel overrides of `retry`, by channel name (e.g. a longer attempt timeout for SMTP). */
  channelRetry?: Readonly<Record<string, Partial<RetryPolicy>>>;
  clock?: Clock;
  /** Jitter source in [0, 1). */
  random?: () => number;
  logger?: Logger;
  /** Cancels every channel (e.g. the job is being cancelled); what was not delivered is reported failed. */
  signal?: AbortSignal;
}

const CHANNEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function checkChannels(channels: readonly NotificationChannel[]): void {
  const seen = new Set<string>();
  for (const channel of channels) {
    if (!CHANNEL_NAME.test(channel.name)) throw new ConfigurationError(`notification channel name "${channel.name.slice(0, 80)}" must match ${CHANNEL_NAME.source}`);
    if (seen.has(channel.name)) throw new ConfigurationError(`two notification channels are named "${channel.name}": names must be unique`);
    seen.add(channel.name);
  }
}

function seconds(ms: number): string {
  return ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * One attempt, bounded by a real timer. A channel that ignores its signal cannot hold us: the race
 * settles on abort and whatever the channel does later is ignored.
 */
async function attemptOnce(
  channel: NotificationChannel,
  message: Notification,
  context: SendContext,
  timeoutMs: number,
  outer: AbortSignal | undefined,
): Promise<DeliveryReceipt> {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort(new DeliveryError(`timed out after ${seconds(timeoutMs)}`, { retryable: true }));
  }, timeoutMs);
  const onOuterAbort = () => controller.abort(new DeliveryError('cancelled', { retryable: false }));
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  if (outer?.aborted) onOuterAbort();
  const aborted = new Promise<never>((_, reject) => {
    const fail = () => reject(controller.signal.reason as DeliveryError);
    if (controller.signal.aborted) fail();
    else controller.signal.addEventListener('abort', fail, { once: true });
  });
  const sending = Promise.resolve().then(() => channel.send(message, controller.signal, context));
  sending.catch(() => undefined);
  aborted.catch(() => undefined);
  try {
    return await Promise.race([sending, aborted]);
  } catch (error) {
    // The channel's own AbortError says less than why we aborted.
    if (controller.signal.aborted) throw controller.signal.reason as DeliveryError;
    throw error;
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
    // Whatever the channel still has running for this attempt is no longer wanted.
    if (!controller.signal.aborted) controller.abort();
  }
}

interface DeliverOneSettings {
  policy: RetryPolicy;
  clock: Clock;
  random: () => number;
  logger: Logger;
  signal: AbortSignal | undefined;
}

async function deliverOne(
  message: Notification,
  channel: NotificationChannel,
  required: boolean,
  { policy, clock, random, logger, signal }: DeliverOneSettings,
): Promise<ChannelDelivery> {
  const start = clock.now();
  const deadline = start + policy.totalDeadlineMs;
  const deliveryId = randomUUID();
  const attemptLog: AttemptRecord[] = [];
  const label = `notify: ${channel.name} (${channel.kind})`;
  let waitedBeforeMs = 0;
  let gaveUp: GiveUpReason = 'attempts-exhausted';
  let lastError: DeliveryError | undefined;

  const finish = (outcome: 'delivered' | 'failed', receipt?: DeliveryReceipt): ChannelDelivery => {
    const last = attemptLog.at(-1);
    return {
      channel: channel.name,
      kind: channel.kind,
      required,
      deliveryId,
      outcome,
      attempts: attemptLog.length,
      ...(last?.status !== undefined ? { lastStatus: last.status } : {}),
      ...(outcome === 'failed' ? { lastError: lastError?.message ?? gaveUp, gaveUp } : {}),
      ...(receipt ? { receipt } : {}),
      durationMs: Math.max(0, clock.now() - start),
      attemptLog,
    };
  };

  for (let attempt = 1; attempt <= policy.maxAttempts; attempt += 1) {
    if (signal?.aborted) {
      gaveUp = 'cancelled';
      lastError ??= new DeliveryError('cancelled before the first attempt', { retryable: false });
      break;
    }
    const remaining = deadline - clock.now();
    if (remaining <= 0) {
      gaveUp = 'deadline';
      break;
    }
    const attemptStart = clock.now();
    try {
      const receipt = await attemptOnce(channel, message, { attempt, deliveryId }, Math.min(policy.attemptTimeoutMs, remaining), signal);
      attemptLog.push({
        attempt,
        outcome: 'delivered',
        ...(receipt.status !== undefined ? { status: receipt.status } : {}),
        waitedBeforeMs,
        durationMs: Math.max(0, clock.now() - attemptStart),
      });
      logger.info(`${label}: delivered${attempt > 1 ? ` on attempt ${attempt}` : ''}`);
      return finish('delivered', receipt);
    } catch (thrown) {
      const error = toDeliveryError(thrown);
      lastError = error;
      attemptLog.push({
        attempt,
        outcome: 'failed',
        ...(error.status !== undefined ? { status: error.status } : {}),
        error: error.message,
        retryable: error.retryable,
        waitedBeforeMs,
        durationMs: Math.max(0, clock.now() - attemptStart),
      });
      if (signal?.aborted) {
        gaveUp = 'cancelled';
        break;
      }
      if (!error.retryable) {
        gaveUp = 'not-retryable';
        logger.warning(`${label}: attempt ${attempt} failed, not retried: ${error.message}`);
        break;
      }
      if (attempt === policy.maxAttempts) {
        gaveUp = 'attempts-exhausted';
        logger.warning(`${label}: attempt ${attempt} of ${policy.maxAttempts} failed: ${error.message}`);
        break;
      }
      let wait = backoffDelay(attempt, policy, random);
      if (error.retryAfterMs !== undefined) {
        if (error.retryAfterMs > policy.maxRetryAfterMs) {
          gaveUp = 'retry-after-too-long';
          lastError = new DeliveryError(`${error.message}; Retry-After ${seconds(error.retryAfterMs)} is longer than the ${seconds(policy.maxRetryAfterMs)} allowed`, {
            retryable: false,
            ...(error.status !== undefined ? { status: error.status } : {}),
          });
          logger.warning(`${label}: ${lastError.message}`);
          break;
        }
        wait = Math.max(wait, error.retryAfterMs);
      }
      if (clock.now() + wait >= deadline) {
        gaveUp = 'deadline';
        logger.warning(`${label}: attempt ${attempt} failed (${error.message}); no time left before the ${seconds(policy.totalDeadlineMs)} deadline`);
        break;
      }
      logger.warning(`${label}: attempt ${attempt} of ${policy.maxAttempts} failed (${error.message}); retrying in ${seconds(wait)}`);
      try {
        await clock.sleep(wait, signal);
      } catch {
        gaveUp = 'cancelled';
        break;
      }
      waitedBeforeMs = wait;
    }
  }
  const delivery = finish('failed');
  const line = `${label}: not delivered after ${delivery.attempts} attempt(s): ${delivery.lastError}`;
  if (required) logger.error(line);
  else logger.warning(line);
  return delivery;
}

/**
 * Sends one notification on every channel at once, each with its own retries, timeouts and deadline,
 * so a channel that is down or hangs never holds back another. Never rejects because a channel
 * failed: every outcome is in the report. `allRequiredDelivered` is true only when each name in
 * `required` matches a channel that confirmed delivery (fail closed: an unknown name counts as failed).
 * Rejects only for caller mistakes (ConfigurationError: duplicate names, a malformed notification).
 */
export async function deliverAll(
  message: Notification | NotificationInput,
  channels: readonly NotificationChannel[],
  options: DeliverAllOptions,
): Promise<DeliveryReport> {
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const policyProblem = checkRetryPolicy(policy);
  if (policyProblem) throw new ConfigurationError(`retry policy: ${policyProblem}`);
  checkChannels(channels);
  const policies = new Map<string, RetryPolicy>();
  for (const channel of channels) {
    const override = options.channelRetry && Object.hasOwn(options.channelRetry, channel.name) ? options.channelRetry[channel.name] : undefined;
    const effective = override ? { ...policy, ...override } : policy;
    const problem = checkRetryPolicy(effective);
    if (problem) throw new ConfigurationError(`retry policy${override ? ` of channel ${channel.name}` : ''}: ${problem}`);
    policies.set(channel.name, effective);
  }
  const clock = options.clock ?? systemClock;
  const notification = createNotification(message, () => new Date(clock.now()));
  const settings: Omit<DeliverOneSettings, 'policy'> = {
    clock,
    random: options.random ?? Math.random,
    logger: options.logger ?? silentLogger,
    signal: options.signal,
  };
  const required = [...new Set(options.required)];
  const startedAt = new Date(clock.now()).toISOString();

  const deliveries = await Promise.all(
    channels.map((channel) => deliverOne(notification, channel, required.includes(channel.name), { ...settings, policy: policies.get(channel.name)! })),
  );

  const names = new Set(channels.map((c) => c.name));
  const missingRequired = required.filter((name) => !names.has(name));
  for (const name of missingRequired) settings.logger.error(`notify: required channel "${name}" is not configured; it counts as not delivered`);
  const delivered = new Set(deliveries.filter((d) => d.outcome === 'delivered').map((d) => d.channel));
  return {
    reportVersion: 1,
    notification,
    deliveries,
    required,
    missingRequired,
    allRequiredDelivered: required.every((name) => delivered.has(name)),
    undelivered: deliveries.filter((d) => d.outcome === 'failed').map((d) => d.channel),
    startedAt,
    finishedAt: new Date(clock.now()).toISOString(),
  };
}
