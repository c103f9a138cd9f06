// An ActionSetup for unit tests of policy-gate's publishers: a real client and context against the
// fake GitHub, the policy given, and a fixed clock.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActionSetup } from '@gatehouse/action-runtime';
import { silentLogger, type Finding, type FindingsDocument, type Logger } from '@gatehouse/findings';
import { readGitHubContext } from '@gatehouse/github';
import { testClient } from '@gatehouse/github/test-support';
import { evaluate, PolicySchema, type PolicyInput } from '@gatehouse/policy';
import { pullRequestEvent, pushEvent, type FakeGitHub } from '@gatehouse/testing-harness';

export function publisherSetup(github: FakeGitHub, options: { policy?: Partial<PolicyInput>; event?: 'push' | 'pull_request'; now: Date; logger?: Logger }): ActionSetup {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-publisher-'));
  const eventPath = join(dir, 'event.json');
  const event = options.event ?? 'push';
  writeFileSync(eventPath, JSON.stringify(event === 'push' ? pushEvent() : pullRequestEvent({ number: 3 })));
  const context = readGitHubContext({
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_REF: event === 'push' ? 'refs/heads/main' : 'refs/pull/3/merge',
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTOR: 'octocat',
    GITHUB_WORKFLOW: 'Security',
  });
  const policy = PolicySchema.parse({ version: 1, ...options.policy });
  return {
    action: 'policy-gate',
    context,
    client: testClient(github),
    logger: options.logger ?? silentLogger,
    now: options.now,
    runUrl: 'https://github.com/octo-org/octo-repo/actions/runs/4242',
    policy: { loaded: { policy }, path: '.github/gatehouse.yml', description: 'test policy' },
  } as unknown as ActionSetup;
}

/** The gate's document for `findings` under `policy` at `now`, first seen as given. */
export function gateDocument(findings: Finding[], options: { policy?: Partial<PolicyInput>; now: Date; firstSeen?: Map<string, string>; engines?: FindingsDocument['engines'] }): FindingsDocument {
  const engines = options.engines ?? [{ id: 'bandit', status: 'ran', findings: findings.length }];
  const evaluation = evaluate(findings, PolicySchema.parse({ version: 1, ...options.policy }), options.now, { engines, ...(options.firstSeen ? { firstSeen: options.firstSeen } : {}) });
  return {
    schemaVersion: '1.0',
    tool: { name: 'gatehouse', version: '0.1.0' },
    target: { name: 'octo-org/octo-repo', kind: 'repository' },
    generatedAt: options.now.toISOString(),
    engines,
    decision: evaluation.decision,
    findings: evaluation.findings,
  };
}
