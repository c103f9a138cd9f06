import type { GitHubContext, GitHubEvent } from '@gatehouse/github';
import { describe, expect, it } from 'vitest';
import { modeNote, runModeFor } from './run-mode';

function context(event: GitHubEvent): GitHubContext {
  return { event } as GitHubContext;
}

const pullRequest = { kind: 'pull_request', name: 'pull_request', number: 1 } as GitHubEvent;

describe('runModeFor', () => {
  it('is pr on pull requests and merge queues, deploy on deployment events, push otherwise', () => {
    expect(runModeFor(context(pullRequest))).toBe('pr');
    expect(runModeFor(context({ kind: 'merge_group' } as GitHubEvent))).toBe('pr');
    expect(runModeFor(context({ kind: 'other', name: 'deployment' }))).toBe('deploy');
    expect(runModeFor(context({ kind: 'push' } as GitHubEvent))).toBe('push');
    expect(runModeFor(context({ kind: 'other', name: 'schedule' }))).toBe('push');
    expect(runModeFor(context({ kind: 'workflow_dispatch' } as GitHubEvent))).toBe('push');
  });

  it('is local outside GitHub Actions, and whatever the input names when it is not auto', () => {
    expect(runModeFor(undefined)).toBe('local');
    expect(runModeFor(context(pullRequest), 'deploy')).toBe('deploy');
  });

  it('says whether new-only applies to the mode', () => {
    expect(modeNote('pr', ['pr'])).toContain('new-only');
    expect(modeNote('push', ['pr'])).toContain('every open finding counts');
  });
});
