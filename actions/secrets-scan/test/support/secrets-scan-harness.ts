// Runs secrets-scan's committed bundle under Node 24 against the OpenAPI-checked fake GitHub, the
// fake artifact service, and a runner tool cache seeded with stub scanners (gitleaks, trufflehog and
// detect-secrets cannot run on this machine; secretlint is the real runner bundled next to the action).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SeededToolCache } from '@gatehouse/action-runtime/test-support/seeded-tool-cache';
import { stubCalls, stubScannerScript, type ExpectedArg, type StubAction } from '@gatehouse/action-runtime/test-support/stub-scanner-script';
import { unzipInMemory } from '@gatehouse/github';
import { FakeArtifactService, FakeGitHub, runBundledAction, type BundledActionRun, type GitHubEventName } from '@gatehouse/testing-harness';

export const BUNDLE = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
export const MANIFEST = fileURLToPath(new URL('../../action.yml', import.meta.url));
export const FINDINGS_ARTIFACT = 'gatehouse-findings-secrets-scan-security';

export class SecretsScanHarness {
  readonly tools = new SeededToolCache();
  private readonly logs = mkdtempSync(join(tmpdir(), 'gatehouse-stub-calls-'));

  private constructor(
    readonly github: FakeGitHub,
    readonly artifacts: FakeArtifactService,
  ) {}

  static async start(): Promise<SecretsScanHarness> {
    return new SecretsScanHarness(await FakeGitHub.start(), await FakeArtifactService.start());
  }

  async close(): Promise<void> {
    await this.github.close();
    await this.artifacts.close();
  }

  /** Seeds a stub for a pinned binary (gitleaks, trufflehog) or Python tool (detect-secrets); returns its call log. */
  stub(engine: 'gitleaks' | 'trufflehog' | 'detect-secrets', argv: readonly ExpectedArg[] | null, action: StubAction, files?: { flag: string; contains?: string[]; lacks?: string[] }[]): string {
    const callLog = join(this.logs, `${engine}.jsonl`);
    const script = stubScannerScript({ name: engine, argv, callLog, action, ...(files ? { files } : {}) });
    if (engine === 'detect-secrets') this.tools.python(engine, script);
    else this.tools.binary(engine, script);
    return callLog;
  }

  calls(callLog: string) {
    return stubCalls(callLog);
  }

  run(options: { event: GitHubEventName; payload: Record<string, unknown>; workspace: string; inputs?: Record<string, string>; token?: string; env?: Record<string, string> }): Promise<BundledActionRun> {
    const { env, ...rest } = options;
    return runBundledAction({
      bundle: BUNDLE,
      actionManifest: MANIFEST,
      github: this.github,
      artifacts: this.artifacts,
      timeoutMs: 120_000,
      ...rest,
      env: { ...env, RUNNER_TOOL_CACHE: this.tools.root },
    });
  }

  async artifactFiles(name = FINDINGS_ARTIFACT): Promise<Map<string, string>> {
    const artifact = this.artifacts.artifacts.find((a) => a.name === name);
    if (!artifact) throw new Error(`no artifact ${name}; have ${this.artifacts.artifacts.map((a) => a.name).join(', ')}`);
    return new Map([...(await unzipInMemory(artifact.content))].map(([path, content]) => [path, content.toString('utf8')]));
  }
}

/** A private path the action makes at run time (report files, work directories). */
export const anyPath: ExpectedArg = { re: '/.+' };

/** gitleaks' argv for a history scan (`--log-opts` absent for the whole history), as ADR 0900 fixes it. */
export function gitleaksHistoryArgv(logOpts: string | undefined, config: ExpectedArg = { re: '/.+/gatehouse-default\\.gitleaks\\.toml' }): ExpectedArg[] {
  return [
    'git',
    ...(logOpts ? [`--log-opts=${logOpts}`] : []),
    '--config',
    config,
    '--report-format',
    'json',
    '--report-path',
    anyPath,
    '--exit-code',
    '99',
    '--gitleaks-ignore-path',
    anyPath,
    '--no-banner',
    '--no-color',
    '.git',
  ];
}
