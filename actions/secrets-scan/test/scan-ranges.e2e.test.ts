// Issue 6, done-when: the committed bundle on a REAL repository with a 40-commit pull request whose
// commit 3 adds a secret and commit 5 removes it. secretlint (the real runner shipped next to the
// bundle) scans the lines the range added; a stub gitleaks asserts the --log-opts it is given.
import { hashSecret, type FindingsDocument } from '@gatehouse/findings';
import { exampleSecret, type ExampleSecret } from '@gatehouse/scanners';
import { pullRequestEvent, pushEvent, repositoryPayload } from '@gatehouse/testing-harness';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkout, pullRequestRepository, type PullRequestRepository } from './support/pull-request-repository';
import { gitleaksHistoryArgv, SecretsScanHarness } from './support/secrets-scan-harness';

let secret: ExampleSecret;
let repo: PullRequestRepository;
let harness: SecretsScanHarness;

beforeAll(() => {
  secret = exampleSecret('gatehouse-stripe-secret-key', 'live');
  repo = pullRequestRepository({ secretLine: secret.text });
});

beforeEach(async () => {
  harness = await SecretsScanHarness.start();
});

afterEach(async () => {
  await harness.close();
});

/** gitleaks' report of the secret of commit 3, as gitleaks 8 writes it (plaintext in Secret, Match). */
function gitleaksLeak() {
  return [
    {
      RuleID: 'gatehouse-stripe-secret-key',
      Description: 'Stripe secret API key',
      StartLine: 2,
      EndLine: 2,
      StartColumn: 19,
      EndColumn: 18 + secret.value.length,
      Match: secret.value,
      Secret: secret.value,
      File: 'config/payment.env',
      Commit: repo.commits[2],
      Author: 'Dana Developer',
      Email: 'dana@example.test',
      Date: '2023-11-14T22:16:20Z',
      Message: 'feature commit 3',
      Tags: [],
      Fingerprint: `${repo.commits[2]}:config/payment.env:gatehouse-stripe-secret-key:2`,
    },
  ];
}

const prPayload = () => pullRequestEvent({ number: 12, base: { sha: repo.base, ref: 'main' }, head: { sha: repo.head, ref: 'feature' } });
const short = (sha: string) => sha.slice(0, 7);
/** The summary's text without its Markdown escapes (and the zero-width joiner that keeps `#12` from linking). */
const plain = (markdown: string) => markdown.replace(/\\(.)/g, '$1').replace(/\u200d/g, '');

describe('secrets-scan on a 40-commit pull request whose commit 3 adds a secret and commit 5 removes it', () => {
  it('scans exactly base..head: secretlint finds the secret over the added lines, gitleaks gets --log-opts=base..head, and the step blocks', async () => {
    const gitleaks = harness.stub('gitleaks', gitleaksHistoryArgv(`${repo.base}..${repo.head}`), { kind: 'report-file', flag: '--report-path', content: JSON.stringify(gitleaksLeak()), exitCode: 99 });
    const workspace = checkout(repo).dir;

    const run = await harness.run({ event: 'pull_request', payload: prPayload(), workspace });

    expect(run.stderr).toBe('');
    expect(harness.calls(gitleaks)).toHaveLength(1);
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ verdict: 'block', 'blocking-count': '1', 'scanned-commits': '40' });
    const range = `pull request #12: ${short(repo.base)}..${short(repo.head)}, 40 commits`;
    expect(run.outputs['scanned-range']).toBe(range);
    expect(plain(run.summary)).toContain(`Scanned: ${range}`);

    const files = await harness.artifactFiles();
    const document = JSON.parse(files.get('findings.json')!) as FindingsDocument;
    expect(document.engines.map((e) => [e.id, e.status])).toEqual(
      expect.arrayContaining([
        ['gitleaks', 'ran'],
        ['secretlint', 'ran'],
        ['detect-secrets', 'not-run'],
        ['trufflehog', 'not-run'],
      ]),
    );
    expect(document.findings).toHaveLength(1);
    const [finding] = document.findings;
    expect(finding).toMatchObject({
      category: 'secret',
      ruleId: 'gatehouse-stripe-secret-key',
      location: { kind: 'code', path: 'config/payment.env', startLine: 2, commit: repo.commits[2] },
      secret: { author: 'Dana Developer <dana@example.test>' },
    });
    expect(finding!.secret!.preview.length).toBeLessThanOrEqual(5);
    expect([...new Set(finding!.sources.map((s) => s.engine))].sort()).toEqual(['gitleaks', 'secretlint']);
    // The keyed hash, never the value: neither engine's plaintext report is kept.
    expect(finding!.secret!.hash).not.toBe(hashSecret(secret.value, 'the-salt-of-another-repository'));
    expect([...files.keys()].filter((f) => f.startsWith('reports/'))).toEqual([]);
    expect(run.commands.some((c) => c.name === 'add-mask' && c.data === secret.value)).toBe(true);
    for (const [name, text] of files) expect(text.includes(secret.value), name).toBe(false);
    expect(run.stdout.split('\n').filter((line) => line.includes(secret.value) && !line.startsWith('::add-mask::'))).toEqual([]);

    // One upload per engine's run (each its own category), on the merge commit the workflow checked out (as CodeQL does).
    const uploads = harness.github.state.sarifUploads;
    expect(uploads.map((u) => u.toolName).sort()).toEqual(['gatehouse/gitleaks', 'gatehouse/secretlint']);
    for (const upload of uploads) {
      expect(upload.ref).toBe('refs/pull/12/merge');
      expect(JSON.stringify(upload.sarif).includes(secret.value)).toBe(false);
    }
    harness.github.assertNoViolations();
  });

  it('a push whose range does not include commits 3 to 5 does not find it, and passes', async () => {
    const gitleaks = harness.stub('gitleaks', gitleaksHistoryArgv(`${repo.commits[9]}..${repo.head}`), { kind: 'report-file', flag: '--report-path', content: '[]', exitCode: 0 });
    const workspace = checkout(repo).dir;

    const run = await harness.run({ event: 'push', payload: pushEvent({ ref: 'refs/heads/feature', before: repo.commits[9], after: repo.head }), workspace });

    expect(run.stderr).toBe('');
    expect(harness.calls(gitleaks)).toHaveLength(1);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: 'pass', 'blocking-count': '0', 'scanned-commits': '30' });
    expect(run.outputs['scanned-range']).toBe(`push to feature: ${short(repo.commits[9]!)}..${short(repo.head)}, 30 commits`);
    const document = JSON.parse((await harness.artifactFiles()).get('findings.json')!) as FindingsDocument;
    expect(document.findings).toEqual([]);
    expect(document.engines.filter((e) => e.status === 'ran').map((e) => e.id).sort()).toEqual(['gitleaks', 'secretlint']);
  });

  it("a new branch's first push scans the commits no other branch has, and finds it", async () => {
    const gitleaks = harness.stub('gitleaks', gitleaksHistoryArgv(`${repo.base}..${repo.head}`), { kind: 'report-file', flag: '--report-path', content: '[]', exitCode: 0 });
    const workspace = checkout(repo).dir;

    const run = await harness.run({ event: 'push', payload: pushEvent({ ref: 'refs/heads/feature', before: '0'.repeat(40), after: repo.head }), workspace });

    expect(harness.calls(gitleaks)).toHaveLength(1);
    expect(run.outputs['scanned-range']).toBe(`new branch feature: 40 commits of ${short(repo.head)} not on main or other branches`);
    expect(run.outputs.verdict).toBe('block');
    const document = JSON.parse((await harness.artifactFiles()).get('findings.json')!) as FindingsDocument;
    expect(document.findings.map((f) => [f.ruleId, [...new Set(f.sources.map((s) => s.engine))]])).toEqual([['gatehouse-stripe-secret-key', ['secretlint']]]);
  });

  it('a scheduled run scans the whole history: gitleaks without --log-opts, and the summary counts every commit', async () => {
    const gitleaks = harness.stub('gitleaks', gitleaksHistoryArgv(undefined), { kind: 'report-file', flag: '--report-path', content: JSON.stringify(gitleaksLeak()), exitCode: 99 });
    const workspace = checkout(repo).dir;

    const run = await harness.run({ event: 'schedule', payload: { schedule: '17 3 * * *', repository: repositoryPayload({ owner: 'octo-org', name: 'octo-repo', ownerType: 'Organization' }) }, workspace });

    expect(harness.calls(gitleaks)).toHaveLength(1);
    expect(run.outputs['scanned-commits']).toBe('46');
    expect(run.outputs['scanned-range']).toBe('full history (schedule): 46 commits on every branch and tag');
    expect(run.outputs.verdict).toBe('block');
  });

  it('on a shallow checkout fetches the missing history by default, and says so', async () => {
    const gitleaks = harness.stub('gitleaks', gitleaksHistoryArgv(`${repo.base}..${repo.head}`), { kind: 'report-file', flag: '--report-path', content: '[]', exitCode: 0 });
    const workspace = checkout(repo, 'shallow').dir;

    const run = await harness.run({ event: 'pull_request', payload: prPayload(), workspace });

    expect(harness.calls(gitleaks)).toHaveLength(1);
    expect(run.outputs['scanned-commits']).toBe('40');
    expect(plain(run.summary)).toContain(`fetched commit ${short(repo.base)}`);
    expect(run.outputs.verdict).toBe('block');
  });

  it('with fetch-history false a shallow checkout is incomplete, never clean, and the step fails saying what to change', async () => {
    const gitleaks = harness.stub('gitleaks', null, { kind: 'report-file', flag: '--report-path', content: '[]', exitCode: 0 });
    const workspace = checkout(repo, 'shallow').dir;

    const run = await harness.run({ event: 'pull_request', payload: prPayload(), workspace, inputs: { 'fetch-history': 'false' } });

    expect(harness.calls(gitleaks)).toEqual([]);
    expect(run.exitCode).toBe(1);
    expect(run.outputs.verdict).toBe('incomplete');
    expect(run.outputs['scanned-commits']).toBe('0');
    const document = JSON.parse((await harness.artifactFiles()).get('findings.json')!) as FindingsDocument;
    expect(document.engines.filter((e) => e.status === 'incomplete').map((e) => e.id).sort()).toEqual(['gitleaks', 'secretlint']);
    expect(plain(run.summary)).toContain('fetch-depth: 0');
  });
});
