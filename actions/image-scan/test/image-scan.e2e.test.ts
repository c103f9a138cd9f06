// image-scan's committed bundle, run the way the runner runs it (Node 24), against the OpenAPI-checked
// fake GitHub and the fake artifact service. trivy and grype cannot run here: stub executables take
// their place where the toolchain finds pinned engines in Actions mode (a seeded RUNNER_TOOL_CACHE
// entry whose recorded checksum is the stub's), assert every argv, and print recorded reports.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SeededToolCache } from '@gatehouse/action-runtime/test-support/seeded-tool-cache';
import { unzipInMemory } from '@gatehouse/github';
import { FakeArtifactService, FakeGitHub, pullRequestEvent, pushEvent, runBundledAction, workflowDispatchEvent, type BundledActionRun } from '@gatehouse/testing-harness';
import { markFresh } from '@gatehouse/toolchain';
import { beforeEach, describe, expect, it } from 'vitest';
import { imageEngineStub, stubCalls, type ExpectedArg, type StepAction, type StubStep } from './support/image-engine-stub';

const bundle = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const manifest = fileURLToPath(new URL('../action.yml', import.meta.url));
const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url)), 'utf8');
const BASE = 'b'.repeat(40);
const HEAD = 'c'.repeat(40);
const IMAGE = 'shop/api:2.1.0';
const GRYPE_STATUS = JSON.stringify({ schemaVersion: 'v6.1.4', built: '2026-11-22T04:11:03Z', path: '/cache/grype/6/vulnerability.db', valid: true, error: null });

let github: FakeGitHub;
let artifacts: FakeArtifactService;
let workspace: string;
let tools: SeededToolCache;
let logs: { trivy: string; grype: string };

beforeEach(async () => {
  github = await FakeGitHub.start();
  artifacts = await FakeArtifactService.start();
  workspace = mkdtempSync(join(tmpdir(), 'gatehouse-image-scan-'));
  writeFileSync(join(workspace, 'Dockerfile'), 'FROM alpine:3.19\n');
  tools = new SeededToolCache();
  const calls = mkdtempSync(join(tmpdir(), 'gatehouse-image-stub-calls-'));
  logs = { trivy: join(calls, 'trivy.jsonl'), grype: join(calls, 'grype.jsonl') };
  return async () => {
    await github.close();
    await artifacts.close();
  };
});

const dbDir = (engine: 'trivy' | 'grype') => join(tools.root, 'gatehouse-db', engine);
const ANY_FILE = (name: string): ExpectedArg => ({ re: `/.+/${name.replace(/\./g, '\\.')}` });

function trivyScan(source: string[], action: StepAction): StubStep {
  return {
    argv: ['image', '--format', 'json', '--output', ANY_FILE('report'), '--scanners', 'vuln', '--no-progress', '--skip-version-check', '--disable-telemetry', '--cache-dir', dbDir('trivy'), '--skip-db-update', '--skip-java-db-update', '--config', ANY_FILE('trivy-config.yaml'), '--ignorefile', ANY_FILE('trivy-ignore'), ...source],
    action,
  };
}

function trivyDatabaseDownload(repository: string, action: StepAction): StubStep[] {
  const common = ['--cache-dir', dbDir('trivy'), '--no-progress', '--skip-version-check', '--disable-telemetry'];
  return [
    { argv: ['image', '--download-db-only', '--db-repository', repository, ...common], action },
    { argv: ['image', '--download-java-db-only', '--java-db-repository', repository.replace('trivy-db:2', 'trivy-java-db:1'), ...common], action },
  ];
}

function grypeSteps(scan: StepAction, input = `docker:${IMAGE}`): StubStep[] {
  return [
    { argv: ['db', 'update'], env: { GRYPE_DB_CACHE_DIR: dbDir('grype'), GRYPE_DB_UPDATE_URL: 'https://grype.anchore.io/databases' }, action: { kind: 'ok' } },
    { argv: ['db', 'status', '-o', 'json'], env: { GRYPE_DB_CACHE_DIR: dbDir('grype') }, action: { kind: 'ok', stdout: GRYPE_STATUS } },
    { argv: [input, '-o', 'json', '--file', ANY_FILE('report'), '-c', ANY_FILE('grype-config.yaml')], env: { GRYPE_DB_CACHE_DIR: dbDir('grype'), GRYPE_DB_AUTO_UPDATE: 'false' }, action: scan },
  ];
}

const trivyReport = (name = 'shop-api.trivy.json'): StepAction => ({ kind: 'report', flag: '--output', content: fixture(name) });
const grypeReport: StepAction = { kind: 'report', flag: '--file', content: fixture('shop-api.grype.json') };

function seed(engine: 'trivy' | 'grype', steps: StubStep[]): void {
  tools.binary(engine, imageEngineStub(engine, logs[engine], steps));
}

async function seedFreshDatabase(engine: 'trivy' | 'grype'): Promise<void> {
  await markFresh(dbDir(engine));
}

async function runImageScan(options: { event: 'push' | 'pull_request' | 'workflow_dispatch'; payload?: Record<string, unknown>; inputs?: Record<string, string>; token?: string }): Promise<BundledActionRun> {
  return runBundledAction({ bundle, actionManifest: manifest, workspace, github, artifacts, env: { RUNNER_TOOL_CACHE: tools.root }, timeoutMs: 90_000, ...options });
}

async function artifactFiles(name: string): Promise<Map<string, string>> {
  const artifact = artifacts.artifacts.find((a) => a.name === name);
  if (!artifact) throw new Error(`no artifact ${name}; have ${artifacts.artifacts.map((a) => a.name).join(', ')}`);
  const files = await unzipInMemory(artifact.content);
  return new Map([...files].map(([path, content]) => [path, content.toString('utf8')]));
}

interface FindingsJson {
  engines: { id: string; status: string; reason?: string }[];
  decision: { verdict: string; counts: { blocking: number } };
  findings: { ruleId: string; severity: string; sources: { engine: string }[]; location: { kind: string; ref?: string } }[];
}

const findingsOf = (files: Map<string, string>) => JSON.parse(files.get('findings.json')!) as FindingsJson;
const sarifCategories = (upload: { sarif: unknown }) => (upload.sarif as { runs: { automationDetails: { id: string } }[] }).runs.map((r) => r.automationDetails.id);
const pushPayload = () => pushEvent({ ref: 'refs/heads/main', after: HEAD });

describe('image-scan (bundled, under Node 24)', () => {
  it('on a push refreshes both databases, scans with trivy and grype, merges them, and blocks the fixable critical with the built-in deploy policy', async () => {
    seed('trivy', [...trivyDatabaseDownload('mirror.gcr.io/aquasec/trivy-db:2', { kind: 'ok' }), trivyScan(['--image-src', 'docker', IMAGE], trivyReport())]);
    seed('grype', grypeSteps(grypeReport));

    const run = await runImageScan({ event: 'push', payload: pushPayload(), inputs: { image: IMAGE, grype: 'true' } });

    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(1);
    expect(stubCalls(logs.trivy).map((argv) => argv[1])).toEqual(['--download-db-only', '--download-java-db-only', '--format']);
    expect(stubCalls(logs.grype).map((argv) => argv[0])).toEqual(['db', 'db', `docker:${IMAGE}`]);
    expect(run.outputs).toMatchObject({ verdict: 'block', 'blocking-count': '1', blocked: 'true', 'findings-artifact': 'gatehouse-findings-image-scan-security' });

    const files = await artifactFiles('gatehouse-findings-image-scan-security');
    const document = findingsOf(files);
    expect(document.engines.map((e) => [e.id, e.status])).toEqual([
      ['trivy', 'ran'],
      ['grype', 'ran'],
    ]);
    const byRule = new Map(document.findings.map((f) => [f.ruleId, f]));
    expect([...byRule.keys()].sort()).toEqual(['CVE-2023-42366', 'CVE-2024-29041', 'CVE-2024-5535', 'CVE-2024-9143']);
    expect(byRule.get('CVE-2024-5535')!.sources.map((s) => s.engine).sort()).toEqual(['grype', 'trivy']);
    expect(byRule.get('CVE-2024-29041')!.sources.map((s) => s.engine).sort()).toEqual(['grype', 'trivy']);
    expect(new Set(document.findings.map((f) => f.location.ref))).toEqual(new Set([IMAGE]));
    // grype's native report is kept; trivy's never is (the trivy adapter treats its reports as holding plaintext secrets).
    expect([...files.keys()].filter((f) => f.startsWith('reports/'))).toEqual(['reports/grype-shop-api-2-1-0.json']);

    // One upload per engine's run, each its own category under the image's repository.
    for (const upload of github.state.sarifUploads) expect(upload).toMatchObject({ ref: 'refs/heads/main', commitSha: HEAD });
    expect(github.state.sarifUploads.flatMap(sarifCategories).sort()).toEqual(['gatehouse/grype/image-scan/shop/api/', 'gatehouse/trivy/image-scan/shop/api/']);
    expect(run.summary).toContain('the built\\-in deploy policy');
    expect(run.summary).toContain('CVE\\-2024\\-5535');
    for (const text of [run.stdout, run.summary, JSON.stringify(run.outputs), ...files.values()]) expect(text).not.toContain(github.writeToken);
  });

  it('on workflow_dispatch (deploy) scans a docker save tarball under its image name in a matrix leg: a clean image passes, and a fresh database is not downloaded again', async () => {
    mkdirSync(join(workspace, 'build'));
    writeFileSync(join(workspace, 'build', 'web.tar'), 'not really a tarball: the stub reads nothing');
    await seedFreshDatabase('trivy');
    seed('trivy', [trivyScan(['--input', 'build/web.tar'], trivyReport('shop-api-clean.trivy.json'))]);

    const run = await runImageScan({
      event: 'workflow_dispatch',
      payload: workflowDispatchEvent({ ref: 'refs/heads/main' }),
      inputs: { 'image-archive': 'build/web.tar', 'image-name': 'shop/web:1.4.2', mode: 'deploy', matrix: '{"image":"web"}' },
    });

    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(stubCalls(logs.trivy)).toHaveLength(1);
    expect(stubCalls(logs.grype)).toEqual([]);
    expect(run.outputs).toMatchObject({ verdict: 'pass', 'blocking-count': '0', blocked: 'false' });
    expect(run.outputs['findings-artifact']).toMatch(/^gatehouse-findings-image-scan-security-[0-9a-f]+$/);
    const document = findingsOf(await artifactFiles(run.outputs['findings-artifact']!));
    expect(document.engines.map((e) => [e.id, e.status])).toEqual([
      ['grype', 'not-run'],
      ['trivy', 'ran'],
    ]);
    expect(sarifCategories(github.state.sarifUploads[0]!)).toEqual(['gatehouse/trivy/image-scan/shop/web/']);
  });

  it('on a fork pull request obeys the base commit\u2019s policy, keeps the refused SARIF in the artifact, and the verdict stands', async () => {
    const payload = pullRequestEvent({ number: 7, base: { sha: BASE }, head: { sha: HEAD, fork: { owner: 'outsider' } } });
    // The pull request tries to let everything through; the base commit has no policy (deploy preset).
    mkdirSync(join(workspace, '.github'));
    writeFileSync(join(workspace, '.github', 'gatehouse.yml'), 'version: 1\nrules:\n  block: critical\n  warn: critical\n');
    await seedFreshDatabase('trivy');
    seed('trivy', [trivyScan(['--image-src', 'docker', IMAGE], trivyReport())]);

    const run = await runImageScan({ event: 'pull_request', payload, token: github.readOnlyToken, inputs: { image: IMAGE } });

    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ verdict: 'block', blocked: 'true' });
    expect(github.state.sarifUploads).toEqual([]);
    expect(run.summary).toContain('the built\\-in deploy policy');
    expect(run.summary).toContain('read\\-only token');
    const files = await artifactFiles('gatehouse-findings-image-scan-security');
    expect(sarifCategories({ sarif: JSON.parse(files.get('results.sarif')!) })).toEqual(['gatehouse/trivy/image-scan/shop/api/']);
  });

  describe('an engine that fails is incomplete, never clean, and the other engine\u2019s findings are still published', () => {
    async function expectGrypeOnly(run: BundledActionRun, trivyReason: RegExp): Promise<void> {
      expect(run.exitCode).toBe(1);
      expect(run.outputs.verdict).toBe('incomplete');
      // grype alone still finds the fixable critical: the deploy stays blocked.
      expect(run.outputs.blocked).toBe('true');
      const document = findingsOf(await artifactFiles('gatehouse-findings-image-scan-security'));
      expect(document.engines.find((e) => e.id === 'trivy')).toMatchObject({ status: 'incomplete', reason: expect.stringMatching(trivyReason) });
      expect(document.engines.find((e) => e.id === 'grype')).toMatchObject({ status: 'ran' });
      expect(document.findings.map((f) => f.ruleId).sort()).toEqual(['CVE-2024-29041', 'CVE-2024-5535', 'CVE-2024-9143']);
      expect(sarifCategories(github.state.sarifUploads[0]!)).toEqual(['gatehouse/grype/image-scan/shop/api/']);
      expect(run.summary).toMatch(/incomplete/i);
    }

    it('trivy whose database cannot be downloaded from any source (each retried) is not run', async () => {
      const denied: StepAction = { kind: 'fail', exitCode: 1, stderr: 'FATAL\tFatal error\tinit error: DB error: failed to download vulnerability DB: OCI repository error: TOOMANYREQUESTS' };
      seed('trivy', [...trivyDatabaseDownload('mirror.gcr.io/aquasec/trivy-db:2', denied), ...trivyDatabaseDownload('ghcr.io/aquasecurity/trivy-db:2', denied)]);
      seed('grype', grypeSteps(grypeReport));

      const run = await runImageScan({ event: 'push', payload: pushPayload(), inputs: { image: IMAGE, grype: 'true' } });

      // 3 attempts per documented source, never the scan itself.
      expect(stubCalls(logs.trivy).map((argv) => argv[3])).toEqual([...Array(3).fill('mirror.gcr.io/aquasec/trivy-db:2'), ...Array(3).fill('ghcr.io/aquasecurity/trivy-db:2')]);
      await expectGrypeOnly(run, /vulnerability database could not be downloaded.*TOOMANYREQUESTS/);
    });

    it('trivy that crashes', async () => {
      await seedFreshDatabase('trivy');
      seed('trivy', [trivyScan(['--image-src', 'docker', IMAGE], { kind: 'crash' })]);
      seed('grype', grypeSteps(grypeReport));
      await expectGrypeOnly(await runImageScan({ event: 'push', payload: pushPayload(), inputs: { image: IMAGE, grype: 'true' } }), /SIGSEGV|signal/i);
    });

    it('trivy that hangs is stopped at engine-timeout-seconds', async () => {
      await seedFreshDatabase('trivy');
      seed('trivy', [trivyScan(['--image-src', 'docker', IMAGE], { kind: 'hang' })]);
      seed('grype', grypeSteps(grypeReport));
      await expectGrypeOnly(await runImageScan({ event: 'push', payload: pushPayload(), inputs: { image: IMAGE, grype: 'true', 'engine-timeout-seconds': '2' } }), /time/i);
    });

    it('grype that prints garbage, with fail-on never: the step passes and policy-gate decides', async () => {
      await seedFreshDatabase('trivy');
      seed('trivy', [trivyScan(['--image-src', 'docker', IMAGE], trivyReport())]);
      seed('grype', grypeSteps({ kind: 'garbage', flag: '--file', garbage: '<html>502 Bad Gateway</html>' }));

      const run = await runImageScan({ event: 'push', payload: pushPayload(), inputs: { image: IMAGE, grype: 'true', 'fail-on': 'never' } });

      expect(run.exitCode).toBe(0);
      expect(run.outputs.verdict).toBe('incomplete');
      const document = findingsOf(await artifactFiles('gatehouse-findings-image-scan-security'));
      expect(document.engines.find((e) => e.id === 'grype')).toMatchObject({ status: 'incomplete' });
      expect(document.findings.map((f) => f.ruleId).sort()).toEqual(['CVE-2023-42366', 'CVE-2024-29041', 'CVE-2024-5535']);
    });
  });

  it('refuses an image reference that would be read as a flag, before running anything', async () => {
    seed('trivy', []);
    const run = await runImageScan({ event: 'push', payload: pushPayload(), inputs: { image: '--config=/etc/passwd' } });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('is not an image reference');
    expect(stubCalls(logs.trivy)).toEqual([]);
  });
});
