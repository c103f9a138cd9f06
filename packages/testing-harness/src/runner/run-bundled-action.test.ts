import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pullRequestEvent } from '../events/pull-request-event';
import { resolveNodeBinary } from './node-binary';
import { runBundledAction } from './run-bundled-action';

/** A plain script standing in for a bundle: what the runner-side plumbing does is under test here, not bundling. */
function script(source: string): { bundle: string; workspace: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-harness-'));
  writeFileSync(join(dir, 'index.mjs'), source);
  return { bundle: join(dir, 'index.mjs'), workspace: dir };
}

const REPORT_ENVIRONMENT = `
import { appendFileSync, readFileSync } from 'node:fs';
const event = JSON.parse(readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8'));
const pick = Object.fromEntries(Object.entries(process.env).filter(([k]) => /^(INPUT_|GITHUB_|RUNNER_|ACTIONS_|CI$)/.test(k)));
appendFileSync(process.env.GITHUB_OUTPUT, 'env<<EOF_1\\n' + JSON.stringify(pick) + '\\nEOF_1\\n');
appendFileSync(process.env.GITHUB_OUTPUT, 'node=' + process.version + '\\n');
appendFileSync(process.env.GITHUB_OUTPUT, 'fork=' + String(event.pull_request?.head?.repo?.fork) + '\\n');
appendFileSync(process.env.GITHUB_OUTPUT, 'multi<<ghadelimiter_x\\nline one\\n\\nline three\\nghadelimiter_x\\n');
appendFileSync(process.env.GITHUB_STEP_SUMMARY, '# Summary\\n');
appendFileSync(process.env.GITHUB_ENV, 'EXPORTED=yes\\n');
console.log('::notice title=Done::finished %25 ok');
`;

describe('runBundledAction', () => {
  it('runs the action under Node 24 with the runner’s environment, files and event', async () => {
    const { bundle, workspace } = script(REPORT_ENVIRONMENT);
    const run = await runBundledAction({
      bundle,
      workspace,
      event: 'pull_request',
      payload: pullRequestEvent({ number: 7, head: { ref: 'patch-1', fork: { owner: 'outsider' } } }),
      inputs: { 'fail-on': 'high', 'my input': 'x' },
      env: { CUSTOM: '1' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.node).toMatch(/^v24\./);
    const env = JSON.parse(run.outputs.env!) as Record<string, string>;
    expect(env).toMatchObject({
      'INPUT_FAIL-ON': 'high',
      INPUT_MY_INPUT: 'x',
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REPOSITORY: 'octo-org/octo-repo',
      GITHUB_REF: 'refs/pull/7/merge',
      GITHUB_HEAD_REF: 'patch-1',
      GITHUB_BASE_REF: 'main',
      GITHUB_WORKSPACE: workspace,
    });
    expect(env.GITHUB_SHA).toMatch(/^[0-9a-f]{40}$/);
    expect(env.RUNNER_TEMP).toBeTruthy();
    expect(env.RUNNER_TOOL_CACHE).toBeTruthy();
    expect(run.outputs.fork).toBe('true');
    expect(run.outputs.multi).toBe('line one\n\nline three');
    expect(run.summary).toBe('# Summary\n');
    expect(run.summaryWithinLimit).toBe(true);
    expect(run.exportedEnv).toEqual({ EXPORTED: 'yes' });
    expect(run.commands).toEqual([{ name: 'notice', properties: { title: 'Done' }, data: 'finished % ok', form: 'v2', line: 1 }]);
  });

  it('sets GITHUB_REF and GITHUB_SHA from a push payload', async () => {
    const { bundle, workspace } = script(REPORT_ENVIRONMENT);
    const run = await runBundledAction({ bundle, workspace, event: 'push' });
    const env = JSON.parse(run.outputs.env!) as Record<string, string>;
    expect(env.GITHUB_REF).toBe('refs/heads/main');
    expect(env.GITHUB_REF_NAME).toBe('main');
    expect(env.GITHUB_HEAD_REF).toBe('');
  });

  it('does not pass the test process’s own environment to the action', async () => {
    process.env.GATEHOUSE_LEAK_CHECK = 'visible';
    const { bundle, workspace } = script(`import { appendFileSync } from 'node:fs'; appendFileSync(process.env.GITHUB_OUTPUT, 'leak=' + (process.env.GATEHOUSE_LEAK_CHECK ?? 'none') + '\\n');`);
    const run = await runBundledAction({ bundle, workspace, event: 'workflow_dispatch' });
    delete process.env.GATEHOUSE_LEAK_CHECK;
    expect(run.outputs.leak).toBe('none');
  });

  it('reports a failing action’s exit code and stderr', async () => {
    const { bundle, workspace } = script(`console.error('boom'); process.exit(3);`);
    const run = await runBundledAction({ bundle, workspace, event: 'push' });
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toContain('boom');
  });

  it('kills an action that hangs, with everything it started', async () => {
    const { bundle, workspace } = script(`import { spawn } from 'node:child_process'; spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'inherit' }); setInterval(() => {}, 1000);`);
    const run = await runBundledAction({ bundle, workspace, event: 'push', timeoutMs: 1_500 });
    expect(run.timedOut).toBe(true);
    expect(run.signal).toBe('SIGKILL');
  });

  it('fails loudly on a GITHUB_OUTPUT the runner could not read', async () => {
    const { bundle, workspace } = script(`import { appendFileSync } from 'node:fs'; appendFileSync(process.env.GITHUB_OUTPUT, 'text<<EOF\\nnever closed\\n');`);
    await expect(runBundledAction({ bundle, workspace, event: 'push' })).rejects.toThrow('GITHUB_OUTPUT: matching delimiter not found for "text"');
  });
});

describe('resolveNodeBinary', () => {
  it('finds a Node 24 binary and reports how', async () => {
    const node = await resolveNodeBinary(24);
    expect(node.version).toMatch(/^v24\./);
    expect(['current', 'cache', 'npx']).toContain(node.source);
  });
});
