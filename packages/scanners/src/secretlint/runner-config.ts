import { creator as patternRule } from '@secretlint/secretlint-rule-pattern';
import { rules as recommendedRules } from '@secretlint/secretlint-rule-preset-recommend';
import type { SecretLintCoreConfig, SecretLintRuleContext, SecretLintRuleCreator } from '@secretlint/types';
import { secretlintPatternOptions } from '../secret-rules';

import { FILTER_COMMENTS_RULE, PATTERN_RULE } from './report-format';

export { FILTER_COMMENTS_RULE, PATTERN_RULE };

/** A `secretlint-disable…` comment's reach: the range it covers and the rule it names (or `*`). */
export interface DisabledRange {
  range: readonly [number, number];
  targetRuleId: string;
}

/**
 * The filter-comments rule normally asks secretlint to drop what a `secretlint-disable` comment
 * covers. Wrapped, it tells us instead, so those findings are kept and marked suppressed (an
 * inline suppression, visible in findings.json) rather than disappearing.
 */
function recordingFilterComments(original: SecretLintRuleCreator, disabled: DisabledRange[]): SecretLintRuleCreator {
  return {
    ...original,
    create(context: SecretLintRuleContext, options: unknown) {
      const recording: SecretLintRuleContext = {
        sharedOptions: context.sharedOptions,
        createTranslator: (messages) => context.createTranslator(messages),
        report: (descriptor) => context.report(descriptor),
        ignore: (descriptor) => disabled.push({ range: descriptor.range, targetRuleId: descriptor.targetRuleId }),
      };
      return original.create(recording, options as never);
    },
  };
}

/**
 * The rules, imported explicitly so the runner bundles into one file: every rule of the
 * recommended preset (registered one by one, which is what the preset itself does), with
 * filter-comments wrapped, plus the pattern rule carrying Gatehouse's own rules.
 */
export function createLintConfig(disabled: DisabledRange[]): SecretLintCoreConfig {
  const presetRules = (recommendedRules as SecretLintRuleCreator[]).map((rule) => ({
    id: rule.meta.id,
    rule: rule.meta.id === FILTER_COMMENTS_RULE ? recordingFilterComments(rule, disabled) : rule,
  }));
  if (!presetRules.some((r) => r.id === FILTER_COMMENTS_RULE)) throw new Error(`${FILTER_COMMENTS_RULE} is missing from the preset`);
  return {
    rules: [...presetRules, { id: PATTERN_RULE, rule: patternRule as SecretLintRuleCreator, options: secretlintPatternOptions() }],
  };
}
