import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeArtifactService, FakeGitHub, bundleAction, pullRequestEvent, runBundledAction } from '@gatehouse/testing-harness';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('../__fixtures__/publish-action/', import.meta.url));
const BASE = 'b'.repeat(40);
const HEAD = 'c'.repeat(40);
const SARIF = {
  version: '2.1.0',
  runs: [{ tool: { driver: { name: 'semgrep' } }, automationDetails: { id: 'gatehouse/sast/semgrep/' }, results: [] }],
};

let bundle: string;
let github: FakeGitHub;
let artifacts: FakeArtifactService;
let workspace: string;

beforeAll(async () => {
  bundle = join(mkdtempSync(join(tmpdir(), 'gatehouse-github-e2e-')), 'index.js');
  await bundleAction(join(fixture, 'src', 'index.ts'), bundle);
});

beforeEach(async () => {
  github = await FakeGitHub.start();
  artifacts = await FakeArtifactService.start();
  workspace = mkdtempSync(join(tmpdir(), 'gatehouse-github-e2e-workspace-'));
  writeFileSync(join(workspace, 'results.sarif'), JSON.stringify(SARIF));
  github.state.setFile(BASE, '.github/gatehouse.yml', 'block: high\n');
  github.state.setFile(HEAD, '.github/gatehouse.yml', 'block: none\n');
  return async () => {
    await github.close();
    await artifacts.close();
  };
});

function run(options: { fork?: boolean; token?: string }) {
  return runBundledAction({
    bundle,
    actionManifest: join(fixture, 'action.yml'),
    event: 'pull_request',
    payload: pullRequestEvent({ number: 7, base: { sha: BASE }, head: { sha: HEAD, ...(options.fork ? { fork: { owner: 'outsider' } } : {}) } }),
    workspace,
    github,
    artifacts,
    token: options.token,
  });
}

describe('@gatehouse/github bundled and run like an action', () => {
  it('on a pull request: reads the base policy, uploads SARIF for the merge ref, comments', async () => {
    const result = await run({});
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toEqual({ policy: 'block: high\n', sarif: 'uploaded', 'sarif-reason': '', comment: 'created' });
    expect(github.state.sarifUploads).toMatchObject([{ ref: 'refs/pull/7/merge', toolName: 'semgrep', checkoutUri: expect.stringMatching(/^file:\/\//) }]);
    expect(github.state.commentsOn(7)).toHaveLength(1);
    expect(artifacts.artifacts).toEqual([]);
  });

  it('on a fork pull request with a read-only token: keeps the SARIF as an artifact, skips the comment, still succeeds', async () => {
    const result = await run({ fork: true, token: github.readOnlyToken });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toEqual({ policy: 'block: high\n', sarif: 'kept-as-artifact', 'sarif-reason': 'fork', comment: 'skipped' });
    expect(artifacts.artifacts).toMatchObject([{ name: 'gatehouse-sarif-publish-fixture-security', finalized: true }]);
    expect(github.state.comments).toEqual([]);
    const warnings = result.commands.filter((c) => c.name === 'warning').map((c) => c.data);
    expect(warnings.join('\n')).toContain('SARIF not published to code scanning: pull requests from forks get a read-only token');
  });
});
