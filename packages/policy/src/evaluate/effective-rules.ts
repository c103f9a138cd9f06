import { CATEGORIES, type Category } from '@gatehouse/findings';
import type { Policy } from '../schema/policy-schema';
import type { EffectiveRules, Mode, PartialRules } from '../schema/rules';

/**
 * The rules in force for each category in one mode. The more specific setting wins: a category's
 * over the all-category rules; at the same level, the mode's over the base. So, lowest first:
 * rules, modes.<mode>.rules, categories.<c>, modes.<mode>.categories.<c>.
 */
export function rulesByCategory(policy: Policy, mode: Mode | undefined): Record<Category, EffectiveRules> {
  const modeRules = mode ? policy.modes[mode] : undefined;
  const table = {} as Record<Category, EffectiveRules>;
  for (const category of CATEGORIES) {
    table[category] = layer(policy.rules, modeRules?.rules, policy.categories[category], modeRules?.categories?.[category]);
  }
  return table;
}

function layer(base: EffectiveRules, ...overrides: (PartialRules | undefined)[]): EffectiveRules {
  const result: EffectiveRules = { ...base };
  for (const override of overrides) {
    if (!override) continue;
    if (override.block !== undefined) result.block = override.block;
    if (override.warn !== undefined) result.warn = override.warn;
    if (override.requireFix !== undefined) result.requireFix = override.requireFix;
    if (override.allowInlineSuppressions !== undefined) result.allowInlineSuppressions = override.allowInlineSuppressions;
  }
  return result;
}
