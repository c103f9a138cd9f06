import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect } from 'vitest';
import type { FindingsDocument } from '../../../packages/findings/src/index';
import { createNotification, deliverAll, DEFAULT_RETRY_POLICY, emailChannel, slackChannel, toNotificationFinding, webhookChannel } from '../../../packages/notify/src/index';
import { FakeClock, startLoopbackHttpServer, startLoopbackSmtpServer } from '../../../packages/notify/src/test-support/index';
import { exampleSecret, SECRET_RULES, secretlintRunnerPath, type ExampleSecret } from '../../../packages/scanners/src/index';
import { leakAuditCases } from '../catalog/leak-audit';
import { caseById, caseTest } from '../support/case-test';
import { leaksOf, readTree, valueParts } from '../support/leak-search';
import { writeReportStub } from '../support/report-stub';
import { everyByteOf, runScanActionUnderTest, type ScanActionRun } from '../support/scan-action-run';

const cases = leakAuditCases();
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const gatehouseBin = join(repoRoot, 'node_modules', '.bin', 'gatehouse');

interface Planted extends ExampleSecret {
  file: string;
}

/** One file per rule, under src/, each holding a fresh fake secret of that rule's format. */
function plantSecrets(workspace: string): Planted[] {
  mkdirSync(join(workspace, 'src'), { recursive: true });
  return SECRET_RULES.map((rule) => {
    const example = exampleSecret(rule.id);
    const file = `src/${rule.id.replace(/^gatehouse-/, '')}.env`;
    writeFileSync(join(workspace, file), `# configuration\n${example.text}`);
    return { ...example, file };
  });
}

let cliBytes: Map<string, string>;
let cliDocument: FindingsDocument;
let cliPlanted: Planted[];
let action: ScanActionRun;
let actionPlanted: Planted[];
let actionBytes: Map<string, string>;

beforeAll(async () => {
  // The CLI, as a user runs it.
  const cliRepo = mkdtempSync(join(tmpdir(), 'gatehouse-leak-cli-'));
  cliPlanted = plantSecrets(cliRepo);
  // The bin as npm links it (a shell wrapper), with node on PATH and nothing else installed.
  const cli = spawnSync(gatehouseBin, ['scan', cliRepo], {
    encoding: 'utf8',
    env: { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, HOME: cliRepo, GATEHOUSE_SALT: 'reliability-salt' },
    timeout: 120_000,
  });
  cliBytes = new Map([
    ['stdout', cli.stdout ?? ''],
    ['stderr', cli.stderr ?? ''],
  ]);
  readTree(join(cliRepo, '.gatehouse'), cliBytes);
  const findingsFile = join(cliRepo, '.gatehouse', 'findings.json');
  cliDocument = existsSync(findingsFile) ? (JSON.parse(readFileSync(findingsFile, 'utf8')) as FindingsDocument) : ({ findings: [], engines: [] } as unknown as FindingsDocument);

  // A scanning action: the real secretlint runner, a stub gitleaks whose native report holds the
  // plaintext (as gitleaks' does), and an engine whose error line quotes a value.
  const workspace = mkdtempSync(join(tmpdir(), 'gatehouse-leak-action-'));
  actionPlanted = plantSecrets(workspace);
  const stubs = mkdtempSync(join(tmpdir(), 'gatehouse-leak-stubs-'));
  const gitleaksReport = actionPlanted.map((p) => {
    const line = p.text.split('\n')[0]!;
    return {
      Description: p.ruleId,
      StartLine: 2,
      EndLine: 2,
      StartColumn: 1,
      EndColumn: line.length,
      Line: line,
      Match: line,
      Secret: p.value.split('\n')[0],
      File: p.file,
      SymlinkFile: '',
      Commit: '',
      Entropy: 4.5,
      Author: '',
      Email: '',
      Date: '',
      Message: '',
      Tags: [],
      RuleID: p.ruleId,
      Fingerprint: `${p.file}:${p.ruleId}:2`,
    };
  });
  const gitleaks = writeReportStub(stubs, 'gitleaks', JSON.stringify(gitleaksReport), { exitCode: 99 });
  const quoted = actionPlanted.find((p) => p.ruleId === 'gatehouse-stripe-secret-key')!;
  const bandit = writeReportStub(stubs, 'bandit', '', { exitCode: 2, stderr: `error: could not parse src/x.py near "${quoted.value}"\n` });
  action = await runScanActionUnderTest({
    workspace,
    action: 'secrets-scan',
    executables: { secretlint: secretlintRunnerPath(), gitleaks, bandit },
    plan: {
      invocations: [
        { engine: 'secretlint', label: 'working tree', options: { workspace, targets: ['.'], mode: 'full' } },
        { engine: 'gitleaks', label: 'working tree', options: { workspace, targets: [], mode: 'full' } },
        { engine: 'bandit', label: 'an engine quoting a secret in its error', options: { workspace, targets: [], mode: 'full' } },
      ],
      notRun: [],
      notes: [],
    },
  });
  actionBytes = everyByteOf(action);
}, 180_000);

describe('no planted secret leaks from any byte Gatehouse writes or sends', () => {
  for (const rule of SECRET_RULES) {
    caseTest(caseById(cases, `leak-audit/${rule.id}/cli`), () => {
      const planted = cliPlanted.find((p) => p.ruleId === rule.id)!;
      expect(cliDocument.findings.some((f) => f.category === 'secret' && f.location.kind === 'code' && f.location.path === planted.file), `${rule.id} is found by the CLI`).toBe(true);
      for (const part of [planted.value, ...valueParts(planted)]) expect(leaksOf(part, cliBytes), `${rule.id} value`).toEqual([]);
    });
    caseTest(caseById(cases, `leak-audit/${rule.id}/action`), () => {
      const planted = actionPlanted.find((p) => p.ruleId === rule.id)!;
      expect(action.result.document.findings.some((f) => f.category === 'secret' && f.location.kind === 'code' && f.location.path === planted.file), `${rule.id} is found by the action`).toBe(true);
      for (const part of [planted.value, ...valueParts(planted)]) expect(leaksOf(part, actionBytes), `${rule.id} value`).toEqual([]);
    });
  }

  caseTest(caseById(cases, 'leak-audit/engine-error-quotes-secret'), () => {
    const bandit = action.result.document.engines.find((e) => e.id === 'bandit');
    expect(bandit?.status).toBe('incomplete');
    const quoted = actionPlanted.find((p) => p.ruleId === 'gatehouse-stripe-secret-key')!;
    expect(leaksOf(quoted.value, actionBytes)).toEqual([]);
  });

  caseTest(caseById(cases, 'leak-audit/incident-notification'), async () => {
    const secrets = action.result.document.findings.filter((f) => f.category === 'secret');
    expect(secrets.length).toBeGreaterThanOrEqual(SECRET_RULES.length);
    const slack = await startLoopbackHttpServer([{ respond: 200, body: 'ok' }]);
    const hook = await startLoopbackHttpServer([{ respond: 204 }]);
    const smtp = await startLoopbackSmtpServer({});
    try {
      const report = await deliverAll(
        createNotification({
          id: 'incident-reliability-1',
          kind: 'incident',
          title: 'Secrets found in octo-org/octo-repo',
          summary: 'Rotate every secret listed, then remove it from the code and history.',
          occurredAt: action.result.document.generatedAt,
          actor: { login: 'octocat' },
          target: { repository: 'octo-org/octo-repo', ref: 'refs/heads/main', sha: 'c'.repeat(40) },
          findings: secrets.slice(0, 20).map(toNotificationFinding),
          severityCounts: { critical: secrets.length },
        }),
        [
          slackChannel({ webhookUrl: slack.url, allowInsecureLoopback: true }),
          webhookChannel({ url: hook.url, secret: 'a-shared-secret-of-enough-length', allowInsecureLoopback: true }),
          emailChannel({ host: '127.0.0.1', port: smtp.port, insecure: true, allowInsecureLoopback: true, from: 'gatehouse@example.com', to: ['security@example.com'] }),
        ],
        { required: ['slack', 'webhook', 'email'], retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: 2, attemptTimeoutMs: 10_000 }, clock: new FakeClock(), random: () => 0 },
      );
      expect(report.allRequiredDelivered).toBe(true);
      const received = new Map<string, string>();
      slack.requests.forEach((r, i) => received.set(`slack request ${i}`, `${JSON.stringify(r.headers)}\n${r.body.toString('latin1')}`));
      hook.requests.forEach((r, i) => received.set(`webhook request ${i}`, `${JSON.stringify(r.headers)}\n${r.body.toString('latin1')}`));
      smtp.received.forEach((m, i) => received.set(`e-mail ${i}`, m.raw.toString('latin1')));
      expect(received.size).toBe(3);
      for (const planted of actionPlanted) {
        for (const part of [planted.value, ...valueParts(planted)]) expect(leaksOf(part, received), `${planted.ruleId} value`).toEqual([]);
      }
    } finally {
      await Promise.all([slack.close(), hook.close(), smtp.close()]);
    }
  });
});
