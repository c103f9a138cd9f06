// The committed bundle with every secrets engine: secretlint for real, gitleaks, trufflehog and
// detect-secrets as stub executables seeded in the runner's tool cache (asserting their argv). A fork
// pull request with a read-only token, engines that crash, hang or print garbage, and a workflow_dispatch
// run over the whole history.
import type { FindingsDocument } from '@gatehouse/findings';
import { exampleSecret, type ExampleSecret } from '@gatehouse/scanners';
import { pullRequestEvent, workflowDispatchEvent } from '@gatehouse/testing-harness';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkout, pullRequestRepository, type PullRequestRepository } from './support/pull-request-repository';
import { anyPath, gitleaksHistoryArgv, SecretsScanHarness } from './support/secrets-scan-harness';

const BASELINE = `${JSON.stringify({ version: '1.5.0', plugins_used: [{ name: 'KeywordDetector' }], filters_used: [], results: {}, generated_at: '2024-01-01T00:00:00Z' }, null, 2)}\n`;

let secret: ExampleSecret;
let repo: PullRequestRepository;
let harness: SecretsScanHarness;

beforeAll(() => {
  secret = exampleSecret('gatehouse-stripe-secret-key', 'live');
  repo = pullRequestRepository({ secretLine: secret.text, baseFiles: { '.secrets.baseline': BASELINE } });
});

beforeEach(async () => {
  harness = await SecretsScanHarness.start();
});

afterEach(async () => {
  await harness.close();
});

const forkPayload = () => pullRequestEvent({ number: 31, base: { sha: repo.base, ref: 'main' }, head: { sha: repo.head, ref: 'feature', fork: { owner: 'outsider' } } });

/** trufflehog's JSON line for the secret of commit 3, verified by its provider. */
const trufflehogLine = () =>
  `${JSON.stringify({
    SourceMetadata: { Data: { Git: { commit: repo.commits[2], file: 'config/payment.env', email: 'Dana Developer <dana@example.test>', line: 2, timestamp: '2023-11-14 22:16:20 +0000' } } },
    SourceType: 16,
    SourceName: 'trufflehog - git',
    DetectorType: 17,
    DetectorName: 'Stripe',
    DecoderName: 'PLAIN',
    Verified: true,
    Raw: secret.value,
    RawV2: secret.value,
    Redacted: secret.value.slice(0, 8),
    ExtraData: null,
  })}\n`;

const trufflehogArgv = (workspace: string) => ['git', `file://${workspace}`, '--since-commit', repo.base, '--branch', repo.head, '--json', '--no-update', '--fail', '--results=verified,unknown,unverified'];
const detectSecretsArgv = ['scan', '--baseline', anyPath, '--exclude-files', '(^|/)\\.secrets\\.baseline$'];

async function findingsDocument(): Promise<FindingsDocument> {
  return JSON.parse((await harness.artifactFiles()).get('findings.json')!) as FindingsDocument;
}

describe('secrets-scan with every engine', () => {
  it('on a fork pull request with a read-only token: all four engines run with their exact argv, a verified trufflehog result is critical, SARIF is kept in the artifact, and the verdict stands', async () => {
    const workspace = checkout(repo).dir;
    const gitleaks = harness.stub('gitleaks', gitleaksHistoryArgv(`${repo.base}..${repo.head}`), { kind: 'report-file', flag: '--report-path', content: '[]', exitCode: 0 });
    const trufflehog = harness.stub('trufflehog', trufflehogArgv(workspace), { kind: 'stdout', content: trufflehogLine(), exitCode: 183 });
    // detect-secrets rewrites the trusted copy of the base commit's baseline, never the pull request's.
    const detectSecrets = harness.stub('detect-secrets', detectSecretsArgv, { kind: 'report-file', flag: '--baseline', content: BASELINE, exitCode: 0 }, [{ flag: '--baseline', contains: ['"plugins_used"'] }]);

    const run = await harness.run({ event: 'pull_request', payload: forkPayload(), workspace, token: harness.github.readOnlyToken, inputs: { trufflehog: 'true' } });

    expect(run.stderr).toBe('');
    for (const log of [gitleaks, trufflehog, detectSecrets]) expect(harness.calls(log)).toHaveLength(1);
    expect(harness.calls(detectSecrets)[0]!.argv[2]).not.toContain(workspace);
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ verdict: 'block', 'scanned-commits': '40' });
    const document = await findingsDocument();
    expect(document.engines.map((e) => [e.id, e.status]).sort()).toEqual([
      ['detect-secrets', 'ran'],
      ['gitleaks', 'ran'],
      ['secretlint', 'ran'],
      ['trufflehog', 'ran'],
    ]);
    expect(document.findings).toHaveLength(1);
    expect(document.findings[0]).toMatchObject({ severity: 'critical', location: { path: 'config/payment.env', commit: repo.commits[2] } });
    expect([...new Set(document.findings[0]!.sources.map((s) => s.engine))].sort()).toEqual(['secretlint', 'trufflehog']);

    expect(harness.github.state.sarifUploads).toEqual([]);
    expect(run.summary).toContain('SARIF not published to code scanning');
    const files = await harness.artifactFiles();
    expect([...files.keys()].sort()).toEqual(['audit.jsonl', 'compliance.json', 'findings.json', 'report.html', 'reports/detect-secrets.json', 'results.sarif', 'summary.md']);
    for (const [name, text] of files) expect(text.includes(secret.value), name).toBe(false);
    expect(run.commands.some((c) => c.name === 'add-mask' && c.data === secret.value)).toBe(true);
    harness.github.assertNoViolations();
  });

  it('an engine that crashes, one that hangs and one that prints garbage make the step fail as incomplete, and the findings of the others are still published', async () => {
    const workspace = checkout(repo).dir;
    harness.stub('gitleaks', null, { kind: 'crash', stderr: 'panic: runtime error: invalid memory address' });
    harness.stub('trufflehog', null, { kind: 'hang' });
    harness.stub('detect-secrets', null, { kind: 'garbage', flag: '--baseline', garbage: '\u0007Traceback (most recent call last):\n  garbage', exitCode: 0 });

    const run = await harness.run({
      event: 'pull_request',
      payload: pullRequestEvent({ number: 12, base: { sha: repo.base, ref: 'main' }, head: { sha: repo.head, ref: 'feature' } }),
      workspace,
      inputs: { trufflehog: 'true', 'engine-timeout-seconds': '3' },
    });

    expect(run.exitCode).toBe(1);
    expect(run.outputs.verdict).toBe('incomplete');
    const document = await findingsDocument();
    const status = Object.fromEntries(document.engines.map((e) => [e.id, [e.status, e.reason ?? '']]));
    expect(status.gitleaks).toEqual(['incomplete', expect.stringMatching(/^gitleaks\b.*killed by signal SIGSEGV/)]);
    expect(status.trufflehog).toEqual(['incomplete', expect.stringMatching(/^trufflehog\b.*timed out/)]);
    expect(status['detect-secrets']).toEqual(['incomplete', expect.stringMatching(/^detect-secrets\b/)]);
    expect(status.secretlint).toEqual(['ran', '']);
    // secretlint's finding is published: in the artifact, in code scanning, in the summary.
    expect(document.findings.map((f) => [f.ruleId, f.location.kind === 'code' ? f.location.path : ''])).toEqual([['gatehouse-stripe-secret-key', 'config/payment.env']]);
    expect(harness.github.state.sarifUploads.map((u) => u.toolName)).toEqual(['gatehouse/secretlint']);
    expect(run.summary).toContain('gatehouse\\-stripe\\-secret\\-key');
    expect(run.summary).toMatch(/incomplete/i);
    expect(run.stdout.split('\n').filter((line) => line.includes(secret.value) && !line.startsWith('::add-mask::'))).toEqual([]);
    harness.github.assertNoViolations();
  }, 180_000);

  it('workflow_dispatch scans the whole history with trufflehog too (no range flags)', async () => {
    const workspace = checkout(repo).dir;
    const gitleaks = harness.stub('gitleaks', gitleaksHistoryArgv(undefined), { kind: 'report-file', flag: '--report-path', content: '[]', exitCode: 0 });
    const trufflehog = harness.stub('trufflehog', ['git', `file://${workspace}`, '--json', '--no-update', '--fail', '--results=verified,unknown,unverified', '--no-verification'], { kind: 'stdout', content: '', exitCode: 0 });
    harness.stub('detect-secrets', detectSecretsArgv, { kind: 'report-file', flag: '--baseline', content: BASELINE, exitCode: 0 });

    const run = await harness.run({ event: 'workflow_dispatch', payload: workflowDispatchEvent({ ref: 'refs/heads/feature' }), workspace, inputs: { trufflehog: 'true', 'trufflehog-verify': 'false' } });

    expect(run.stderr).toBe('');
    expect(harness.calls(gitleaks)).toHaveLength(1);
    expect(harness.calls(trufflehog)).toHaveLength(1);
    expect(run.outputs['scanned-range']).toBe('full history (workflow_dispatch): 46 commits on every branch and tag');
    // secretlint still finds commit 3's secret in the history, though the file no longer holds it.
    expect(run.outputs.verdict).toBe('block');
    harness.github.assertNoViolations();
  });
});
