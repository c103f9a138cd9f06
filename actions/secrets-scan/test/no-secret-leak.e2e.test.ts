// Issue 6, done-when: ten distinct fake secrets of ten kinds, planted in a pull request, found by the
// real secretlint and reported in plaintext by stub gitleaks and trufflehog, appear nowhere: not in
// the log, the outputs, the summary, any artifact file, any SARIF upload, any request to GitHub, or
// the incident notification a webhook receives (incident-on pull_request here).
// Each one is masked in the job log (`::add-mask::`) before anything else could print it.
import { exampleSecret, SECRET_RULES, type ExampleSecret } from '@gatehouse/scanners';
import { unzipInMemory } from '@gatehouse/github';
import { startLoopbackHttpServer } from '@gatehouse/notify/test-support';
import { pullRequestEvent } from '@gatehouse/testing-harness';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkout, pullRequestRepository, type PullRequestRepository } from './support/pull-request-repository';
import { gitleaksHistoryArgv, SecretsScanHarness } from './support/secrets-scan-harness';

let secrets: ExampleSecret[];
let repo: PullRequestRepository;
let harness: SecretsScanHarness;

beforeAll(() => {
  secrets = SECRET_RULES.map((rule) => exampleSecret(rule.id, 'live'));
  repo = pullRequestRepository({ secretLine: secrets.map((s) => s.text).join('') });
});

beforeEach(async () => {
  harness = await SecretsScanHarness.start();
});

afterEach(async () => {
  await harness.close();
});

/** What must never be seen: each value, and each line of a multi-line value (a PEM key's body). */
function needles(): string[] {
  return secrets.flatMap((s) => [s.value, ...s.value.split('\n').filter((line) => line.length >= 16 && !line.startsWith('-----'))]);
}

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
        ...(i === 1 ? { VerificationError: `could not verify ${s.value}` } : {}),
        Raw: s.value,
        RawV2: `${s.value}:extra`,
        Redacted: s.value.slice(0, 6),
      }),
    )
    .join('\n');
}

describe('secrets-scan never leaks a secret value', () => {
  it('finds all ten planted secrets and prints, uploads and stores none of their values', async () => {
    harness.stub('gitleaks', gitleaksHistoryArgv(`${repo.base}..${repo.head}`), { kind: 'report-file', flag: '--report-path', content: gitleaksReport(), exitCode: 99 });
    harness.stub('trufflehog', null, { kind: 'stdout', content: trufflehogReport(), exitCode: 183 });
    const workspace = checkout(repo).dir;
    const webhook = await startLoopbackHttpServer([{ respond: 204 }]);

    const run = await harness
      .run({
        event: 'pull_request',
        payload: pullRequestEvent({ number: 12, base: { sha: repo.base, ref: 'main' }, head: { sha: repo.head, ref: 'feature' } }),
        workspace,
        inputs: { trufflehog: 'true', 'incident-on': 'pull_request', 'webhook-url': `${webhook.url}/incident`, 'webhook-secret': 'w'.repeat(24) },
      })
      .finally(() => webhook.close());

    expect(run.stderr).toBe('');
    expect(run.outputs.verdict).toBe('block');
    // One finding per secret; each engine's rule is among its sources (the PEM key may be titled by secretlint's preset rule).
    const findings = JSON.parse((await harness.artifactFiles()).get('findings.json')!).findings as { sources: { nativeId: string }[] }[];
    expect(findings).toHaveLength(secrets.length);
    const rules = new Set(findings.flatMap((f) => f.sources.map((source) => source.nativeId)));
    for (const s of secrets) expect(rules.has(s.ruleId), s.ruleId).toBe(true);

    const masked = new Set(run.commands.filter((c) => c.name === 'add-mask').map((c) => c.data));
    for (const s of secrets) expect(masked.has(s.value), `${s.ruleId} is masked`).toBe(true);

    const places: [string, string][] = [
      ['log', run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n')],
      ['stderr', run.stderr],
      ['summary', run.summary],
      ['outputs', JSON.stringify(run.outputs)],
      ['requests to GitHub', JSON.stringify(harness.github.requests)],
      ['SARIF uploads', JSON.stringify(harness.github.state.sarifUploads)],
    ];
    for (const artifact of harness.artifacts.artifacts) {
      for (const [path, content] of await unzipInMemory(artifact.content)) places.push([`${artifact.name}/${path}`, content.toString('utf8')]);
    }
    expect(webhook.requests).toHaveLength(1);
    places.push(['incident notification', webhook.requests[0]!.body.toString('utf8')]);
    expect(harness.github.state.sarifUploads.length).toBeGreaterThan(0);
    for (const [place, text] of places) {
      for (const needle of needles()) expect(text.includes(needle), `a secret value in ${place}`).toBe(false);
    }
    harness.github.assertNoViolations();
  });
});
