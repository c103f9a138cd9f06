// Issue 6: the incident report on the secrets a push brings, sent by the committed bundle (Node 24)
// to Slack and a signed webhook (loopback fakes) and by e-mail to the security address (a real SMTP
// server on loopback). Every payload names file, line, rule, commit and what to rotate, and none of
// them holds a planted secret value. A channel that fails is said in the summary and changes no
// verdict; a pull request with the default incident-on sends nothing.
import { simpleParser } from 'mailparser';
import { verifyWebhookSignature } from '@gatehouse/notify';
import { startLoopbackHttpServer, startLoopbackSmtpServer, type LoopbackHttpServer, type LoopbackSmtpServer } from '@gatehouse/notify/test-support';
import { exampleSecret, SECRET_RULES, type ExampleSecret } from '@gatehouse/scanners';
import { pullRequestEvent, pushEvent, type BundledActionRun } from '@gatehouse/testing-harness';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkout, pullRequestRepository, type PullRequestRepository } from './support/pull-request-repository';
import { gitleaksHistoryArgv, SecretsScanHarness } from './support/secrets-scan-harness';

const WEBHOOK_SECRET = 'incident-hook-' + 'k'.repeat(24);
const SMTP_PASSWORD = 'smtp-pass-' + 'p'.repeat(14);
const SLACK_PATH = '/services/T1/B1/slackhookpath';

let secrets: ExampleSecret[];
let repo: PullRequestRepository;
let harness: SecretsScanHarness;
let slack: LoopbackHttpServer | undefined;
let webhook: LoopbackHttpServer | undefined;
let smtp: LoopbackSmtpServer | undefined;

beforeAll(() => {
  secrets = SECRET_RULES.map((rule) => exampleSecret(rule.id, 'live'));
  repo = pullRequestRepository({ secretLine: secrets.map((s) => s.text).join('') });
});

beforeEach(async () => {
  harness = await SecretsScanHarness.start();
});

afterEach(async () => {
  await Promise.all([slack?.close(), webhook?.close(), smtp?.close()]);
  slack = webhook = smtp = undefined;
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

async function startChannels(slackStatus: number): Promise<Record<string, string>> {
  slack = await startLoopbackHttpServer([{ respond: slackStatus, body: slackStatus === 200 ? 'ok' : 'server error' }]);
  webhook = await startLoopbackHttpServer([{ respond: 204 }]);
  smtp = await startLoopbackSmtpServer();
  return {
    'slack-webhook-url': `${slack.url}${SLACK_PATH}`,
    'webhook-url': `${webhook.url}/incident`,
    'webhook-secret': WEBHOOK_SECRET,
    'smtp-url': `smtp://gatehouse:${SMTP_PASSWORD}@127.0.0.1:${smtp.port}?tls=none`,
    'email-from': 'gatehouse@example.com',
    'email-to': 'security@example.com',
  };
}

/** A push to feature that brings commits 2 to 40, so commit 3's secrets are in its range. */
async function pushWithSecrets(inputs: Record<string, string>): Promise<BundledActionRun> {
  harness.stub('gitleaks', gitleaksHistoryArgv(`${repo.commits[0]}..${repo.head}`), { kind: 'report-file', flag: '--report-path', content: gitleaksReport(), exitCode: 99 });
  const run = await harness.run({
    event: 'push',
    payload: pushEvent({ ref: 'refs/heads/feature', before: repo.commits[0], after: repo.head }),
    workspace: checkout(repo).dir,
    // https, so the notification links the run (the fake's web address is plain http).
    env: { GITHUB_SERVER_URL: 'https://github.com' },
    inputs,
  });
  expect(run.stderr).toBe('');
  return run;
}

function logWithoutMaskCommands(run: BundledActionRun): string {
  return run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');
}

describe('secrets-scan incident notification', () => {
  it('e-mails the security address and posts to Slack and the webhook where each secret is and what to rotate, with no secret value in any payload', async () => {
    const inputs = await startChannels(200);
    const run = await pushWithSecrets(inputs);

    expect(run.outputs.verdict).toBe('block');
    const commit = repo.commits[2]!;
    // E-mail to the security address, one per run.
    expect(smtp!.received).toHaveLength(1);
    const mail = smtp!.received[0]!;
    expect(mail).toMatchObject({ rcptTo: ['security@example.com'], mailFrom: 'gatehouse@example.com' });
    const parsed = await simpleParser(mail.raw);
    const text = parsed.text ?? '';
    expect(parsed.subject).toMatch(/secret/i);
    expect(text).toContain(`config/payment.env:2 (commit ${commit} by Dana Developer`);
    const findings = JSON.parse((await harness.artifactFiles()).get('findings.json')!).findings as { ruleId: string }[];
    expect(findings).toHaveLength(secrets.length);
    for (const finding of findings) expect(text, finding.ruleId).toContain(`${finding.ruleId}: `);
    expect(text).toMatch(/fix: Rotate .+, then remove it from the code and history/);
    expect(text).toContain('How to rotate');
    expect(text).toContain('For every secret:');
    expect(text).toMatch(/https:\/\/github\.com\/octo-org\/octo-repo\/actions\/runs\/\d+\/attempts\/1/);
    // Slack, once.
    expect(slack!.requests).toHaveLength(1);
    const slackBody = slack!.requests[0]!.body.toString('utf8');
    expect(slackBody).toContain('config/payment.env:2');
    expect(slackBody).toContain(commit);
    expect(slackBody).toContain('Rotate');
    // The webhook, signed, kind incident, with every finding located at its commit.
    expect(webhook!.requests).toHaveLength(1);
    const hook = webhook!.requests[0]!;
    expect(verifyWebhookSignature(hook.body, hook.headers as Record<string, string>, WEBHOOK_SECRET)).toMatchObject({ valid: true });
    const payload = JSON.parse(hook.body.toString('utf8')) as { notification: { kind: string; findings: { ruleId: string; location: string; fix?: string; secretPreview?: string }[] } };
    expect(payload.notification.kind).toBe('incident');
    expect(payload.notification.findings.length).toBeGreaterThanOrEqual(secrets.length);
    for (const finding of payload.notification.findings) {
      expect(finding.location).toMatch(new RegExp(`^config/payment\\.env:\\d+ \\(commit ${commit} by Dana Developer`));
      expect(finding.fix).toMatch(/^Rotate /);
      expect((finding.secretPreview ?? '').length).toBeLessThanOrEqual(5);
    }
    // The summary reports each delivery.
    expect(run.summary).toContain('### Secret incident');
    expect(run.summary).toContain('Notifications: 3 of 3 channel\\(s\\) confirmed delivery\\.');

    // No planted secret, and no channel secret, anywhere: log, summary, outputs, every payload received.
    const places: [string, string][] = [
      ['log', logWithoutMaskCommands(run)],
      ['summary', run.summary],
      ['outputs', JSON.stringify(run.outputs)],
      ['e-mail (raw)', mail.raw.toString('utf8')],
      ['e-mail (text)', text],
      ['e-mail (html)', String(parsed.html)],
      ['Slack', slackBody],
      ['webhook', hook.body.toString('utf8') + JSON.stringify(hook.headers)],
      ['requests to GitHub', JSON.stringify(harness.github.requests)],
    ];
    for (const [place, content] of places) {
      for (const needle of needles()) expect(content.includes(needle), `a planted secret in ${place}`).toBe(false);
    }
    for (const [place, content] of places.slice(0, 3)) {
      for (const channelSecret of [WEBHOOK_SECRET, SMTP_PASSWORD, 'slackhookpath']) expect(content.includes(channelSecret), `a channel secret in ${place}`).toBe(false);
    }
    // Each channel secret is masked in the job log before anything could print it.
    const masked = new Set(run.commands.filter((c) => c.name === 'add-mask').map((c) => c.data));
    for (const value of [inputs['slack-webhook-url'], inputs['webhook-url'], WEBHOOK_SECRET, inputs['smtp-url'], SMTP_PASSWORD]) expect(masked.has(value!)).toBe(true);
    harness.github.assertNoViolations();
  });

  it('Slack answering 500 leaves the verdict as it is and the summary names the channel that failed', async () => {
    const inputs = await startChannels(500);
    const run = await pushWithSecrets(inputs);

    expect(run.exitCode).toBe(1);
    expect(run.outputs.verdict).toBe('block');
    expect(Number(run.outputs['blocking-count'])).toBeGreaterThan(0);
    expect(slack!.requests.length).toBeGreaterThan(1);
    expect(webhook!.requests).toHaveLength(1);
    expect(smtp!.received).toHaveLength(1);
    expect(run.summary).toContain('Notifications: 2 of 3 channel\\(s\\) confirmed delivery; not delivered: slack\\.');
    expect(run.summary).toMatch(/\| slack \(slack\) \| no \| failed \| \d \|/);
    expect(logWithoutMaskCommands(run)).toContain('did not reach the slack channel');
    for (const request of slack!.requests) {
      for (const needle of needles()) expect(request.body.toString('utf8').includes(needle)).toBe(false);
    }
  });

  it('a pull request with the default incident-on sends nothing, though it finds the secrets', async () => {
    const inputs = await startChannels(200);
    harness.stub('gitleaks', gitleaksHistoryArgv(`${repo.base}..${repo.head}`), { kind: 'report-file', flag: '--report-path', content: gitleaksReport(), exitCode: 99 });
    const run = await harness.run({
      event: 'pull_request',
      payload: pullRequestEvent({ number: 12, base: { sha: repo.base, ref: 'main' }, head: { sha: repo.head, ref: 'feature' } }),
      workspace: checkout(repo).dir,
      inputs,
    });

    expect(run.stderr).toBe('');
    expect(run.outputs.verdict).toBe('block');
    expect(slack!.requests).toEqual([]);
    expect(webhook!.requests).toEqual([]);
    expect(smtp!.received).toEqual([]);
    expect(run.summary).not.toContain('### Secret incident');
    expect(run.stdout).toContain('No secret incident notification: incident-on does not include pull_request.');
  });
});
