export type { SecretRuleDefinition, ValuePattern } from './definition';
export { SECRET_RULES, DEFAULT_ALLOWLIST_PATHS, PLACEHOLDER_VALUES, secretRuleById } from './rules';
export { shannonEntropy } from './entropy';
export { globToRegexSource, pathMatchesAnyGlob } from './path-glob';
export { secretlintPatternOptions, secretlintRegexString, type SecretlintPatternOptions } from './render-secretlint';
export { gitleaksRuleFields, type GitleaksRuleFields } from './render-gitleaks';
export { findSecretRuleMatches, passesSecretRuleFilters, type SecretRuleMatch } from './matcher';
export { exampleSecret, randomChars, EXAMPLE_SECRETS, type ExampleSecret } from './examples';
