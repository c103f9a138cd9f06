// Every workflow of the repository and every starter workflow follows the hardening rules; a planted
// bad workflow per rule (tests/workflows/__fixtures__) proves each rule can fail.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  actionlint,
  checkoutWithoutPersistedCredentials,
  hardeningProblems,
  leastPrivilegePermissions,
  noExpressionsInRun,
  noPullRequestTargetHeadCheckout,
  pinnedUses,
  type Problem,
  type RuleName,
} from './hardening-rules';
import { fixtureWorkflow, repositoryRoot, repositoryWorkflows, type WorkflowFile } from './workflow-files';
import { readPinsTable } from './pins-table';

const workflows = repositoryWorkflows();

describe('the repository workflows and the starter workflows', () => {
  it('are all found (the suite CI, the reusable security.yml and the five workflow templates)', () => {
    const paths = workflows.map((w) => w.path);
    for (const expected of [
      '.github/workflows/security.yml',
      '.github/workflows/ci.yml',
      '.github/workflows/self-test.yml',
      '.github/workflows/self-scan.yml',
      '.github/workflows/release.yml',
      'workflows-templates/security-pr.yml',
      'workflows-templates/security-main.yml',
      'workflows-templates/deploy.yml',
      'workflows-templates/codeql.yml',
    ]) {
      expect(paths).toContain(expected);
    }
  });

  it.each(workflows.map((w) => [w.path, w] as const))('%s breaks no hardening rule', async (_path, workflow) => {
    expect(await hardeningProblems(workflow)).toEqual([]);
  });

  it('pin each third-party action to one SHA and version everywhere, as listed in ../shared/pins.md', () => {
    const pins = workflows.flatMap((w) => pinnedUses(w).pins).filter((p) => p.repository !== 'gatehouse-sec/gatehouse');
    expect(pins.length).toBeGreaterThan(0);
    const byRepository = new Map<string, Set<string>>();
    for (const pin of pins) byRepository.set(pin.repository, (byRepository.get(pin.repository) ?? new Set()).add(`${pin.sha} ${pin.version}`));
    for (const [repository, variants] of byRepository) expect([...variants], repository).toHaveLength(1);

    const table = readPinsTable(join(repositoryRoot, '..', 'shared', 'pins.md'));
    if (!table) return; // the shared pins list is not beside this checkout (e.g. on a runner)
    for (const pin of pins) {
      expect(table.get(pin.repository), `${pin.file}:${pin.line} ${pin.repository} is not in pins.md`).toEqual({ sha: pin.sha, version: pin.version });
    }
  });
});

/** One planted-bad workflow per rule: it fails that rule, and no other rule of ours. */
const plantedBad: { rule: RuleName; fixture: string; check: (w: WorkflowFile) => Problem[] | Promise<Problem[]>; expect: RegExp }[] = [
  { rule: 'actionlint', fixture: 'actionlint-undefined-job-dependency.yml', check: actionlint, expect: /needs job "build" which does not exist/ },
  { rule: 'pinned-uses', fixture: 'unpinned-action-tag.yml', check: (w) => pinnedUses(w).problems, expect: /actions\/setup-node@v7: pin to a full 40-character commit SHA/ },
  { rule: 'least-privilege-permissions', fixture: 'security-events-without-sarif.yml', check: leastPrivilegePermissions, expect: /security-events: write on a job that uploads no SARIF/ },
  { rule: 'no-expressions-in-run', fixture: 'pull-request-title-in-run.yml', check: noExpressionsInRun, expect: /github\.event\.pull_request\.title .*attacker-controlled/ },
  { rule: 'no-pull-request-target-head-checkout', fixture: 'pull-request-target-head-checkout.yml', check: noPullRequestTargetHeadCheckout, expect: /checking out the pull request head/ },
  { rule: 'checkout-without-persisted-credentials', fixture: 'checkout-persists-credentials.yml', check: checkoutWithoutPersistedCredentials, expect: /persist-credentials: false/ },
];

describe('a planted-bad workflow per rule', () => {
  it.each(plantedBad.map((p) => [p.rule, p] as const))('fails %s', async (rule, planted) => {
    const workflow = fixtureWorkflow(planted.fixture);
    const own = await planted.check(workflow);
    expect(own.map((p) => p.message).join('\n')).toMatch(planted.expect);
    expect(own.every((p) => p.rule === rule)).toBe(true);
    // The fixture breaks its own rule only (actionlint also sees the PR-title injection, which it knows).
    const others = (await hardeningProblems(workflow)).filter((p) => p.rule !== rule && p.rule !== 'actionlint');
    expect(others).toEqual([]);
  });

  it('catches a workflow_dispatch input pasted into a script, which actionlint lets through', async () => {
    const workflow = fixtureWorkflow('pull-request-title-in-run.yml');
    expect(noExpressionsInRun(workflow).map((p) => p.message)).toContainEqual(expect.stringContaining('inputs.note'));
    expect((await actionlint(workflow)).map((p) => p.message).join('\n')).not.toContain('inputs.note');
  });

  it('has one fixture per rule, and every fixture is used', () => {
    expect(new Set(plantedBad.map((p) => p.rule)).size).toBe(6);
    for (const planted of plantedBad) expect(existsSync(join(repositoryRoot, 'tests/workflows/__fixtures__', planted.fixture))).toBe(true);
  });
});
