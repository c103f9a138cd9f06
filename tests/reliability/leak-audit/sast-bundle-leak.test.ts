// The leak audit over sast as users run it: the committed bundle under Node 24 on a push, with the
// action's own e2e support (real bandit through the pinned tool's entry, stub semgrep and trivy).
// sast is not a secrets scanner, but its engines quote code: bandit's `code` and semgrep's `lines`
// carry the line a secret sits on (semgrep's p/secrets pack, which sast runs, exists to match them).
// Every planted secret type against every byte the bundle writes or sends.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect } from 'vitest';
import { checkout, sastRepository } from '../../../actions/sast/test/support/sast-repository';
import { BUNDLE, FINDINGS_ARTIFACT, MANIFEST, realBandit, SastHarness, semgrepArgv, trivyConfigArgv, trivyConfigReport } from '../../../actions/sast/test/support/sast-harness';
import type { FindingsDocument } from '../../../packages/findings/src/index';
import { unzipInMemory } from '../../../packages/github/src/index';
import { exampleSecret, SECRET_RULES, type ExampleSecret } from '../../../packages/scanners/src/index';
import { pushEvent, type BundledActionRun } from '../../../packages/testing-harness/src/index';
import { leakAuditCases } from '../catalog/leak-audit';
import { runBundleCollectingBytes } from '../support/bundled-run-bytes';
import { caseById, caseTest } from '../support/case-test';
import { leaksOf, valueParts } from '../support/leak-search';

const cases = leakAuditCases();
const SETTINGS = 'app/settings.py';

interface PlantedLine extends ExampleSecret {
  line: number;
  code: string;
}

let planted: PlantedLine[];
let run: BundledActionRun;
let document: FindingsDocument;
let bytes: Map<string, string>;

/** One assignment to a `password` name per secret (bandit's B105 quotes such lines), a PEM body in a triple-quoted string. */
function settingsModule(secrets: ExampleSecret[]): { text: string; planted: PlantedLine[] } {
  const lines = ['"""Settings."""', ''];
  const placed = secrets.map((s, i) => {
    const code = s.value.includes('\n') ? `password_${i} = """${s.value}"""` : `password_${i} = "${s.value}"`;
    const line = lines.length + 1;
    lines.push(...code.split('\n'));
    return { ...s, line, code };
  });
  return { text: `${lines.join('\n')}\n`, planted: placed };
}

/** semgrep's report of a p/secrets match per planted line: `extra.lines` is the source line, as semgrep prints it. */
function semgrepSecretsReport(): string {
  return JSON.stringify({
    version: '1.156.0',
    results: planted.map((p) => ({
      check_id: 'generic.secrets.security.detected-generic-secret.detected-generic-secret',
      path: SETTINGS,
      start: { line: p.line, col: 1, offset: 0 },
      end: { line: p.line, col: 40, offset: 0 },
      extra: {
        message: `Generic Secret detected: ${p.value.split('\n')[0]}`,
        severity: 'ERROR',
        metadata: { cwe: ['CWE-798: Use of Hard-coded Credentials'], confidence: 'LOW' },
        lines: p.code,
        fingerprint: 'requires login',
        is_ignored: false,
      },
    })),
    errors: [],
    paths: { scanned: [SETTINGS] },
    skipped_rules: [],
  });
}

beforeAll(async () => {
  if (!realBandit) return;
  const repo = sastRepository();
  const harness = await SastHarness.start();
  try {
    const workspace = checkout(repo).dir;
    const settings = settingsModule(SECRET_RULES.map((rule) => exampleSecret(rule.id, 'live')));
    planted = settings.planted;
    writeFileSync(join(workspace, SETTINGS), settings.text);
    harness.stub('semgrep', semgrepArgv(undefined), { kind: 'report-file', flag: '--output', content: semgrepSecretsReport(), exitCode: 1 });
    harness.stub('trivy', trivyConfigArgv('.'), { kind: 'report-file', flag: '--output', content: trivyConfigReport(), exitCode: 10 });
    ({ run, bytes } = await runBundleCollectingBytes({
      bundle: BUNDLE,
      actionManifest: MANIFEST,
      github: harness.github,
      artifacts: harness.artifacts,
      event: 'push',
      payload: pushEvent({ ref: 'refs/heads/feature', before: repo.base, after: repo.head }),
      workspace,
      inputs: { 'fail-on': 'never' },
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

describe.skipIf(!realBandit)("no planted secret leaks from any byte sast's bundle writes or sends", () => {
  for (const rule of SECRET_RULES) {
    caseTest(caseById(cases, `leak-audit/${rule.id}/sast-bundle`), () => {
      expect(run.stderr).toBe('');
      expect(document.engines.find((e) => e.id === 'bandit')?.status).toBe('ran');
      const p = planted.find((s) => s.ruleId === rule.id)!;
      const reported = document.findings.some(
        (f) => f.location.kind === 'code' && f.location.path === SETTINGS && f.location.startLine === p.line && f.sources.some((s) => s.engine === 'semgrep'),
      );
      expect(reported, `${rule.id} reported by semgrep at ${SETTINGS}:${p.line}`).toBe(true);
      for (const part of [p.value, ...valueParts(p)]) expect(leaksOf(part, bytes), `${rule.id} value`).toEqual([]);
    });
  }
});
