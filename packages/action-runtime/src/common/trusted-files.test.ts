import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '@gatehouse/findings';
import { FakeGitHub } from '@gatehouse/testing-harness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeClient } from '../test-support/github-client';
import { copyTrustedFile, filesAtRef, filesInWorkspace, workspaceThenRef } from './trusted-files';

const SHA = 'a'.repeat(40);
let github: FakeGitHub;
let workspace: string;

beforeEach(async () => {
  github = await FakeGitHub.start();
  workspace = mkdtempSync(join(tmpdir(), 'gatehouse-trusted-'));
});

afterEach(async () => {
  await github.close();
});

describe('trusted files', () => {
  it('at a commit come from the contents API at that commit; a missing one is absent, not an error', async () => {
    github.state.setFile(SHA, '.github/gatehouse.yml', 'version: 1\n');
    const files = filesAtRef(fakeClient(github), SHA, 'the base commit');
    expect(await files.read('.github/gatehouse.yml')).toEqual({ found: true, path: '.github/gatehouse.yml', text: 'version: 1\n' });
    expect(await files.read('.github/missing.yml')).toEqual({ found: false, path: '.github/missing.yml' });
    expect(github.requests.map((r) => r.query.ref)).toEqual([SHA, SHA]);
  });

  it('that GitHub will not give are a configuration error saying what to change, never the defaults', async () => {
    const noContents = github.tokens.create({ pull_requests: 'write' });
    const files = filesAtRef(fakeClient(github, noContents), SHA, 'the base commit aaaaaaa');
    const error = await files.read('.github/gatehouse.yml').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/^cannot read \.github\/gatehouse\.yml from the base commit aaaaaaa: .*the token needs `contents: read`/);
  });

  it('in the workspace refuse a link that leads out of it', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'gatehouse-outside-'));
    writeFileSync(join(outside, 'policy.yml'), 'version: 1\n');
    mkdirSync(join(workspace, '.github'));
    symlinkSync(join(outside, 'policy.yml'), join(workspace, '.github', 'gatehouse.yml'));
    await expect(filesInWorkspace(workspace).read('.github/gatehouse.yml')).rejects.toThrow(/outside the workspace/);
  });

  it('refuse paths that are not repository-relative', async () => {
    await expect(filesInWorkspace(workspace).read('../etc/passwd')).rejects.toBeInstanceOf(ConfigurationError);
    await expect(filesInWorkspace(workspace).read('/etc/passwd')).rejects.toBeInstanceOf(ConfigurationError);
  });

  it('of a job without a checkout are asked of GitHub at the run\u2019s commit, never taken as absent', async () => {
    github.state.setFile(SHA, '.github/gatehouse.yml', 'version: 1\nrules:\n  block: critical\n');
    mkdirSync(join(workspace, '.github'));
    writeFileSync(join(workspace, '.github', 'vex.json'), '{}');
    const files = workspaceThenRef(workspace, filesAtRef(fakeClient(github), SHA, 'commit aaaaaaa'));
    expect(await files.read('.github/vex.json')).toMatchObject({ found: true, text: '{}' });
    expect(github.requests).toHaveLength(0);
    expect(await files.read('.github/gatehouse.yml')).toMatchObject({ found: true, text: 'version: 1\nrules:\n  block: critical\n' });
    expect(github.requests).toHaveLength(1);
  });

  it('are copied for an engine into a private folder, from the trusted source only', async () => {
    github.state.setFile(SHA, '.gitleaks.toml', '[allowlist]\npaths = []\n');
    writeFileSync(join(workspace, '.gitleaks.toml'), '[allowlist]\npaths = [".*"]\n');
    const privateDir = join(mkdtempSync(join(tmpdir(), 'gatehouse-private-')), 'config');
    const copy = await copyTrustedFile(filesAtRef(fakeClient(github), SHA, 'the base commit'), '.gitleaks.toml', privateDir);
    expect(readFileSync(copy!, 'utf8')).toBe('[allowlist]\npaths = []\n');
    expect(await copyTrustedFile(filesAtRef(fakeClient(github), SHA, 'the base commit'), '.semgrep.yml', privateDir)).toBeUndefined();
  });
});
