import type { EngineRun, Reason } from '@gatehouse/findings';
import type { Policy } from '../schema/policy-schema';
import { reason } from './reasons';

/**
 * What the engines' runs say about the verdict. An incomplete engine fails the gate unless the policy
 * says `incomplete: warn`; a required engine that did not run (or is missing from the list) counts as
 * incomplete. `engineScope`, when given, limits which required engines this run answers for (a
 * secrets-scan run is not incomplete because the policy also requires trivy).
 */
export function engineReasons(
  engines: readonly EngineRun[],
  policy: Pick<Policy, 'incomplete' | 'engines'>,
  engineScope: ReadonlySet<string> | undefined,
): Reason[] {
  const kind = policy.incomplete === 'fail' ? 'incomplete' : 'warn';
  const required = new Set(policy.engines.required.filter((id) => !engineScope || engineScope.has(id)));
  const reasons: Reason[] = [];
  const ran = new Set(engines.filter((run) => run.status !== 'not-run').map((run) => run.id));
  const reported = new Set<string>();
  for (const run of engines) {
    if (run.status === 'incomplete') {
      reasons.push(reason(kind, 'engine-incomplete', `${run.id} did not complete: ${run.reason ?? 'no reason given'}`, { engine: run.id }));
    } else if (run.status === 'not-run' && !ran.has(run.id) && !reported.has(run.id)) {
      reported.add(run.id);
      const why = run.reason ? `: ${run.reason}` : '';
      reasons.push(
        required.has(run.id)
          ? reason(kind, 'required-engine-missing', `${run.id} is required by the policy but did not run${why}`, { engine: run.id })
          : reason('info', 'engine-not-run', `${run.id} did not run${why}`, { engine: run.id }),
      );
    }
  }
  for (const id of required) {
    if (!ran.has(id) && !reported.has(id)) {
      reasons.push(reason(kind, 'required-engine-missing', `${id} is required by the policy but was not part of this run`, { engine: id }));
    }
  }
  return reasons;
}
