// The committed bundle with configuration that could weaken the scan: a gitleaks config named by
// the `gitleaks-config` input is read from the base commit of a pull request, never from the pull
// request; and on the default branch an out-of-date .secrets.baseline is offered, updated, as an
// artifact (never committed).
import { pullRequestEvent, pushEvent } from '@gatehouse/testing-harness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkout, pullRequestRepository } from './support/pull-request-repository';
import { anyPath, gitleaksHistoryArgv, SecretsScanHarness } from './support/secrets-scan-harness';

let harness: SecretsScanHarness;

beforeEach(async () => {
  harness = await SecretsScanHarness.start();
});

afterEach(async () => {
  await harness.close();
});

const teamConfig = (ruleId: string) => `[extend]\nuseDefault = true\n\n[[rules]]\nid = "${ruleId}"\ndescription = "team token"\nregex = '''team_[a-z]{32}'''\n`;
const baseline = (results: Record<string, unknown>) =>
  `${JSON.stringify({ version: '1.5.0', plugins_used: [{ name: 'KeywordDetector' }], filters_used: [], results, generated_at: '2024-01-01T00:00:00Z' }, null, 2)}\n`;

describe('secrets-scan configuration', () => {
  it('on a pull request gitleaks reads the gitleaks-config file of the base commit, not the pull request\u2019s', async () => {
    const repo = pullRequestRepository({
      secretLine: 'NOTHING=here\n',
      baseFiles: { 'security/gitleaks.toml': teamConfig('team-base-rule') },
      firstCommitFiles: { 'security/gitleaks.toml': teamConfig('team-pr-rule') },
    });
    const gitleaks = harness.stub('gitleaks', gitleaksHistoryArgv(`${repo.base}..${repo.head}`, anyPath), { kind: 'report-file', flag: '--report-path', content: '[]', exitCode: 0 }, [
      { flag: '--config', contains: ['team-base-rule'], lacks: ['team-pr-rule'] },
    ]);

    const run = await harness.run({
      event: 'pull_request',
      payload: pullRequestEvent({ number: 5, base: { sha: repo.base, ref: 'main' }, head: { sha: repo.head, ref: 'feature' } }),
      workspace: checkout(repo).dir,
      inputs: { 'gitleaks-config': 'security/gitleaks.toml' },
    });

    expect(run.stderr).toBe('');
    expect(harness.calls(gitleaks)).toHaveLength(1);
    expect(run.outputs.verdict).toBe('pass');
    expect(run.summary.replace(/\\(.)/g, '$1')).toContain('gitleaks uses security/gitleaks.toml (input gitleaks-config) from');
  });

  it('a gitleaks-config file missing from the base commit makes gitleaks incomplete, never clean', async () => {
    const repo = pullRequestRepository({ secretLine: 'NOTHING=here\n', firstCommitFiles: { 'security/gitleaks.toml': teamConfig('team-pr-rule') } });
    const gitleaks = harness.stub('gitleaks', null, { kind: 'report-file', flag: '--report-path', content: '[]', exitCode: 0 });

    const run = await harness.run({
      event: 'pull_request',
      payload: pullRequestEvent({ number: 5, base: { sha: repo.base, ref: 'main' }, head: { sha: repo.head, ref: 'feature' } }),
      workspace: checkout(repo).dir,
      inputs: { 'gitleaks-config': 'security/gitleaks.toml' },
    });

    expect(harness.calls(gitleaks)).toEqual([]);
    expect(run.exitCode).toBe(1);
    expect(run.outputs.verdict).toBe('incomplete');
    const document = JSON.parse((await harness.artifactFiles()).get('findings.json')!) as { engines: { id: string; status: string; reason?: string }[] };
    expect(document.engines.find((e) => e.id === 'gitleaks')).toMatchObject({ status: 'incomplete', reason: expect.stringContaining('security/gitleaks.toml (input gitleaks-config) is not in') });
  });

  it('on the default branch offers the updated .secrets.baseline as an artifact, keeping the audit decisions', async () => {
    const audited = { type: 'Secret Keyword', filename: 'README.md', hashed_secret: 'a'.repeat(40), is_verified: false, line_number: 1, is_secret: false };
    const repo = pullRequestRepository({ secretLine: 'NOTHING=here\n', baseFiles: { '.secrets.baseline': baseline({ 'README.md': [audited] }) } });
    const workspace = repo.origin.clone('--branch=main').dir;
    const fresh = { type: 'Secret Keyword', filename: 'config/payment.env', hashed_secret: 'b'.repeat(40), is_verified: false, line_number: 1 };
    harness.stub('gitleaks', null, { kind: 'report-file', flag: '--report-path', content: '[]', exitCode: 0 });
    const detectSecrets = harness.stub('detect-secrets', ['scan', '--baseline', anyPath, '--exclude-files', '(^|/)\\.secrets\\.baseline$'], {
      kind: 'report-file',
      flag: '--baseline',
      content: baseline({ 'README.md': [{ ...audited, is_secret: undefined }], 'config/payment.env': [fresh] }),
      exitCode: 0,
    });

    const run = await harness.run({ event: 'push', payload: pushEvent({ ref: 'refs/heads/main', before: repo.origin.git('rev-parse', `${repo.base}~1`).trim(), after: repo.base }), workspace, inputs: { 'fail-on': 'never' } });

    expect(run.stderr).toBe('');
    expect(harness.calls(detectSecrets)).toHaveLength(1);
    expect(run.outputs['updated-baseline-artifact']).toBe('gatehouse-secrets-baseline-secrets-scan-security');
    const files = await harness.artifactFiles('gatehouse-secrets-baseline-secrets-scan-security');
    const updated = JSON.parse(files.get('secrets.baseline')!) as { results: Record<string, { hashed_secret: string; is_secret?: boolean }[]> };
    expect(updated.results['README.md']).toEqual([expect.objectContaining({ hashed_secret: 'a'.repeat(40), is_secret: false })]);
    expect(updated.results['config/payment.env']).toEqual([expect.objectContaining({ hashed_secret: 'b'.repeat(40) })]);
    expect(run.summary).toContain('secrets.baseline is out of date');
    harness.github.assertNoViolations();
  });
});
