// A minimal action built on runScanAction, bundled the way `pnpm build` bundles actions (its
// build.json ships secretlint-runner.js next to dist/index.js) and run under Node 24 by the harness.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeArtifactService, FakeGitHub, bundleAction, pushEvent, runBundledAction } from '@gatehouse/testing-harness';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { extraBundles } from '../../../../scripts/build-targets.mjs';

const fixture = fileURLToPath(new URL('../../__fixtures__/scan-action/', import.meta.url));
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const HEAD = 'c'.repeat(40);

let dist: string;
let github: FakeGitHub;
let artifacts: FakeArtifactService;
let workspace: string;
let secret: string;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'gatehouse-scan-fixture-dist-'));
  await bundleAction(join(fixture, 'src', 'index.ts'), join(dist, 'index.js'));
  for (const extra of extraBundles(root, fixture)) await bundleAction(extra.entry, join(dist, extra.file));
});

beforeEach(async () => {
  github = await FakeGitHub.start();
  artifacts = await FakeArtifactService.start();
  workspace = mkdtempSync(join(tmpdir(), 'gatehouse-scan-fixture-workspace-'));
  const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  secret = ['sk', 'test', Array.from({ length: 32 }, () => alnum[randomInt(alnum.length)]).join('')].join('_');
  mkdirSync(join(workspace, 'config'));
  writeFileSync(join(workspace, 'config', 'settings.env'), `STRIPE_SECRET_KEY=${secret}\n`);
  return async () => {
    await github.close();
    await artifacts.close();
  };
});

function run(inputs: Record<string, string> = {}, env: Record<string, string> = {}) {
  return runBundledAction({
    bundle: join(dist, 'index.js'),
    actionManifest: join(fixture, 'action.yml'),
    event: 'push',
    payload: pushEvent({ ref: 'refs/heads/main', after: HEAD }),
    inputs,
    env,
    workspace,
    github,
    artifacts,
  });
}

describe('a scanning action built on runScanAction, bundled and run under Node 24', () => {
  it('scans with the runner shipped next to its bundle, uploads its artifact, sets outputs and summary, and fails on a blocking finding', async () => {
    const result = await run();
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(1);
    expect(result.outputs).toMatchObject({ verdict: 'block', 'blocking-count': '1' });
    expect(result.outputs['findings-file']).toMatch(/gatehouse\/scan-fixture\/findings\.json$/);
    expect(JSON.parse(result.outputs.counts!)).toMatchObject({ open: 1, byCategory: { secret: 1 } });
    expect(result.summary).toContain('Blocked: 1 finding blocks this change');
    expect(result.summary).toContain('Artifact gatehouse\\-findings\\-scan\\-fixture\\-security');
    expect(artifacts.artifacts.map((a) => [a.name, a.finalized])).toEqual([['gatehouse-findings-scan-fixture-security', true]]);
    expect(github.state.sarifUploads.map((u) => u.toolName)).toEqual(['gatehouse/secretlint']);
    expect(result.commands.some((c) => c.name === 'add-mask' && c.data === secret)).toBe(true);
    expect(result.stdout.split('\n').filter((line) => line.includes(secret) && !line.startsWith('::add-mask::'))).toEqual([]);
  });

  it('with fail-on never reports the block and lets the step pass', async () => {
    const result = await run({ 'fail-on': 'never' });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.verdict).toBe('block');
    expect(result.stdout).toContain('fail-on: never: the step does not fail; policy-gate decides');
  });

  it('fails the step when its engine crashes: incomplete, naming the engine', async () => {
    const stubs = mkdtempSync(join(tmpdir(), 'gatehouse-crashing-runner-'));
    const crashing = join(stubs, 'crash.js');
    writeFileSync(crashing, "process.stderr.write('Segmentation fault in the rule engine\\n');\nprocess.exit(2);\n");

    const result = await run({ 'fail-on': 'incomplete' }, { GATEHOUSE_SECRETLINT_RUNNER: crashing });

    expect(result.exitCode).toBe(1);
    expect(result.outputs.verdict).toBe('incomplete');
    const failure = result.commands.filter((c) => c.name === 'error' && !c.properties.file).map((c) => c.data).join('\n');
    expect(failure).toMatch(/scan-fixture: incomplete.*secretlint.*Segmentation fault in the rule engine/);
    expect(artifacts.artifacts.map((a) => a.name)).toEqual(['gatehouse-findings-scan-fixture-security']);
  });
});
