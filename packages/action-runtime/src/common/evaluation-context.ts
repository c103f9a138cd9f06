import type { EvaluationContext, Mode } from '@gatehouse/policy';
import type { FindingsLedger } from './findings-ledger';
import type { TrustedPolicy } from './trusted-policy';

export interface EvaluationInputs {
  policy: TrustedPolicy;
  ledger: FindingsLedger;
  mode: Mode;
  /** The engines this run answers for (a scanning action's plan); undefined: every engine (the gate). */
  engineScope?: ReadonlySet<string>;
}

/**
 * Everything `evaluate` takes besides the findings and the engines: first-seen dates from the
 * ledger, the new-only baseline (ledger ids plus the policy's baseline file), the VEX statements and
 * the mode. With neither a ledger nor a baseline file the baseline stays undefined, and the decision
 * says that every finding counted as new.
 */
export async function evaluationContext(inputs: EvaluationInputs): Promise<Omit<EvaluationContext, 'engines'>> {
  const firstSeen = await inputs.ledger.read();
  const fromFile = inputs.policy.baselineIds;
  let baseline: ReadonlySet<string> | undefined;
  if (firstSeen.size > 0 || fromFile) {
    const ids = new Set<string>(fromFile);
    for (const id of firstSeen.keys()) ids.add(id);
    baseline = ids;
  }
  return {
    mode: inputs.mode,
    firstSeen,
    vex: inputs.policy.vex,
    policyFile: inputs.policy.path,
    ...(baseline ? { baseline } : {}),
    ...(inputs.engineScope ? { engineScope: inputs.engineScope } : {}),
  };
}
