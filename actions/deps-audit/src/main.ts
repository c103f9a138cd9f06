import { readInputs, runAction, setOutputs } from '@gatehouse/action-kit';
import { runScanAction, type ScanActionSpec, type ScanPlanSetup } from '@gatehouse/action-runtime';
import { silentLogger } from '@gatehouse/findings';
import { planDepsAudit, type DepsAuditPlan } from './deps-audit-plan';
import { depsAuditInputs } from './inputs';
import { ratePipAuditFindings } from './pip-audit-ratings';
import { pullRequestMarking } from './pull-request-marking';

/**
 * What tests of the action in-process may change: engines that cannot be installed here (a raw
 * binary such as osv-scanner is only ever its pinned asset) are given as stubs through the runtime's
 * resolver hook.
 */
export interface RunOverrides {
  resolveEngine?: ScanActionSpec['resolveEngine'];
}

/**
 * deps-audit: reads its inputs once, plans the audit of every manifest (packages/scanners planDeps
 * with the OSV export of the run), rates pip-audit's findings from OSV, marks what a pull request's
 * lockfile changes introduced, and hands everything else to runScanAction.
 */
export function run(overrides: RunOverrides = {}): Promise<void> {
  return runAction(async () => {
    const inputs = readInputs(depsAuditInputs);
    let planned: DepsAuditPlan | undefined;
    let setupSeen: ScanPlanSetup | undefined;
    await runScanAction({
      action: 'deps-audit',
      inputs,
      engineTimeoutMs: inputs['engine-timeout'] * 1000,
      ...(overrides.resolveEngine ? { resolveEngine: overrides.resolveEngine } : {}),
      plan: async (setup) => {
        setupSeen = setup;
        planned = await planDepsAudit(setup, inputs);
        return planned.plan;
      },
      refineOutcomes: (outcomes) => ratePipAuditFindings(outcomes, planned?.osvExport, setupSeen?.logger ?? silentLogger),
      transformFindings: async (findings) => {
        const marking = planned && setupSeen ? pullRequestMarking(setupSeen.workspace, planned) : undefined;
        return marking ? marking(findings) : { findings };
      },
    });
    setOutputs({ manifests: JSON.stringify(planned?.manifests.map((m) => m.path) ?? []) });
  });
}
