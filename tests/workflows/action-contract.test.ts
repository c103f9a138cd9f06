// The starter workflows, security.yml and the suite's own workflows use Gatehouse's actions (and its
// reusable workflow) only through the inputs and outputs they declare. An action that has not landed
// (no actions/<name>/action.yml) fails here rather than passing silently.
import { describe, expect, it } from 'vitest';
import { actionContractProblems } from './action-contract';
import { fixtureWorkflow, repositoryWorkflows } from './workflow-files';
import { gatehouseActionName, jobsOf } from './workflow-model';

const workflows = repositoryWorkflows();

describe('Gatehouse actions as the workflows use them', () => {
  it('are every action of the suite', () => {
    const used = new Set(workflows.flatMap((w) => jobsOf(w).flatMap((j) => j.steps.flatMap((s) => (s.uses ? [gatehouseActionName(s.uses)] : [])))));
    for (const name of ['secrets-scan', 'sast', 'deps-audit', 'image-scan', 'sbom', 'policy-gate', 'override-notify']) expect(used).toContain(name);
  });

  it.each(workflows.map((w) => [w.path, w] as const))('%s uses only declared inputs and outputs', (_path, workflow) => {
    expect(actionContractProblems(workflow)).toEqual([]);
  });

  it('refuses an undeclared input, an undeclared output and an action that does not exist', () => {
    const problems = actionContractProblems(fixtureWorkflow('undeclared-action-interface.yml'));
    expect(problems).toEqual([
      expect.stringMatching(/input "verdict-file" is not declared by actions\/policy-gate\/action\.yml/),
      expect.stringMatching(/actions\/no-such-action\/action\.yml does not exist/),
      expect.stringMatching(/jobs\.gate\.outputs\.decision: output "decision" is not declared by actions\/policy-gate\/action\.yml/),
      expect.stringMatching(/jobs\.report.*output "verdict" is not declared by jobs\.gate\.outputs/),
    ]);
  });
});
