// CI rebuilds every action and fails on any difference from the committed dist/index.js; every
// action.yml runs on node24 from dist/index.js. The fake-action tests prove the check can fail.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  actionManifestProblems,
  buildActionBundle,
  bundledActions,
  staleBundleProblems,
} from '../packages/testing-harness/src/dist-check';
import { bundleOptions } from '../scripts/build-targets.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('committed action bundles', () => {
  it('are byte for byte what pnpm build produces', async () => {
    expect(await staleBundleProblems(root, bundleOptions)).toEqual([]);
  });

  it('are declared in action.yml as node24 actions running dist/index.js', () => {
    expect(actionManifestProblems(root)).toEqual([]);
  });
});

function fakeRepository(using = 'node24'): string {
  const fake = mkdtempSync(join(tmpdir(), 'gatehouse-dist-check-'));
  mkdirSync(join(fake, 'actions', 'fake', 'src'), { recursive: true });
  writeFileSync(join(fake, 'actions', 'fake', 'src', 'index.ts'), "const greeting: string = 'hello';\nconsole.log(greeting);\n");
  writeFileSync(join(fake, 'actions', 'fake', 'action.yml'), `name: fake\nruns:\n  using: ${using}\n  main: dist/index.js\n`);
  return fake;
}

async function build(fake: string): Promise<void> {
  mkdirSync(join(fake, 'actions', 'fake', 'dist'), { recursive: true });
  writeFileSync(join(fake, 'actions', 'fake', 'dist', 'index.js'), await buildActionBundle(fake, 'fake', bundleOptions));
}

describe('the dist check on a fake action', () => {
  it('passes with no actions at all', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'gatehouse-dist-check-'));
    expect(bundledActions(empty)).toEqual([]);
    expect(await staleBundleProblems(empty, bundleOptions)).toEqual([]);
    expect(actionManifestProblems(empty)).toEqual([]);
  });

  it('passes when the committed bundle is fresh', async () => {
    const fake = fakeRepository();
    await build(fake);
    expect(bundledActions(fake)).toEqual(['fake']);
    expect(await staleBundleProblems(fake, bundleOptions)).toEqual([]);
    expect(actionManifestProblems(fake)).toEqual([]);
  });

  it('names the action whose source changed after its bundle was built, and says to run pnpm build', async () => {
    const fake = fakeRepository();
    await build(fake);
    writeFileSync(join(fake, 'actions', 'fake', 'src', 'index.ts'), "console.log('changed');\n");
    expect(await staleBundleProblems(fake, bundleOptions)).toEqual([
      'actions/fake/dist/index.js is stale (it differs from a fresh build of src/index.ts): run pnpm build and commit it',
    ]);
  });

  it('names an action whose bundle was never committed', async () => {
    const fake = fakeRepository();
    expect(await staleBundleProblems(fake, bundleOptions)).toEqual(['actions/fake/dist/index.js is missing: run pnpm build and commit it']);
  });

  it('refuses an action.yml that does not run node24 from dist/index.js, or is missing', () => {
    const fake = fakeRepository('node20');
    expect(actionManifestProblems(fake)).toEqual(['actions/fake/action.yml: runs.using must be node24 (found "node20")']);
    rmSync(join(fake, 'actions', 'fake', 'action.yml'));
    expect(actionManifestProblems(fake)).toEqual(['actions/fake has src/index.ts but no action.yml']);
  });

  it('checks the extra bundles an action\'s build.json declares, and refuses a malformed one', async () => {
    const fake = fakeRepository();
    writeFileSync(join(fake, 'actions', 'fake', 'src', 'runner.ts'), "console.log('runner');\n");
    writeFileSync(join(fake, 'actions', 'fake', 'build.json'), JSON.stringify({ extraBundles: { 'runner.js': 'actions/fake/src/runner.ts' } }));
    await build(fake);
    expect(await staleBundleProblems(fake, bundleOptions)).toEqual(['actions/fake/dist/runner.js is missing: run pnpm build and commit it']);

    writeFileSync(join(fake, 'actions', 'fake', 'dist', 'runner.js'), 'stale');
    expect(await staleBundleProblems(fake, bundleOptions)).toEqual([
      'actions/fake/dist/runner.js is stale (it differs from a fresh build of actions/fake/src/runner.ts): run pnpm build and commit it',
    ]);

    writeFileSync(join(fake, 'actions', 'fake', 'build.json'), JSON.stringify({ extraBundles: { 'runner.js': '../outside.ts' } }));
    expect(await staleBundleProblems(fake, bundleOptions)).toEqual([
      'actions/fake/build.json: entry "../outside.ts" of runner.js must be an existing file, relative to the repository root',
    ]);
  });
});
