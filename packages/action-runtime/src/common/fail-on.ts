import type { Verdict } from '@gatehouse/findings';

/**
 * When a scanning action fails its step: `block` (default) on a blocking or incomplete verdict,
 * `incomplete` only when an engine did not finish, `never` to report only (when policy-gate
 * decides for the whole workflow).
 */
export const FAIL_ON_VALUES = ['block', 'incomplete', 'never'] as const;
export type FailOn = (typeof FAIL_ON_VALUES)[number];

export function stepFailsOn(verdict: Verdict, failOn: FailOn): boolean {
  switch (failOn) {
    case 'block':
      return verdict === 'block' || verdict === 'incomplete';
    case 'incomplete':
      return verdict === 'incomplete';
    case 'never':
      return false;
  }
}
