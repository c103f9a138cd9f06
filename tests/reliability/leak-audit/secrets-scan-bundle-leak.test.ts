// The leak audit over secrets-scan as users run it: the committed bundle under Node 24 on a pull
// request, with the actions' own e2e support (FakeGitHub, FakeArtifactService, a tool cache of stub
// scanners). Every planted secret type, in the head tree (for the real bundled secretlint runner) and in
// the PR's history (reported in plaintext in every field by stub gitleaks and trufflehog, as they do),
// against every byte the bundle writes or sends.
import { beforeAll, describe, expect } from 'vitest';
import { checkout, pullRequestRepository, type PullRequestRepository } from '../../../actions/secrets-scan/test/support/pull-request-repository';
import { BUNDLE, FINDINGS_ARTIFACT, gitleaksHistoryArgv, MANIFEST, SecretsScanHarness } from '../../../actions/secrets-scan/test/support/secrets-scan-harness';
import type { FindingsDocument } from '../../../packages/findings/src/index';
import { unzipInMemory } from '../../../packages/github/src/index';
import { exampleSecret, SECRET_RULES, type ExampleSecret } from '../../../packages/scanners/src/index';
import { pullRequestEvent, type BundledActionRun } from '../../../packages/testing-harness/src/index';
import { leakAuditCases } from '../catalog/leak-audit';
import { caseById, caseTest } from '../support/case-test';
import { runBundleCollectingBytes } from '../support/bundled-run-bytes';
import { leaksOf, valueParts } from '../support/leak-search';

const cases = leakAuditCases();
const headFile = (ruleId: string) => `src/${ruleId.replace(/^gatehouse-/, '')}.env`;

let secrets: ExampleSecret[];
let repo: PullRequestRepository;
let run: BundledActionRun;
let document: FindingsDocument;
let bytes: Map<string, string>;

function gitleaksReport(): string {
  return JSON.stringify(
    secrets.map((s) => ({
      RuleID: s.ruleId,
      Description: s.ruleId,
      StartLine: 2,
      EndLine: 2 + s.value.split('\n').length - 1,
      StartColumn: 1,
      EndColumn: 10,
      Line: s.text,
      Match: s.text.trim(),
      Secret: s.value,
      File: 'config/payment.env',
      Commit: repo.commits[2],
      Author: 'Dana Developer',
      Email: 'dana@example.test',
      Date: '2023-11-14T22:16:20Z',
      Message: `feature commit 3 ${s.value}`,
      Tags: [],
      Fingerprint: `${repo.commits[2]}:config/payment.env:${s.ruleId}:2`,
    })),
  );
}

function trufflehogReport(): string {
  return secrets
    .map((s, i) =>
      JSON.stringify({
        SourceMetadata: { Data: { Git: { commit: repo.commits[2], file: 'config/payment.env', email: 'Dana Developer <dana@example.test>', line: 2 + i } } },
        SourceType: 16,
        SourceName: 'trufflehog - git',
        DetectorName: s.ruleId,
        DecoderName: 'PLAIN',
        Verified: i % 2 === 0,
        VerificationError: `could not verify ${s.value}`,
        Raw: s.value,
        RawV2: `${s.value}:extra`,
        Redacted: s.value.slice(0, 6),
      }),
    )
    .join('\n');
}

beforeAll(async () => {
  secrets = SECRET_RULES.map((rule) => exampleSecret(rule.id, 'live'));
  repo = pullRequestRepository({
    secretLine: secrets.map((s) => s.text).join(''),
    firstCommitFiles: Object.fromEntries(secrets.map((s) => [headFile(s.ruleId), `# configuration\n${s.text}`])),
  });
  const harness = await SecretsScanHarness.start();
  try {
    harness.stub('gitleaks', gitleaksHistoryArgv(`${repo.base}..${repo.head}`), { kind: 'report-file', flag: '--report-path', content: gitleaksReport(), exitCode: 99 });
    harness.stub('trufflehog', null, { kind: 'stdout', content: trufflehogReport(), exitCode: 183 });
    const workspace = checkout(repo).dir;
    ({ run, bytes } = await runBundleCollectingBytes({
      bundle: BUNDLE,
      actionManifest: MANIFEST,
      github: harness.github,
      artifacts: harness.artifacts,
      event: 'pull_request',
      payload: pullRequestEvent({ number: 12, base: { sha: repo.base, ref: 'main' }, head: { sha: repo.head, ref: 'feature' } }),
      workspace,
      inputs: { trufflehog: 'true' },
      env: { RUNNER_TOOL_CACHE: harness.tools.root },
      timeoutMs: 120_000,
    }));
    const findings = harness.artifacts.artifacts.find((a) => a.name === FINDINGS_ARTIFACT);
    document = findings ? (JSON.parse((await unzipInMemory(findings.content)).get('findings.json')!.toString('utf8')) as FindingsDocument) : ({ findings: [], engines: [] } as unknown as FindingsDocument);
    harness.github.assertNoViolations();
  } finally {
    await harness.close();
  }
}, 180_000);

describe("no planted secret leaks from any byte secrets-scan's bundle writes or sends", () => {
  for (const rule of SECRET_RULES) {
    caseTest(caseById(cases, `leak-audit/${rule.id}/secrets-scan-bundle`), () => {
      expect(run.stderr).toBe('');
      expect(run.outputs.verdict).toBe('block');
      const planted = secrets.find((s) => s.ruleId === rule.id)!;
      const at = (path: string) => document.findings.filter((f) => f.category === 'secret' && f.location.kind === 'code' && f.location.path === path);
      expect(at(headFile(rule.id)).some((f) => f.sources.some((s) => s.engine === 'secretlint')), `${rule.id} found by secretlint in the head tree`).toBe(true);
      const inHistory = at('config/payment.env').filter((f) => f.sources.some((s) => s.nativeId === rule.id));
      for (const engine of ['gitleaks', 'trufflehog']) {
        expect(inHistory.some((f) => f.sources.some((s) => s.engine === engine && s.nativeId === rule.id)), `${rule.id} found by ${engine} in the history`).toBe(true);
      }
      expect(run.commands.some((c) => c.name === 'add-mask' && c.data === planted.value), `${rule.id} is masked`).toBe(true);
      expect(bytes.size).toBeGreaterThan(8);
      for (const part of [planted.value, ...valueParts(planted)]) expect(leaksOf(part, bytes), `${rule.id} value`).toEqual([]);
    });
  }
});
