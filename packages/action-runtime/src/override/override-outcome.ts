/**
 * How an override-notify run ended. Only `not-needed` and `proceed` let the deploy go on.
 * - not-needed: the decision passes (or warns); no override was used and nothing was sent.
 * - blocked: the decision blocks and no override was asked for.
 * - refused: an override was asked for and the policy (or its own inputs) refused it; nothing was sent.
 * - undelivered: the override was allowed, but a channel the policy requires did not confirm delivery.
 * - proceed: the override was allowed and every required channel confirmed delivery.
 */
export type OverrideOutcome = 'not-needed' | 'blocked' | 'refused' | 'undelivered' | 'proceed';

export function outcomeProceeds(outcome: OverrideOutcome): boolean {
  return outcome === 'not-needed' || outcome === 'proceed';
}

export const OUTCOME_HEADLINES: Record<OverrideOutcome, string> = {
  'not-needed': 'The deploy may proceed: the decision does not block, so no override was used.',
  blocked: 'The deploy stays blocked: the decision blocks and no override was requested.',
  refused: 'The deploy stays blocked: the override was refused.',
  undelivered: 'The deploy stays blocked: the override was allowed, but not every required channel confirmed delivery.',
  proceed: 'The deploy may proceed under a security override: every required channel confirmed delivery.',
};
