// osv-scanner inside deps-audit. Its pinned build is a raw binary whose cached executable must be the
// pinned asset byte for byte, so no stub can be seeded into the tool cache (that refusal is the
// toolchain doing its job); the action runs in-process instead, with the runtime's resolver hook
// pointing osv-scanner at a stub that asserts its argv and prints a recorded osv-scanner 2 report.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from '@gatehouse/action-runtime/test-support/in-process-action';
import { stubCalls, stubScannerScript, type StubAction } from '@gatehouse/action-runtime/test-support/stub-scanner-script';
import type { FindingsDocument } from '@gatehouse/findings';
import { FakeArtifactService, FakeGitHub, pullRequestEvent } from '@gatehouse/testing-harness';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../src/main';
import { osvScannerArgv, recorded } from './support/deps-audit-harness';
import { checkout, monorepo, OSV_DATABASE, type Monorepo } from './support/monorepo';

let repo: Monorepo;
let github: FakeGitHub;
let artifacts: FakeArtifactService;

beforeAll(() => {
  repo = monorepo();
});

beforeEach(async () => {
  github = await FakeGitHub.start();
  artifacts = await FakeArtifactService.start();
});

afterEach(async () => {
  github.assertNoViolations();
  await github.close();
  await artifacts.close();
});

const MANIFESTS = ['api/requirements.txt', 'web/package-lock.json'];

function osvScannerStub(action: StubAction): { path: string; callLog: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-osv-scanner-stub-'));
  const path = join(dir, 'osv-scanner');
  const callLog = join(dir, 'calls.jsonl');
  writeFileSync(path, stubScannerScript({ name: 'osv-scanner', argv: osvScannerArgv(MANIFESTS), callLog, action }));
  chmodSync(path, 0o755);
  return { path, callLog };
}

async function audit(workspace: string, stub: { path: string }) {
  const payload = pullRequestEvent({ number: 7, base: { sha: repo.base, ref: 'main' }, head: { sha: repo.head, ref: 'feature' } });
  const env = { INPUT_TOKEN: github.writeToken, INPUT_ENGINES: 'osv-offline, osv-scanner', 'INPUT_OSV-DATABASE': OSV_DATABASE };
  const { run: result } = await runInProcess({ github, artifacts, event: 'pull_request', payload, workspace, env }, () =>
    run({
      resolveEngine: async (engine) =>
        engine === 'osv-scanner'
          ? { status: 'available', engine, path: stub.path, version: '2.4.0', source: 'cache' }
          : { status: 'available', engine, path: 'in-process', version: 'built-in', source: 'path' },
    }),
  );
  const document = JSON.parse(readFileSync(result.outputs['findings-file']!, 'utf8')) as FindingsDocument;
  return { result, document };
}

describe('osv-scanner in deps-audit', () => {
  it('scans every lockfile in one run and its findings merge with osv-offline’s; its license violation is a finding', async () => {
    const workspace = checkout(repo, 'feature');
    const stub = osvScannerStub({ kind: 'report-file', flag: '--output', content: recorded.osvScannerWeb(workspace), exitCode: 1 });

    const { result, document } = await audit(workspace, stub);

    // The stub exits 97 on any other argv, which would leave osv-scanner incomplete.
    expect(stubCalls(stub.callLog)).toEqual([{ argv: ['scan', 'source', '--format', 'json', '--output', expect.stringMatching(/^\//), '--all-vulns', '--lockfile', 'api/requirements.txt', '--lockfile', 'web/package-lock.json'], cwd: workspace }]);
    expect(document.engines.find((e) => e.id === 'osv-scanner')).toMatchObject({ status: 'ran', version: '2.4.0' });
    const lodash = document.findings.find((f) => f.ruleId === 'CVE-2020-8203')!;
    expect(lodash.sources.map((s) => s.engine).sort()).toEqual(['osv-offline', 'osv-scanner']);
    expect(lodash).toMatchObject({ isNew: true, location: { manifest: 'web/package-lock.json' } });
    expect(document.findings.some((f) => f.ruleId === 'license-violation')).toBe(true);
    expect(result.outputs.verdict).toBe('block');
  });

  it('exit 127 (its own failure) is incomplete, never clean, and osv-offline’s findings still count', async () => {
    const workspace = checkout(repo, 'feature');
    const stub = osvScannerStub({ kind: 'stdout', content: '', exitCode: 127 });

    const { result, document } = await audit(workspace, stub);

    expect(result.outputs.verdict).toBe('incomplete');
    expect(result.exitCode).toBe(1);
    expect(document.engines.find((e) => e.id === 'osv-scanner')).toMatchObject({ status: 'incomplete' });
    expect(document.findings.filter((f) => f.sources.some((s) => s.engine === 'osv-offline')).length).toBeGreaterThan(0);
  });
});
