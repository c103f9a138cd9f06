// override-notify's committed bundle, run the way the runner runs it (Node 24), against the
// OpenAPI-checked fake GitHub, the fake artifact service, Slack and webhook fakes over HTTPS on
// loopback and a real SMTP server. Every GitHub request must pass validation (close() asserts it).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipInMemory } from '@gatehouse/github';
import { verifyWebhookSignature } from '@gatehouse/notify';
import { makeFakeSecrets } from '@gatehouse/notify/test-support';
import {
  FakeArtifactService,
  FakeGitHub,
  pullRequestEvent,
  runBundledAction,
  workflowDispatchEvent,
  type BundledActionRun,
} from '@gatehouse/testing-harness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startChannelFakes, type ChannelFakes } from './support/channel-fakes';
import { blockingDecision, passingDecision } from './support/decision-documents';

const bundle = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const manifest = fileURLToPath(new URL('../action.yml', import.meta.url));
const DECISION_ARTIFACT = 'gatehouse-decision-policy-gate-gate';
const AUDIT_ARTIFACT = 'gatehouse-override-9876543210-1-deploy';
const REASON = 'Hotfix for the checkout outage INC-7 <!channel> @here **now** [x](javascript:alert(1))\n::error::injected\n::add-mask::nothing';
const HOSTILE_TITLE = '<img src=x onerror=alert(1)> @org/team ::warning::pwned';

let github: FakeGitHub;
let artifacts: FakeArtifactService;
let fakes: ChannelFakes | undefined;
let workspace: string;
let leaked: string;

beforeEach(async () => {
  github = await FakeGitHub.start();
  artifacts = await FakeArtifactService.start();
  workspace = mkdtempSync(join(tmpdir(), 'gatehouse-override-workspace-'));
  leaked = makeFakeSecrets()[0]!;
});

afterEach(async () => {
  await fakes?.close();
  fakes = undefined;
  await github.close();
  await artifacts.close();
});

function policy(options: { slackRequired?: boolean; emailRequired?: boolean } = {}): string {
  return [
    'version: 1',
    'notifications:',
    '  channels:',
    '    - { name: ops-alerts, kind: slack, channel: "#ops-alerts", required: ' + String(options.slackRequired ?? true) + ' }',
    '    - { name: security-mail, kind: email, to: [security@example.com], from: gatehouse@example.com, required: ' + String(options.emailRequired ?? true) + ' }',
    '    - { name: audit-webhook, kind: webhook }',
    '    - { name: audit-issue, kind: github-issue }',
    'override:',
    '  users: [octocat]',
    '  environments: [production]',
    '  maxDuration: 24h',
    '  notify: [ops-alerts, security-mail, audit-webhook, audit-issue]',
    '',
  ].join('\n');
}

function writePolicy(text: string): void {
  mkdirSync(join(workspace, '.github'), { recursive: true });
  writeFileSync(join(workspace, '.github', 'gatehouse.yml'), text);
}

async function deploy(options: { inputs?: Record<string, string>; event?: 'workflow_dispatch' | 'pull_request'; payload?: Record<string, unknown>; token?: string; env?: Record<string, string> } = {}): Promise<BundledActionRun> {
  return runBundledAction({
    bundle,
    actionManifest: manifest,
    workspace,
    github,
    artifacts,
    event: options.event ?? 'workflow_dispatch',
    payload: options.payload ?? workflowDispatchEvent({ inputs: { security_override: REASON } }),
    ...(options.token ? { token: options.token } : {}),
    // https, so the notifications link the run (the fake's web address is plain http).
    env: { GITHUB_JOB: 'deploy', GITHUB_SERVER_URL: 'https://github.com', ...fakes?.env, ...options.env },
    inputs: { decision: DECISION_ARTIFACT, environment: 'production', ...fakes?.inputs, ...options.inputs },
    timeoutMs: 60_000,
  });
}

const override = { reason: REASON, ticket: 'SEC-42' };

async function auditRecord(): Promise<{ files: ReadonlyMap<string, Buffer>; record: Record<string, unknown> & { outcome: string; delivery?: { deliveries: { channel: string; outcome: string; attempts: number }[] } } }> {
  const artifact = artifacts.artifacts.find((a) => a.name === AUDIT_ARTIFACT);
  expect(artifact, `artifacts: ${artifacts.artifacts.map((a) => a.name).join(', ')}`).toBeDefined();
  const files = await unzipInMemory(artifact!.content);
  return { files, record: JSON.parse(files.get('override-audit.json')!.toString('utf8')) };
}

/** Everything the action wrote or sent: no secret (channel secrets, the leaked value) may be in any of it. */
async function everythingSent(run: BundledActionRun): Promise<string> {
  // ::add-mask:: lines are how a value is masked: the runner consumes them and never shows them.
  const log = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');
  const parts = [log, run.stderr, run.summary, JSON.stringify(run.outputs)];
  for (const server of [fakes?.slack, fakes?.webhook]) for (const r of server?.requests ?? []) parts.push(r.body.toString('utf8'), JSON.stringify(r.headers)); // (the path is the destination itself)
  for (const mail of fakes?.smtp?.received ?? []) parts.push(mail.raw.toString('utf8'));
  for (const r of github.requests) parts.push(JSON.stringify(r.body ?? ''), r.path);
  for (const a of artifacts.artifacts.filter((x) => x.name !== DECISION_ARTIFACT)) for (const [, content] of await unzipInMemory(a.content)) parts.push(content.toString('utf8'));
  return parts.join('\n');
}

async function expectNoSecretAnywhere(run: BundledActionRun): Promise<void> {
  const all = await everythingSent(run);
  for (const secret of [leaked, ...(fakes?.secrets ?? [])]) expect(all.includes(secret), `a secret (${secret.slice(0, 4)}…) leaked: ${JSON.stringify(all.slice(Math.max(0, all.indexOf(secret) - 300), all.indexOf(secret) + 100))}`).toBe(false);
}

function errors(run: BundledActionRun): string {
  return run.commands.filter((c) => c.name === 'error').map((c) => c.data).join('\n');
}

describe('override-notify (bundled, under Node 24)', () => {
  it('keeps a blocked deploy blocked when no override is requested', async () => {
    writePolicy(policy());
    artifacts.seedArtifact(DECISION_ARTIFACT, { 'findings.json': blockingDecision(leaked, HOSTILE_TITLE) });
    fakes = await startChannelFakes();

    const run = await deploy();

    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ proceed: 'false', overridden: 'false', outcome: 'blocked', verdict: 'block', 'expires-at': '', 'issue-url': '' });
    expect(errors(run)).toContain('override-notify: blocked');
    expect(run.summary).toContain('The deploy stays blocked: the decision blocks and no override was requested.');
    expect(fakes.slack.requests).toEqual([]);
    expect(fakes.smtp!.received).toEqual([]);
    expect(github.state.issues).toEqual([]);
    const { files, record } = await auditRecord();
    expect([...files.keys()]).toEqual(['override-audit.json']);
    expect(record).toMatchObject({ outcome: 'blocked', proceed: false, decision: { verdict: 'block', counts: { blocking: 3 } } });
    await expectNoSecretAnywhere(run);
  });

  it('lets a deploy with nothing blocking proceed without sending anything', async () => {
    writePolicy(policy());
    artifacts.seedArtifact(DECISION_ARTIFACT, { 'findings.json': passingDecision() });
    fakes = await startChannelFakes();

    const run = await deploy({ inputs: override });

    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ proceed: 'true', overridden: 'false', outcome: 'not-needed', verdict: 'pass' });
    expect(fakes.slack.requests).toEqual([]);
  });

  it('proceeds under an override once every channel confirmed, and tells each of them who, what, which findings and until when', async () => {
    writePolicy(policy());
    artifacts.seedArtifact(DECISION_ARTIFACT, { 'findings.json': blockingDecision(leaked, HOSTILE_TITLE) });
    fakes = await startChannelFakes();

    const run = await deploy({ inputs: { ...override, duration: '4h' } });

    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ proceed: 'true', overridden: 'true', outcome: 'proceed', verdict: 'block' });
    expect(Date.parse(run.outputs['expires-at']!) - Date.now()).toBeGreaterThan(3.9 * 3_600_000);
    expect(Date.parse(run.outputs['expires-at']!) - Date.now()).toBeLessThanOrEqual(4 * 3_600_000);

    // Slack: one post, Block Kit, the reason escaped (no mention, no link syntax), the run linked.
    expect(fakes.slack.requests).toHaveLength(1);
    const slack = fakes.slack.requests[0]!.body.toString('utf8');
    expect(slack).toContain('&lt;!channel&gt;');
    expect(slack).not.toContain('<!channel>');
    expect(slack).not.toMatch(/(^|[^\u2060])@here/);
    expect(slack).toContain('octocat');
    expect(slack).toContain('production');
    expect(slack).toContain('AWS access key');
    expect(slack).toContain('https://github.com/octo-org/octo-repo/actions/runs/9876543210/attempts/1');
    // E-mail: over STARTTLS with AUTH, to the policy's address.
    expect(fakes.smtp!.received).toHaveLength(1);
    expect(fakes.smtp!.received[0]).toMatchObject({ secure: true, user: 'gatehouse', rcptTo: ['security@example.com'], mailFrom: 'gatehouse@example.com' });
    // Webhook: signed with the shared secret.
    expect(fakes.webhook.requests).toHaveLength(1);
    const hook = fakes.webhook.requests[0]!;
    expect(verifyWebhookSignature(hook.body, hook.headers as Record<string, string>, fakes.inputs['webhook-secret']!)).toMatchObject({ valid: true });
    expect(JSON.parse(hook.body.toString('utf8'))).toMatchObject({ notification: { kind: 'override', actor: { login: 'octocat' }, target: { environment: 'production' }, ticket: { id: 'SEC-42' } } });
    // The audit issue, labelled security-override.
    expect(github.state.issues).toHaveLength(1);
    const issue = github.state.issues[0]!;
    expect(issue.labels.map((l) => l.name)).toContain('security-override');
    expect(issue.body).toContain('&lt;\\!channel&gt;');
    expect(issue.body).not.toContain('<img');
    expect(run.outputs['issue-url']).toMatch(new RegExp(`/octo-org/octo-repo/issues/${issue.number}$`));
    // The audit record.
    const { files, record } = await auditRecord();
    expect([...files.keys()].sort()).toEqual(['override-audit.json', 'override-notification.txt']);
    expect(record).toMatchObject({ outcome: 'proceed', proceed: true, request: { actor: 'octocat', environment: 'production', ticket: { id: 'SEC-42' } }, mustConfirm: ['ops-alerts', 'security-mail'] });
    expect(record.delivery!.deliveries.map((d) => [d.channel, d.outcome])).toEqual([
      ['ops-alerts', 'delivered'],
      ['security-mail', 'delivered'],
      ['audit-webhook', 'delivered'],
      ['audit-issue', 'delivered'],
    ]);
    // The summary: outcome first, everything escaped.
    expect(run.summary).toContain('The deploy may proceed under a security override');
    expect(run.summary).not.toContain('<img');
    expect(run.summary).not.toContain('<!channel>');
    expect(run.summary).not.toMatch(/^::/m);
    // The log: the reason and the titles issue no workflow command.
    expect(run.commands.filter((c) => /injected|pwned/.test(c.data) || c.name === 'add-mask' && c.data === 'nothing')).toEqual([]);
    await expectNoSecretAnywhere(run);
  });

  it('refuses an override on a pull request, and from a fork, sending nothing', async () => {
    const base = 'b'.repeat(40);
    for (const fork of [false, true]) {
      const payload = pullRequestEvent({ number: 7, base: { sha: base }, head: fork ? { fork: { owner: 'outsider' } } : {} });
      github.state.setFile(base, '.github/gatehouse.yml', policy());
      artifacts.seedArtifact(DECISION_ARTIFACT, { 'findings.json': blockingDecision(leaked, HOSTILE_TITLE) });
      fakes = await startChannelFakes();

      const run = await deploy({ event: 'pull_request', payload, inputs: override, ...(fork ? { token: github.readOnlyToken } : {}) });

      expect(run.exitCode).toBe(1);
      expect(run.outputs).toMatchObject({ proceed: 'false', overridden: 'false', outcome: 'refused' });
      expect(errors(run)).toContain('overrides are not allowed on pull requests');
      if (fork) expect(errors(run)).toContain('overrides are not allowed from forks');
      expect(run.summary).toContain('The deploy stays blocked: the override was refused.');
      expect(fakes.slack.requests).toEqual([]);
      expect(fakes.webhook.requests).toEqual([]);
      expect(fakes.smtp!.received).toEqual([]);
      expect(github.state.issues).toEqual([]);
      await expectNoSecretAnywhere(run);
      await fakes.close();
      fakes = undefined;
      artifacts.artifacts.length = 0;
    }
  });

  it('refuses an override outside the policy: wrong environment, too long, no reason, a reason over the cap, nobody allowed', async () => {
    writePolicy(policy());
    artifacts.seedArtifact(DECISION_ARTIFACT, { 'findings.json': blockingDecision(leaked, HOSTILE_TITLE) });
    fakes = await startChannelFakes();
    const cases: [Record<string, string>, string][] = [
      [{ ...override, environment: 'staging' }, 'overrides are not allowed in environment staging'],
      [{ ...override, duration: '2d' }, "the override would last longer than the policy's maximum of 24h"],
      [{ ticket: 'SEC-42' }, 'an override needs a reason'],
      [{ ...override, reason: 'x'.repeat(1_001) }, 'the override reason is longer than 1000 characters'],
      [{ reason: 'hotfix' }, 'the policy requires a ticket reference for an override'],
    ];
    for (const [inputs, refusal] of cases) {
      const run = await deploy({ inputs });
      expect(run.exitCode, refusal).toBe(1);
      expect(run.outputs.outcome, refusal).toBe('refused');
      expect(errors(run), refusal).toContain(refusal);
    }
    // A re-run by someone else is their override: both people must be allowed.
    const rerun = await deploy({ inputs: override, env: { GITHUB_TRIGGERING_ACTOR: 'mallory' } });
    expect(errors(rerun)).toContain('mallory is not among the users or teams the policy allows to override');
    writePolicy(policy().replace('users: [octocat]', 'users: [release-manager]'));
    const run = await deploy({ inputs: override });
    expect(errors(run)).toContain('octocat is not among the users or teams the policy allows to override');
    expect(fakes.slack.requests).toEqual([]);
    expect(github.state.issues).toEqual([]);
  });

  it('with Slack down (500, then a timeout) and e-mail up, proceeds only when Slack is not required', async () => {
    for (const slackRequired of [false, true]) {
      writePolicy(policy({ slackRequired, emailRequired: true }));
      artifacts.seedArtifact(DECISION_ARTIFACT, { 'findings.json': blockingDecision(leaked, HOSTILE_TITLE) });
      fakes = await startChannelFakes({ slack: [{ respond: 500, body: 'internal_error' }, { hang: true }] });

      const run = await deploy({ inputs: override });

      expect(fakes.slack.requests).toHaveLength(2);
      expect(fakes.smtp!.received).toHaveLength(1);
      const { record } = await auditRecord();
      const slack = record.delivery!.deliveries.find((d) => d.channel === 'ops-alerts')!;
      expect(slack).toMatchObject({ outcome: 'failed', attempts: 2 });
      if (slackRequired) {
        expect(run.exitCode).toBe(1);
        expect(run.outputs).toMatchObject({ proceed: 'false', overridden: 'false', outcome: 'undelivered' });
        expect(errors(run)).toContain('not confirmed by ops-alerts');
        expect(run.summary).toContain('Not every required channel confirmed delivery');
      } else {
        expect(run.exitCode).toBe(0);
        expect(run.outputs).toMatchObject({ proceed: 'true', overridden: 'true', outcome: 'proceed' });
      }
      expect(run.summary).toContain('timed out after 2\\.0 s');
      await expectNoSecretAnywhere(run);
      await fakes.close();
      fakes = undefined;
      artifacts.artifacts.length = 0;
      github.state.issues.length = 0;
    }
  });

  it('keeps the deploy blocked when every required channel is down, and says so', async () => {
    writePolicy(policy());
    artifacts.seedArtifact(DECISION_ARTIFACT, { 'findings.json': blockingDecision(leaked, HOSTILE_TITLE) });
    fakes = await startChannelFakes({ slack: [{ respond: 503 }], smtp: 'down' });

    const run = await deploy({ inputs: override });

    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ proceed: 'false', overridden: 'false', outcome: 'undelivered', 'expires-at': '' });
    expect(errors(run)).toMatch(/not confirmed by ops-alerts, security-mail/);
    const { record } = await auditRecord();
    expect(record.delivery!.deliveries.filter((d) => d.outcome === 'failed').map((d) => d.channel).sort()).toEqual(['ops-alerts', 'security-mail']);
    // The optional channels still heard of the attempt.
    expect(fakes.webhook.requests).toHaveLength(1);
    expect(github.state.issues).toHaveLength(1);
    await expectNoSecretAnywhere(run);
  });

  it('keeps the deploy blocked when a required channel has no secret configured', async () => {
    writePolicy(policy());
    artifacts.seedArtifact(DECISION_ARTIFACT, { 'findings.json': blockingDecision(leaked, HOSTILE_TITLE) });
    fakes = await startChannelFakes();

    const run = await deploy({ inputs: { ...override, 'slack-webhook-url': '' } });

    expect(run.exitCode).toBe(1);
    expect(run.outputs.outcome).toBe('undelivered');
    expect(run.summary).toContain('GATEHOUSE\\_NOTIFY\\_OPS\\_ALERTS');
  });

  it('keeps the deploy blocked when the decision cannot be read', async () => {
    writePolicy(policy());
    fakes = await startChannelFakes();

    const run = await deploy({ inputs: { ...override, decision: 'gatehouse-decision-policy-gate-missing' } });

    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ proceed: 'false', outcome: 'refused', verdict: 'incomplete' });
    expect(errors(run)).toContain('the decision that blocks could not be read');
    expect(fakes.slack.requests).toEqual([]);
  });
});
