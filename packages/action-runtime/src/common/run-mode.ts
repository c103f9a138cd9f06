import type { GitHubContext } from '@gatehouse/github';
import { MODES, type Mode } from '@gatehouse/policy';

/** The `mode` input: `auto` (from the event) or one of the policy's modes. */
export const MODE_INPUT_VALUES = ['auto', ...MODES] as const;
export type ModeInput = (typeof MODE_INPUT_VALUES)[number];

const DEPLOY_EVENTS = new Set(['deployment', 'deployment_status']);

/**
 * Which `modes.<mode>` of the policy applies. `auto`: pull requests and merge queues are `pr`
 * (new-only by default), deployment events `deploy`, every other event `push`; outside GitHub
 * Actions `local`. A workflow that deploys from a push passes `mode: deploy` itself.
 */
export function runModeFor(context: GitHubContext | undefined, requested: ModeInput = 'auto'): Mode {
  if (requested !== 'auto') return requested;
  if (!context) return 'local';
  const { event } = context;
  if (event.kind === 'pull_request' || event.kind === 'merge_group') return 'pr';
  if (event.kind === 'other' && DEPLOY_EVENTS.has(event.name)) return 'deploy';
  return 'push';
}

/** The mode, and what it means for new-only, in one line for the summary. */
export function modeNote(mode: Mode, newOnlyModes: readonly Mode[]): string {
  return newOnlyModes.includes(mode)
    ? `Mode: ${mode} (new-only: findings already on the base branch do not block).`
    : `Mode: ${mode} (every open finding counts).`;
}
