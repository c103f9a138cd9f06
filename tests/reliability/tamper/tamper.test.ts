import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyTrustedFile, runGateAction, type GateInputs } from '../../../packages/action-runtime/src/index';
import { codeFinding, findingsDocument } from '../../../packages/action-runtime/src/test-support/findings';
import { runInProcess } from '../../../packages/action-runtime/src/test-support/in-process-action';
import type { Finding } from '../../../packages/findings/src/index';
import { finalized, packageDraft } from '../../../packages/findings/src/test-support/index';
import { FakeArtifactService, FakeGitHub, pullRequestEvent } from '../../../packages/testing-harness/src/index';
import { TAMPER_CASES } from '../catalog/tamper';
import { caseById, caseTest } from '../support/case-test';
import { BASE_SHA, HEAD_SHA, runScanActionUnderTest } from '../support/scan-action-run';

const POLICY = '.github/gatehouse.yml';

interface GateScenario {
  /** Files of the base commit. */
  base: Record<string, string>;
  /** Files the PR changes: in the workspace (PR head), at the head commit and in the merge commit. */
  pr: Record<string, string>;
  findings: Finding[];
  expected?: string[];
  /** Seed the findings artifact of the sast job (false: the PR removed the job). */
  seed?: boolean;
}

/** policy-gate on a pull request whose head changed `pr`, with one sast findings artifact. */
async function gateOnPullRequest(scenario: GateScenario) {
  const github = await FakeGitHub.start();
  const artifacts = await FakeArtifactService.start();
  try {
    const workspace = mkdtempSync(join(tmpdir(), 'gatehouse-tamper-'));
    const payload = pullRequestEvent({ number: 9, base: { sha: BASE_SHA }, head: { sha: HEAD_SHA } });
    const merge = (payload.pull_request as { merge_commit_sha: string }).merge_commit_sha;
    for (const [path, content] of Object.entries(scenario.base)) github.state.setFile(BASE_SHA, path, content);
    for (const [path, content] of Object.entries(scenario.pr)) {
      mkdirSync(dirname(join(workspace, path)), { recursive: true });
      writeFileSync(join(workspace, path), content);
      github.state.setFile(HEAD_SHA, path, content);
      github.state.setFile(merge, path, content);
    }
    if (scenario.seed !== false) artifacts.seedArtifact('gatehouse-findings-sast-security', { 'findings.json': JSON.stringify(findingsDocument(scenario.findings)) });
    const inputs: GateInputs = {
      token: github.writeToken,
      policy: POLICY,
      expected: scenario.expected ?? [],
      findings: [],
      sarif: [],
      'upload-sarif': false,
      'upload-imported-sarif': false,
      comment: true,
      mode: 'auto',
    };
    const { result, run } = await runInProcess({ github, artifacts, event: 'pull_request', payload, workspace }, () => runGateAction({ inputs, sarifWait: false }));
    github.assertNoViolations();
    return { result, run };
  } finally {
    await github.close();
    await artifacts.close();
  }
}

const prFinding = codeFinding('app/new.py', 2);

const VEX = (status: 'affected' | 'not_affected') =>
  JSON.stringify({
    '@context': 'https://openvex.dev/ns/v0.2.0',
    '@id': `https://example.com/vex/${status}`,
    author: 'security@example.com',
    timestamp: '2026-01-01T00:00:00Z',
    version: 1,
    statements: [
      {
        vulnerability: { name: 'CVE-2020-8203' },
        products: [{ '@id': 'pkg:npm/lodash' }],
        status,
        ...(status === 'not_affected' ? { justification: 'vulnerable_code_not_in_execute_path' } : { action_statement: 'upgrade lodash' }),
      },
    ],
  });

describe('a pull request cannot weaken its own gate', () => {
  caseTest(caseById(TAMPER_CASES, 'tamper/policy-edit'), async () => {
    const { result, run } = await gateOnPullRequest({
      base: { [POLICY]: 'version: 1\n' },
      pr: { [POLICY]: 'version: 1\nrules:\n  block: none\n  warn: none\ncategories:\n  sast:\n    block: none\n' },
      findings: [prFinding],
    });
    expect(result.document.decision.verdict).toBe('block');
    expect(result.document.decision.blockingIds).toContain(prFinding.id);
    expect(run.exitCode).toBe(1);
    expect(run.summary).toMatch(/base commit/);
  });

  caseTest(caseById(TAMPER_CASES, 'tamper/add-exception'), async () => {
    const exception = `version: 1\nexceptions:\n  - id: ${prFinding.ruleId}\n    path: app/new.py\n    reason: trust me\n    owner: pr-author\n    expires: 2026-12-31\n`;
    const { result, run } = await gateOnPullRequest({ base: { [POLICY]: 'version: 1\n' }, pr: { [POLICY]: exception }, findings: [prFinding] });
    const finding = result.document.findings.find((f) => f.id === prFinding.id)!;
    expect(finding.status).toBe('open');
    expect(result.document.decision.verdict).toBe('block');
    expect(run.exitCode).toBe(1);
  });

  caseTest(caseById(TAMPER_CASES, 'tamper/add-vex'), async () => {
    const lodash = finalized([packageDraft()])[0]!;
    const policy = 'version: 1\nvex:\n  documents:\n    - .github/vex.openvex.json\n';
    const { result } = await gateOnPullRequest({
      base: { [POLICY]: policy, '.github/vex.openvex.json': VEX('affected') },
      pr: { '.github/vex.openvex.json': VEX('not_affected') },
      findings: [lodash],
    });
    const finding = result.document.findings.find((f) => f.id === lodash.id)!;
    expect(finding.status).toBe('open');
    expect(result.document.decision.verdict).toBe('block');
  });

  caseTest(caseById(TAMPER_CASES, 'tamper/delete-policy'), async () => {
    const medium = codeFinding('app/medium.py', 3, { severity: 'medium', severityBasis: { kind: 'tool', label: 'MEDIUM', source: 'bandit' } });
    const { result } = await gateOnPullRequest({ base: { [POLICY]: 'version: 1\nrules:\n  block: medium\n' }, pr: {}, findings: [medium] });
    expect(result.document.decision.verdict).toBe('block');
    expect(result.document.decision.blockingIds).toContain(medium.id);
  });

  caseTest(caseById(TAMPER_CASES, 'tamper/drop-scan-job'), async () => {
    const { result, run } = await gateOnPullRequest({ base: { [POLICY]: 'version: 1\n' }, pr: {}, findings: [], expected: ['sast', 'secrets-scan'], seed: true });
    expect(result.document.decision.verdict).toBe('incomplete');
    expect(run.exitCode).toBe(1);
    expect(run.summary.replaceAll('\\', '')).toContain('secrets-scan');
  });

  caseTest(caseById(TAMPER_CASES, 'tamper/edit-gate-step'), async () => {
    // The PR's workflow no longer lists what to expect: the gate sees only what ran, and passes.
    const { result } = await gateOnPullRequest({ base: { [POLICY]: 'version: 1\n' }, pr: {}, findings: [], expected: [], seed: true });
    expect(result.document.decision.verdict).not.toBe('pass');
  });

  caseTest(caseById(TAMPER_CASES, 'tamper/gitleaks-toml'), async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'gatehouse-tamper-gitleaks-'));
    const prConfig = '[extend]\nuseDefault = true\n\n[allowlist]\ndescription = "pr-allowlist-everything"\npaths = [\'\'\'.*\'\'\']\n';
    writeFileSync(join(workspace, '.gitleaks.toml'), prConfig);
    const stubs = mkdtempSync(join(tmpdir(), 'gatehouse-tamper-stubs-'));
    const finding = JSON.stringify([
      {
        Description: 'Stripe key',
        StartLine: 1,
        EndLine: 1,
        StartColumn: 1,
        EndColumn: 20,
        Line: 'KEY=placeholder-value-for-the-test',
        Match: 'KEY=placeholder-value-for-the-test',
        Secret: 'placeholder-value-for-the-test',
        File: 'app/settings.env',
        SymlinkFile: '',
        Commit: '',
        Entropy: 4.2,
        Author: '',
        Email: '',
        Date: '',
        Message: '',
        Tags: [],
        RuleID: 'gatehouse-stripe-secret-key',
        Fingerprint: 'app/settings.env:gatehouse-stripe-secret-key:1',
      },
    ]);
    writeFileSync(join(stubs, 'finding.json'), finding);
    const gitleaks = join(stubs, 'gitleaks');
    writeFileSync(
      gitleaks,
      `#!/bin/sh
CONFIG=""; PREV=""; REPORT=""
for arg in "$@"; do
  [ "$PREV" = "--config" ] && CONFIG="$arg"
  case "$arg" in *gatehouse-*/report) REPORT="\${arg#*=}" ;; esac
  PREV="$arg"
done
DIR=$(dirname "$CONFIG")
if grep -rq pr-allowlist-everything "$DIR"; then echo '[]' > "$REPORT"; exit 0; fi
if ! grep -rq base-config-marker "$DIR"; then echo "stub gitleaks: not given the base commit's .gitleaks.toml" >&2; exit 97; fi
cat '${join(stubs, 'finding.json')}' > "$REPORT"
exit 99
`,
      { mode: 0o755 },
    );
    const scan = await runScanActionUnderTest({
      workspace,
      action: 'secrets-scan',
      event: 'pull_request',
      uploadSarif: false,
      baseFiles: { [POLICY]: 'version: 1\n', '.gitleaks.toml': '[extend]\nuseDefault = true\n\n[allowlist]\ndescription = "base-config-marker"\npaths = [\'\'\'^vendor/\'\'\']\n' },
      executables: { gitleaks },
      plan: async ({ files, privateDir }) => {
        await copyTrustedFile(files, '.gitleaks.toml', privateDir);
        return {
          invocations: [{ engine: 'gitleaks', label: 'the PR', options: { workspace, targets: [], mode: 'full', trustedConfigDir: privateDir } }],
          notRun: [],
          notes: [],
        };
      },
    });
    const run = scan.result.document.engines.find((e) => e.id === 'gitleaks')!;
    expect(run.status, run.reason).toBe('ran');
    expect(scan.result.document.findings.some((f) => f.ruleId === 'gatehouse-stripe-secret-key')).toBe(true);
    expect(scan.result.document.decision.verdict).toBe('block');
  });

  // Controls: the same exception and VEX statement in the BASE commit do apply, so the cases above can fail.
  it('control: an exception in the base commit\u2019s policy suppresses the finding', async () => {
    const exception = `version: 1\nexceptions:\n  - id: ${prFinding.ruleId}\n    path: app/new.py\n    reason: accepted\n    owner: security\n    expires: 2026-12-31\n`;
    const { result } = await gateOnPullRequest({ base: { [POLICY]: exception }, pr: {}, findings: [prFinding] });
    expect(result.document.findings.find((f) => f.id === prFinding.id)!.status).toBe('suppressed');
  });

  it('control: a not_affected VEX statement in the base commit suppresses the finding', async () => {
    const lodash = finalized([packageDraft()])[0]!;
    const policy = 'version: 1\nvex:\n  documents:\n    - .github/vex.openvex.json\n';
    const { result } = await gateOnPullRequest({ base: { [POLICY]: policy, '.github/vex.openvex.json': VEX('not_affected') }, pr: {}, findings: [lodash] });
    expect(result.document.findings.find((f) => f.id === lodash.id)!.status).toBe('suppressed');
  });
});
