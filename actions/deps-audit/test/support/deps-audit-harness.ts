// Runs deps-audit's committed bundle under Node 24 against the OpenAPI-checked fake GitHub and the fake
// artifact service. osv-offline runs for real (in the bundle, against the demo's OSV records);
// osv-scanner and pip-audit cannot run on this machine, so stubs that assert their argv and print
// recorded reports are seeded where the toolchain finds pinned engines in Actions mode (the runner
// tool cache); npm audit is a command of the runner's npm, so a stub `npm` goes first on PATH.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SeededToolCache } from '@gatehouse/action-runtime/test-support/seeded-tool-cache';
import { stubCalls, stubScannerScript, STUB_MISMATCH_EXIT, type ExpectedArg, type StubAction } from '@gatehouse/action-runtime/test-support/stub-scanner-script';
import { unzipInMemory } from '@gatehouse/github';
import { FakeArtifactService, FakeGitHub, runBundledAction, type BundledActionRun, type GitHubEventName } from '@gatehouse/testing-harness';

export const BUNDLE = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
export const MANIFEST = fileURLToPath(new URL('../../action.yml', import.meta.url));
export const FINDINGS_ARTIFACT = 'gatehouse-findings-deps-audit-security';

/** A private path the action makes at run time (report files, work directories). */
export const anyPath: ExpectedArg = { re: '/.+' };

/** osv-scanner's argv for the given lockfiles (ADR 1000, docs/engines/osv-scanner.md). */
export const osvScannerArgv = (lockfiles: string[]): ExpectedArg[] => ['scan', 'source', '--format', 'json', '--output', anyPath, '--all-vulns', ...lockfiles.flatMap((l) => ['--lockfile', l])];

/** pip-audit's argv: the pinned requirements file Gatehouse wrote, pip disabled (ADR 1000). */
export const pipAuditArgv: ExpectedArg[] = ['-r', { re: '/.+/pip-audit-requirements\\.txt' }, '--no-deps', '--disable-pip', '--format', 'json', '--output', anyPath, '--progress-spinner', 'off'];

/** npm audit's argv (docs/engines/npm-audit.md): lockfile only, every dependency type, the public registry. */
export const NPM_AUDIT_ARGV = ['audit', '--json', '--package-lock-only', '--audit-level=info', '--include=prod', '--include=dev', '--include=optional', '--include=peer', '--registry=https://registry.npmjs.org/'];

/** What the stub npm does for `npm audit …` in a lockfile's folder. */
export type NpmAuditBehaviour = { kind: 'report'; content: string; exitCode: number } | { kind: 'hang' };

const logsOf = (dir: string) => join(dir, 'npm.jsonl');

/**
 * No test reaches beyond loopback: https goes through a proxy on a closed loopback port, so a
 * download the action attempts (osv-scanner's pinned build, osv.dev's export) fails at once, as on a
 * runner without network. The fakes are plain http on 127.0.0.1 and stay direct.
 */
export const OFFLINE = { HTTPS_PROXY: 'http://127.0.0.1:9', NO_PROXY: '127.0.0.1,localhost' };

/** The engines that run on this machine: osv-scanner's pinned build cannot be had here (no GitHub downloads). */
export const RUNNABLE_ENGINES = 'osv-offline, pip-audit, npm-audit';

export class DepsAuditHarness {
  readonly tools = new SeededToolCache();
  private readonly logs = mkdtempSync(join(tmpdir(), 'gatehouse-deps-stub-calls-'));
  private readonly bin = mkdtempSync(join(tmpdir(), 'gatehouse-deps-stub-bin-'));
  readonly npmCalls = join(this.logs, 'npm.jsonl');

  private constructor(
    readonly github: FakeGitHub,
    readonly artifacts: FakeArtifactService,
  ) {}

  static async start(): Promise<DepsAuditHarness> {
    return new DepsAuditHarness(await FakeGitHub.start(), await FakeArtifactService.start());
  }

  async close(): Promise<void> {
    await this.github.close();
    await this.artifacts.close();
  }

  /**
   * Seeds pip-audit (a pinned Python tool: its cache entry is a venv the toolchain points at) with a
   * stub; returns its call log. osv-scanner is a raw binary whose cached executable must be the pinned
   * asset itself, so no stub passes for it here: its argv is asserted in-process (see
   * osv-scanner.in-process.test.ts).
   */
  stubPipAudit(argv: readonly ExpectedArg[] | null, action: StubAction, files?: { flag: string; contains?: string[]; lacks?: string[] }[]): string {
    const callLog = join(this.logs, 'pip-audit.jsonl');
    this.tools.python('pip-audit', stubScannerScript({ name: 'pip-audit', argv, callLog, action, ...(files ? { files } : {}) }));
    return callLog;
  }

  /**
   * Puts a stub `npm` first on PATH: `--version` answers, `audit` asserts its argv and behaves as
   * told for the folder it runs in (a lockfile's folder, by its last path segment).
   */
  stubNpm(byFolder: Record<string, NpmAuditBehaviour>): string {
    const script = `#!/usr/bin/env node
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const argv = process.argv.slice(2);
if (argv.length === 1 && argv[0] === '--version') { process.stdout.write('10.9.2\\n'); process.exit(0); }
fs.appendFileSync(${JSON.stringify(this.npmCalls)}, JSON.stringify({ argv, cwd: process.cwd() }) + '\\n');
const expected = ${JSON.stringify(NPM_AUDIT_ARGV)};
if (JSON.stringify(argv) !== JSON.stringify(expected)) { process.stderr.write('stub npm: unexpected argv ' + JSON.stringify(argv) + '\\n'); process.exit(${STUB_MISMATCH_EXIT}); }
const behaviour = ${JSON.stringify(byFolder)}[path.basename(process.cwd())];
if (!behaviour) { process.stderr.write('stub npm: no behaviour for ' + process.cwd() + '\\n'); process.exit(${STUB_MISMATCH_EXIT}); }
if (behaviour.kind === 'hang') setInterval(() => {}, 1000);
else process.stdout.write(behaviour.content, () => process.exit(behaviour.exitCode));
`;
    writeFileSync(join(this.bin, 'npm'), script);
    chmodSync(join(this.bin, 'npm'), 0o755);
    return this.npmCalls;
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
      env: { RUNNER_TOOL_CACHE: this.tools.root, PATH: `${this.bin}:${process.env.PATH ?? ''}`, ...OFFLINE, ...env },
    });
  }

  async artifactFiles(name = FINDINGS_ARTIFACT): Promise<Map<string, string>> {
    const artifact = this.artifacts.artifacts.find((a) => a.name === name);
    if (!artifact) throw new Error(`no artifact ${name}; have ${this.artifacts.artifacts.map((a) => a.name).join(', ')}`);
    return new Map([...(await unzipInMemory(artifact.content))].map(([path, content]) => [path, content.toString('utf8')]));
  }
}

const scannerFixture = (path: string) => readFileSync(fileURLToPath(new URL(`../../../../packages/scanners/src/${path}`, import.meta.url)), 'utf8');

/** Recorded reports of the demo app's manifests (the scanners' own fixtures). */
export const recorded = {
  /** npm audit 10 (report v2) of web/package-lock.json with lodash: axios, follow-redirects, lodash, minimist. */
  npmAuditWeb: () => scannerFixture('npm-audit/__fixtures__/v2-demo-web.json'),
  /** pip-audit 2 of api/requirements.txt: flask, jinja2, pyyaml, requests, urllib3 (no severities). */
  pipAuditApi: () => scannerFixture('pip-audit/__fixtures__/v2-demo-api.json'),
  /** osv-scanner 2 of web/package-lock.json (recorded in /ws), with the paths of this workspace. */
  osvScannerWeb: (workspace: string) => scannerFixture('osv-scanner/__fixtures__/v2-demo-web-with-license-violation.json').replaceAll('"/ws/', `"${workspace}/`),
};
