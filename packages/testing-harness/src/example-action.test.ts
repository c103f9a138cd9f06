import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bundleAction } from './bundle-action';
import { pullRequestEvent } from './events/pull-request-event';
import { FakeArtifactService } from './fake-artifact-service/fake-artifact-service';
import { FakeGitHub } from './fake-github/fake-github';
import { runBundledAction } from './runner/run-bundled-action';

const fixture = fileURLToPath(new URL('../__fixtures__/example-action/', import.meta.url));
let bundle: string;
let github: FakeGitHub;
let artifacts: FakeArtifactService;
let workspace: string;

beforeAll(async () => {
  bundle = join(mkdtempSync(join(tmpdir(), 'gatehouse-example-action-')), 'index.js');
  await bundleAction(join(fixture, 'src', 'index.ts'), bundle);
});

beforeEach(async () => {
  github = await FakeGitHub.start();
  artifacts = await FakeArtifactService.start();
  workspace = mkdtempSync(join(tmpdir(), 'gatehouse-example-workspace-'));
  return async () => {
    await github.close();
    await artifacts.close();
  };
});

function run(inputs: Record<string, string>, token?: string, nodeVersion = 24) {
  return runBundledAction({
    nodeVersion,
    bundle,
    actionManifest: join(fixture, 'action.yml'),
    inputs,
    event: 'pull_request',
    payload: pullRequestEvent({ number: 42 }),
    workspace,
    github,
    artifacts,
    token,
  });
}

describe('the example action, bundled and run like the runner runs it', () => {
  it('takes inputs, calls the API, uploads an artifact, writes a summary and sets outputs', async () => {
    const result = await run({ greeting: 'hello\nworld', 'issue-number': '42' });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.node.version).toMatch(/^v24\./);

    expect(result.outputs.greeting).toBe('hello\nworld');
    expect(result.outputs['comment-id']).toBe(String(github.state.commentsOn(42)[0]!.id));
    expect(result.outputs['artifact-id']).toBe(String(artifacts.artifacts[0]!.id));
    expect(result.summary).toContain('## Example action');

    expect(github.requestsTo('issues/create-comment')).toMatchObject([{ status: 201, body: { body: 'Hello (11 characters)' } }]);
    expect(github.state.commentsOn(42)).toHaveLength(1);
    github.assertNoViolations();

    expect(artifacts.artifacts).toMatchObject([{ name: 'example-report', finalized: true }]);
    artifacts.assertNoViolations();
  });

  it('runs on Node 20 as well (the bundle targets node20; action.yml asks for node24)', async () => {
    const result = await run({ greeting: 'hello', 'issue-number': '42', 'upload-report': 'false' }, undefined, 20);
    expect(result.node.version).toMatch(/^v20\./);
    expect(result.exitCode).toBe(0);
    expect(result.outputs['comment-id']).toMatch(/^\d+$/);
    github.assertNoViolations();
  });

  it('renders an injected workflow command in an input inert', async () => {
    const result = await run({ greeting: 'hi\n::error::pwned\n::add-mask::x\n::stop-commands::tok', 'issue-number': '42' });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('\\::error::pwned');
    const names = result.commands.map((c) => c.name);
    expect(names).not.toContain('error');
    expect(names).not.toContain('stop-commands');
    // @actions/artifact masks the signatures of its signed URLs; the injected "x" is not among them.
    expect(result.commands.filter((c) => c.name === 'add-mask').map((c) => c.data)).not.toContain('x');
    expect(names).toEqual(expect.arrayContaining(['group', 'endgroup']));
  });

  it('fails with a message a user can act on when an input is wrong', async () => {
    const result = await run({ greeting: 'hi', 'issue-number': 'forty-two', 'upload-report': 'yes' });
    expect(result.exitCode).toBe(1);
    const errors = result.commands.filter((c) => c.name === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.data).toContain('input "issue-number": must be a whole number');
    expect(errors[0]!.data).toContain('input "upload-report": must be true or false');
    expect(github.requests).toEqual([]);
  });

  it('fails, and says why, when its token may not comment (a fork pull request)', async () => {
    const result = await run({ greeting: 'hi', 'issue-number': '42' }, github.readOnlyToken);
    expect(result.exitCode).toBe(1);
    const errors = result.commands.filter((c) => c.name === 'error');
    expect(errors[0]!.data).toMatch(/^internal error: Resource not accessible by integration/);
    github.assertNoViolations();
  });
});
