import type { ReliabilityCase } from './reliability-case';

const tamper = (subject: string, title: string, expectation: string, open?: string): ReliabilityCase => ({
  id: `tamper/${subject}`,
  group: 'tamper',
  title,
  expectation,
  ...(open ? { open } : {}),
});

/** A pull request trying to weaken its own gate (ARCHITECTURE.md, tamper resistance). Tests: tests/reliability/tamper/. */
export const TAMPER_CASES: readonly ReliabilityCase[] = [
  tamper(
    'policy-edit',
    'the PR rewrites .github/gatehouse.yml to block nothing (head and merge commit)',
    'policy-gate evaluates with the base commit\'s policy: the PR\'s finding still blocks; the summary says the policy came from the base commit',
  ),
  tamper(
    'add-exception',
    'the PR adds a policy exception (owner, reason, expiry) for its own finding',
    'the exception is not applied: the finding stays open and blocks',
  ),
  tamper(
    'add-vex',
    'the PR rewrites the VEX document the policy lists to say its vulnerability is `not_affected`',
    'the base commit\'s VEX statement (`affected`) is used: the finding stays open and blocks',
  ),
  tamper(
    'gitleaks-toml',
    'the PR adds an allowlist-everything .gitleaks.toml',
    'gitleaks is given the base commit\'s .gitleaks.toml (the stub asserts it); the secret is still found and blocks',
  ),
  tamper(
    'delete-policy',
    'the PR deletes .github/gatehouse.yml (whose base version blocks medium findings)',
    'the base commit\'s stricter policy still applies: a medium finding blocks (the built-in defaults would only warn)',
  ),
  tamper(
    'drop-scan-job',
    'the PR removes a scanning job from the workflow, so its findings artifact never appears',
    'policy-gate, told to expect that action, is `incomplete` and fails: a missing expected artifact is never clean',
  ),
  tamper(
    'edit-gate-step',
    'the PR edits the workflow itself: removes the policy-gate step, or its `expected` list',
    'the gate cannot weaken (it would read its configuration from the base commit)',
    'on `pull_request` GitHub runs the workflow file of the PR head, so the gate step and its inputs are the PR\'s to change; Gatehouse cannot defend this from inside the job. The defence is outside it: make policy-gate a required status check in a branch ruleset (a removed step never reports, so the PR cannot merge) and protect .github/workflows with CODEOWNERS. Reading `expected` from the base commit is not implemented',
  ),
];
