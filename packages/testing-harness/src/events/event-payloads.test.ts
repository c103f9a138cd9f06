import { describe, expect, it } from 'vitest';
import { pullRequestEvent } from './pull-request-event';
import { pushEvent } from './push-event';
import { webhookPayloadProblems } from './webhook-schemas';
import { workflowDispatchEvent } from './workflow-dispatch-event';

describe('event payload builders, checked against GitHub’s webhook schemas', () => {
  it('builds a valid pull_request opened payload', () => {
    expect(webhookPayloadProblems('pull_request', 'opened', pullRequestEvent())).toEqual([]);
  });

  it('builds a valid pull_request synchronize payload with before and after', () => {
    const payload = pullRequestEvent({ action: 'synchronize', number: 7 });
    expect(webhookPayloadProblems('pull_request', 'synchronize', payload)).toEqual([]);
    expect(payload.after).toBe((payload.pull_request as { head: { sha: string } }).head.sha);
  });

  it('builds a fork pull request: the head repository is a fork owned by the contributor', () => {
    const payload = pullRequestEvent({ head: { ref: 'patch-1', fork: { owner: 'outsider' } } }) as {
      pull_request: { head: { repo: { fork: boolean; full_name: string }; label: string }; base: { repo: { fork: boolean } } };
      sender: { login: string };
    };
    expect(webhookPayloadProblems('pull_request', 'opened', payload)).toEqual([]);
    expect(payload.pull_request.head.repo).toMatchObject({ fork: true, full_name: 'outsider/octo-repo' });
    expect(payload.pull_request.head.label).toBe('outsider:patch-1');
    expect(payload.pull_request.base.repo.fork).toBe(false);
    expect(payload.sender.login).toBe('outsider');
  });

  it('builds a valid push payload', () => {
    expect(webhookPayloadProblems('push', undefined, pushEvent({ ref: 'refs/heads/main', modified: ['requirements.txt'] }))).toEqual([]);
  });

  it('builds a valid workflow_dispatch payload', () => {
    expect(webhookPayloadProblems('workflow_dispatch', undefined, workflowDispatchEvent({ inputs: { environment: 'production' } }))).toEqual([]);
  });

  it('would notice a payload that is not GitHub-shaped', () => {
    const broken = pullRequestEvent() as { pull_request: Record<string, unknown> };
    delete broken.pull_request.head;
    expect(webhookPayloadProblems('pull_request', 'opened', broken)).toContain("/pull_request must have required property 'head'");
  });
});
