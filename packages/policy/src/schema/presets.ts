import { PolicySchema, type Policy, type PolicyInput, type PresetName } from './policy-schema';

/**
 * Built-in policies. `default`: block critical and high in every category and secrets at any
 * severity, warn on medium, fail on incomplete engines. `deploy` (the image-scan gate before a
 * push): block critical and high only when a fix is available, warn on everything else; secrets,
 * code and IaC findings have no fix version, so they block as in the default.
 */
const PRESET_INPUTS: Record<PresetName, PolicyInput> = {
  default: { version: 1 },
  deploy: {
    version: 1,
    rules: { block: 'high', warn: 'info', requireFix: true },
    categories: {
      secret: { block: 'info', requireFix: false },
      sast: { requireFix: false },
      iac: { requireFix: false },
    },
  },
};

/** The preset as written (before defaults): what a policy file's `preset:` key starts from. */
export function presetInput(name: PresetName): PolicyInput {
  return structuredClone(PRESET_INPUTS[name]);
}

export function policyPreset(name: PresetName): Policy {
  return PolicySchema.parse(presetInput(name));
}

export function defaultPolicy(): Policy {
  return policyPreset('default');
}
