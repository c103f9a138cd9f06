export { PolicySchema, PRESET_NAMES, SlaSchema, type Policy, type PolicyInput, type PresetName } from './schema/policy-schema';
export { defaultPolicy, policyPreset, presetInput } from './schema/presets';
export { THRESHOLDS, MODES, KNOWN_LEVELS, type Threshold, type Mode, type KnownLevel, type EffectiveRules, type PartialRules } from './schema/rules';
export { ExceptionSchema, type PolicyException } from './schema/exceptions';
export { CHANNEL_KINDS, ChannelSchema, channelSecretEnv, type ChannelKind, type NotificationChannel } from './schema/notifications';
export { OverrideSchema, RemediationIssuesSchema, type OverridePolicy, type RemediationIssuesPolicy } from './schema/override';
export { durationMs } from './schema/duration';
export { expiryInstant } from './schema/policy-date';
export { KNOWN_ENGINE_IDS } from './schema/engine-ids';

export { parsePolicy, MAX_POLICY_BYTES, type LoadedPolicy, type PolicySource } from './load/parse-policy';
export { loadPolicyFile, DEFAULT_POLICY_PATH } from './load/load-policy-file';
export { PolicyValidationError, formatProblem, type PolicyProblem } from './load/policy-error';

export { evaluate, type EvaluationContext, type Evaluation } from './evaluate/evaluate';
export { slaDueDate } from './evaluate/sla';
export { rulesByCategory } from './evaluate/effective-rules';

export { parseVexDocument, loadVexFile } from './vex/parse-vex-document';
export { VEX_STATUSES, vexStatusSuppresses, type VexStatement, type VexStatus, type VexProduct } from './vex/vex-statement';

export { serializeBaseline, parseBaseline, BaselineFileSchema, type Baseline, type BaselineFile, type BaselineMeta } from './baseline/baseline-file';

export { authorizeOverride, overrideMayProceed, type OverrideRequest, type OverrideAuthorization } from './override/authorize-override';

export { policyJsonSchema } from './policy-json-schema';
