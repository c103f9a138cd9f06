// Runs sast's committed bundle under Node 24 against the OpenAPI-checked fake GitHub, the fake
// artifact service, and a runner tool cache seeded with the engines: semgrep and trivy as stub
// executables (they cannot run on this machine), bandit as the pinned tool's venv entry whose
// executable hands over to the real bandit installed here (Debian's, as CI installs it).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SeededToolCache } from '@gatehouse/action-runtime/test-support/seeded-tool-cache';
import { stubCalls, stubScannerScript, type ExpectedArg, type StubAction } from '@gatehouse/action-runtime/test-support/stub-scanner-script';
import { unzipInMemory } from '@gatehouse/github';
import { findOnPath } from '@gatehouse/toolchain';
import { FakeArtifactService, FakeGitHub, runBundledAction, type BundledActionRun, type GitHubEventName } from '@gatehouse/testing-harness';

export const BUNDLE = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
export const MANIFEST = fileURLToPath(new URL('../../action.yml', import.meta.url));
export const FINDINGS_ARTIFACT = 'gatehouse-findings-sast-security';

/** The real bandit of this machine, or undefined (the tests that need it are skipped then). */
export const realBandit = await findOnPath('bandit', process.env.PATH);

export class SastHarness {
  readonly tools = new SeededToolCache();
  private readonly logs = mkdtempSync(join(tmpdir(), 'gatehouse-stub-calls-'));

  private constructor(
    readonly github: FakeGitHub,
    readonly artifacts: FakeArtifactService,
  ) {}

  static async start(): Promise<SastHarness> {
    const harness = new SastHarness(await FakeGitHub.start(), await FakeArtifactService.start());
    if (realBandit) harness.tools.python('bandit', `#!/bin/sh\nexec ${realBandit} "$@"\n`);
    return harness;
  }

  async close(): Promise<void> {
    await this.github.close();
    await this.artifacts.close();
  }

  /** Seeds a stub semgrep (a pinned Python tool) or trivy (a pinned binary); returns its call log. */
  stub(engine: 'semgrep' | 'trivy', argv: readonly ExpectedArg[] | null, action: StubAction, files?: { flag: string; contains?: string[]; lacks?: string[] }[]): string {
    const callLog = join(this.logs, `${engine}.jsonl`);
    const script = stubScannerScript({ name: engine, argv, callLog, action, ...(files ? { files } : {}) });
    if (engine === 'semgrep') this.tools.python(engine, script);
    else this.tools.binary(engine, script);
    return callLog;
  }

  calls(callLog: string) {
    return stubCalls(callLog);
  }

  run(options: { event: GitHubEventName; payload: Record<string, unknown>; workspace: string; inputs?: Record<string, string>; token?: string }): Promise<BundledActionRun> {
    return runBundledAction({
      bundle: BUNDLE,
      actionManifest: MANIFEST,
      github: this.github,
      artifacts: this.artifacts,
      env: { RUNNER_TOOL_CACHE: this.tools.root },
      timeoutMs: 120_000,
      ...options,
    });
  }

  async artifactFiles(name = FINDINGS_ARTIFACT): Promise<Map<string, string>> {
    const artifact = this.artifacts.artifacts.find((a) => a.name === name);
    if (!artifact) throw new Error(`no artifact ${name}; have ${this.artifacts.artifacts.map((a) => a.name).join(', ')}`);
    return new Map([...(await unzipInMemory(artifact.content))].map(([path, content]) => [path, content.toString('utf8')]));
  }
}

const anyPath: ExpectedArg = { re: '/.+' };

/** semgrep's argv as the plan builds it: the default packs, `--baseline-commit` on pull requests. */
export function semgrepArgv(baseline: string | undefined, configs: ExpectedArg[] = ['--config', 'p/security-audit', '--config', 'p/secrets', '--config', 'p/owasp-top-ten']): ExpectedArg[] {
  return [
    'scan', '--json', '--output', anyPath, '--metrics', 'off', '--disable-version-check', '--disable-nosem', '--error', '--timeout', '30', '--exclude', '.gatehouse',
    ...(baseline ? ['--baseline-commit', baseline] : []),
    ...configs,
    '--timeout', '30', '--', '.',
  ];
}

/** `trivy config` with empty trusted ignore and config files, for one target directory. */
export function trivyConfigArgv(target = '.', extra: ExpectedArg[] = []): ExpectedArg[] {
  return [
    'config', '--format', 'json', '--output', anyPath, '--exit-code', '10', '--skip-check-update', '--skip-version-check', '--disable-telemetry', '--quiet',
    '--cache-dir', anyPath, '--config', anyPath, '--ignorefile', anyPath,
    '--skip-dirs', '.git', '--skip-dirs', '.gatehouse', '--skip-dirs', '**/node_modules',
    ...extra,
    target,
  ];
}

/** semgrep's JSON report with one result (semgrep 1.x). */
export function semgrepReport(result: { path: string; line: number; code: string }): string {
  return JSON.stringify({
    version: '1.156.0',
    results: [
      {
        check_id: 'python.lang.security.audit.subprocess-shell-true.subprocess-shell-true',
        path: result.path,
        start: { line: result.line, col: 12, offset: 0 },
        end: { line: result.line, col: 50, offset: 0 },
        extra: {
          message: 'Found subprocess function with shell=True: an attacker controls the command.',
          severity: 'ERROR',
          metadata: { cwe: ['CWE-78: Improper Neutralization of Special Elements used in an OS Command'], owasp: 'A03:2021 - Injection', confidence: 'HIGH' },
          lines: result.code,
          fingerprint: 'requires login',
          is_ignored: false,
        },
      },
    ],
    errors: [],
    paths: { scanned: [result.path] },
    skipped_rules: [],
  });
}

/** trivy config's report of the Dockerfile's `:latest` base image (DS-0001). */
export function trivyConfigReport(): string {
  return JSON.stringify({
    SchemaVersion: 2,
    Trivy: { Version: '0.75.0' },
    ArtifactName: '.',
    ArtifactType: 'filesystem',
    Results: [
      {
        Target: 'Dockerfile',
        Class: 'config',
        Type: 'dockerfile',
        MisconfSummary: { Successes: 20, Failures: 1 },
        Misconfigurations: [
          {
            Type: 'Dockerfile Security Check',
            ID: 'DS-0001',
            Title: "':latest' tag used",
            Message: "Specify a tag in the 'FROM' statement for image 'python'",
            Severity: 'MEDIUM',
            Status: 'FAIL',
            CauseMetadata: { Provider: 'Dockerfile', Service: 'general', StartLine: 1, EndLine: 1, Code: { Lines: [{ Number: 1, Content: 'FROM python:latest', IsCause: true }] } },
          },
        ],
      },
    ],
  });
}
