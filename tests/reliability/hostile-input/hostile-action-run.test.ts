import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect } from 'vitest';
import { actionLogger, parseWorkflowCommands } from '../../../packages/action-kit/src/index';
import { captureStdout } from '../../../packages/action-kit/src/test-support/capture-stdout';
import type { FindingsDocument } from '../../../packages/findings/src/index';
import { renderSlackPayload, createNotification, toNotificationFinding } from '../../../packages/notify/src/index';
import { renderComment } from '../../../packages/report/src/index';
import { HOSTILE_INPUT_CASES } from '../catalog/hostile-input';
import { caseById, caseTest } from '../support/case-test';
import { writeReportStub } from '../support/report-stub';
import { everyByteOf, runScanActionUnderTest, type ScanActionRun } from '../support/scan-action-run';
import { ANSI_PAYLOAD, COMMAND_PAYLOAD, HOSTILE_RULE_ID, hostileSemgrepReport, INJECTED_COMMAND_DATA, MARKDOWN_PAYLOAD } from './hostile-report';

const MARKER = `OUTSIDE-MARKER-${randomBytes(8).toString('hex')}`;
let hostile: ScanActionRun;
let document: FindingsDocument;
let outsideFile: string;
const htmlOf = () => readFileSync(join(hostile.result.outDir, 'report.html'), 'utf8');
const prototypeKeysBefore = Object.getOwnPropertyNames(Object.prototype).sort();

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'gatehouse-hostile-'));
  const workspace = join(root, 'workspace');
  const outside = join(root, 'outside');
  mkdirSync(join(workspace, 'app'), { recursive: true });
  mkdirSync(outside);
  outsideFile = join(outside, 'secret-outside.txt');
  writeFileSync(outsideFile, `${MARKER}\n${MARKER} second line\n`);
  symlinkSync(outsideFile, join(workspace, 'leak.py'));
  symlinkSync(outside, join(workspace, 'link-out'));
  for (const name of ['markdown', 'commands', 'ansi', 'prototype']) writeFileSync(join(workspace, 'app', `${name}.py`), `print("${name}")\n`);
  const stubs = join(root, 'stubs');
  const semgrep = writeReportStub(stubs, 'semgrep', hostileSemgrepReport(outsideFile), { exitCode: 1 });
  // An engine that fails with a hostile last stderr line: its reason goes to the log and the summary.
  const gitleaks = writeReportStub(stubs, 'gitleaks', '', { exitCode: 1, stderr: `fatal\n${MARKDOWN_PAYLOAD}\n` });
  const bandit = writeReportStub(stubs, 'bandit', '', { exitCode: 2, stderr: `fatal error\n${COMMAND_PAYLOAD}\n::add-mask::INJECTED-STDERR\n` });
  hostile = await runScanActionUnderTest({
    workspace,
    executables: { semgrep, bandit, gitleaks },
    plan: {
      invocations: [
        { engine: 'semgrep', label: 'hostile report', options: { workspace, targets: [], mode: 'full' } },
        { engine: 'bandit', label: 'hostile stderr', options: { workspace, targets: [], mode: 'full' } },
        { engine: 'gitleaks', label: 'hostile stderr', options: { workspace, targets: [], mode: 'full' } },
      ],
      notRun: [],
      notes: [],
    },
  });
  document = JSON.parse(readFileSync(hostile.result.findingsFile, 'utf8')) as FindingsDocument;
}, 60_000);

const findingOf = (rule: string) => document.findings.find((f) => f.ruleId === rule);

describe('hostile scanner output through a whole scanning action', () => {
  caseTest(caseById(HOSTILE_INPUT_CASES, 'hostile-input/markdown-html-mention-injection'), () => {
    const finding = findingOf('hostile.markdown');
    expect(finding, 'the hostile finding is reported, not dropped').toBeDefined();
    expect(findingOf(HOSTILE_RULE_ID), 'the finding with a hostile rule id is reported').toBeDefined();
    const comment = renderComment({ ...document }, { now: new Date(document.generatedAt) });
    for (const [where, text] of [
      ['job summary', hostile.run.summary],
      ['PR comment', comment],
    ] as const) {
      // The hostile rule id is shown (escaped) in both; the gitleaks reason (its last stderr line) in the summary.
      expect(text, where).toMatch(/onerror/);
      expect(text, where).not.toMatch(/\]\(https:\/\/evil\.example/);
      expect(text, where).not.toMatch(/(^|[^\\])<(img|script)/i);
      expect(text, where).not.toMatch(/@everyone|@acme\/security/);
      expect(text, where).not.toMatch(/(^|[^\\])\|cell/);
    }
    const html = htmlOf();
    expect(html).toContain('onerror=alert(1)');
    expect(html).not.toMatch(/<img src=x|<script>alert/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const slack = JSON.stringify(
      renderSlackPayload(
        createNotification({
          id: 'reliability-1',
          kind: 'override',
          title: MARKDOWN_PAYLOAD.slice(0, 150),
          summary: MARKDOWN_PAYLOAD,
          occurredAt: document.generatedAt,
          actor: { login: 'octocat' },
          target: { repository: 'acme/shop', ref: 'refs/heads/main', sha: 'c'.repeat(40) },
          findings: [toNotificationFinding(finding!)],
          severityCounts: { high: 1 },
        }),
      ),
    );
    expect(slack).not.toContain('<!channel>');
    expect(slack).not.toContain('<@U024BE7LH>');
    expect(slack).not.toContain('<https://evil.example|');
  });

  caseTest(caseById(HOSTILE_INPUT_CASES, 'hostile-input/workflow-command-injection'), async () => {
    expect(findingOf('hostile.commands')).toBeDefined();
    // Straight through action-kit's logger as well as in the whole action's log.
    const direct = await captureStdout(async () => {
      actionLogger.info(COMMAND_PAYLOAD);
      actionLogger.warning(COMMAND_PAYLOAD);
      await actionLogger.group(COMMAND_PAYLOAD, () => actionLogger.error(COMMAND_PAYLOAD));
    });
    for (const [where, log] of [
      ['action log', hostile.run.stdout],
      ['action-kit logger', direct],
    ] as const) {
      const commands = parseWorkflowCommands(log);
      const injected = commands.filter(
        (c) => INJECTED_COMMAND_DATA.some((d) => c.data === d || c.data.startsWith(d)) || ['add-mask', 'stop-commands', 'set-output'].includes(c.name) && c.data.includes('INJECTED'),
      );
      expect(injected, where).toEqual([]);
      expect(commands.some((c) => c.name === 'stop-commands'), where).toBe(false);
    }
    expect(hostile.run.outputs.verdict).not.toBe('pass');
  });

  caseTest(caseById(HOSTILE_INPUT_CASES, 'hostile-input/ansi-escapes'), () => {
    expect(findingOf('hostile.ansi')).toBeDefined();
    expect(hostile.run.stdout).not.toContain('\u001b');
    expect(hostile.run.summary).not.toContain('\u001b');
    expect(ANSI_PAYLOAD).toContain('\u001b');
  });

  caseTest(caseById(HOSTILE_INPUT_CASES, 'hostile-input/prototype-pollution'), () => {
    expect(findingOf('hostile.prototype')).toBeDefined();
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(probe.pollutedByConstructor).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeysBefore);
  });

  const neverRead = (subject: string, rule: string) =>
    caseTest(caseById(HOSTILE_INPUT_CASES, `hostile-input/${subject}`), () => {
      const finding = findingOf(rule);
      expect(finding, `${rule} is reported, not dropped`).toBeDefined();
      if (finding!.location.kind === 'code') {
        expect(finding!.location.path.startsWith('/')).toBe(false);
        expect(finding!.location.path.split('/')).not.toContain('..');
      }
      for (const [where, bytes] of everyByteOf(hostile)) expect(bytes.includes(MARKER), `${where} holds the outside file's content`).toBe(false);
    });
  neverRead('absolute-path-location', 'hostile.absolute-path');
  neverRead('traversal-location', 'hostile.traversal');
  caseTest(caseById(HOSTILE_INPUT_CASES, 'hostile-input/symlink-out-of-workspace'), () => {
    for (const rule of ['hostile.symlink-file', 'hostile.symlink-dir']) expect(findingOf(rule), `${rule} is reported`).toBeDefined();
    for (const [where, bytes] of everyByteOf(hostile)) expect(bytes.includes(MARKER), `${where} holds the symlink target's content`).toBe(false);
  });
});
