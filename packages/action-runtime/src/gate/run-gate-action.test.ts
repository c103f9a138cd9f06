import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '@gatehouse/findings';
import { FakeArtifactService, FakeGitHub, pullRequestEvent, pushEvent } from '@gatehouse/testing-harness';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FindingsLedger } from '../common/findings-ledger';
import { codeFinding, findingsDocument } from '../test-support/findings';
import { runInProcess } from '../test-support/in-process-action';
import { runGateAction, type GateInputs } from './run-gate-action';

const BASE = 'b'.repeat(40);
const HEAD = 'c'.repeat(40);
const old = codeFinding('app/old.py', 1);
const added = codeFinding('app/new.py', 2);

let github: FakeGitHub;
let artifacts: FakeArtifactService;
let workspace: string;

beforeEach(async () => {
  github = await FakeGitHub.start();
  artifacts = await FakeArtifactService.start();
  workspace = mkdtempSync(join(tmpdir(), 'gatehouse-gate-inproc-'));
  return async () => {
    await github.close();
    await artifacts.close();
  };
});

function inputs(overrides: Partial<GateInputs> = {}): GateInputs {
  return { token: github.writeToken, policy: '.github/gatehouse.yml', expected: [], findings: [], sarif: [], 'upload-sarif': true, 'upload-imported-sarif': false, comment: true, mode: 'auto', ...overrides };
}

/** A ledger that knows `old` since January and records what it is asked to write. */
function recordingLedger(): { ledger: FindingsLedger; writes: Finding[][] } {
  const writes: Finding[][] = [];
  return {
    writes,
    ledger: {
      read: async () => new Map([[old.id, '2026-01-05T00:00:00.000Z']]),
      write: async (findings) => {
        writes.push([...findings]);
      },
    },
  };
}

function pullRequest() {
  const payload = pullRequestEvent({ number: 9, base: { sha: BASE }, head: { sha: HEAD } });
  const merge = (payload.pull_request as { merge_commit_sha: string }).merge_commit_sha;
  github.state.setFile(BASE, '.github/gatehouse.yml', 'version: 1\n');
  github.state.setFile(merge, '.github/gatehouse.yml', 'version: 1\n');
  return payload;
}

describe('runGateAction and the findings ledger seam', () => {
  it('on a pull request: blocks only what the ledger does not know, takes first-seen dates from it, and never writes it', async () => {
    artifacts.seedArtifact('gatehouse-findings-sast-security', { 'findings.json': JSON.stringify(findingsDocument([old, added])) });
    const { ledger, writes } = recordingLedger();

    const { result, run } = await runInProcess({ github, artifacts, event: 'pull_request', payload: pullRequest(), workspace }, () =>
      runGateAction({ inputs: inputs(), ledger: () => ledger, sarifWait: false }),
    );

    expect(result.document.decision.blockingIds).toEqual([added.id]);
    const oldFinding = result.document.findings.find((f) => f.id === old.id)!;
    expect(oldFinding).toMatchObject({ isNew: false, firstSeen: '2026-01-05T00:00:00.000Z' });
    expect(oldFinding.slaDueAt).toBe('2026-01-12T00:00:00.000Z');
    expect(writes).toEqual([]);
    expect(run.exitCode).toBe(1);
  });

  it('on a push to the default branch: writes the run\u2019s findings to the ledger', async () => {
    github.state.setFile(HEAD, '.github/gatehouse.yml', 'version: 1\n');
    artifacts.seedArtifact('gatehouse-findings-sast-security', { 'findings.json': JSON.stringify(findingsDocument([old, added])) });
    const { ledger, writes } = recordingLedger();

    await runInProcess({ github, artifacts, event: 'push', payload: pushEvent({ ref: 'refs/heads/main', after: HEAD }), workspace }, () =>
      runGateAction({ inputs: inputs(), ledger: () => ledger, sarifWait: false }),
    );

    expect(writes.map((w) => w.map((f) => f.id).sort())).toEqual([[old.id, added.id].sort()]);
  });

  it('with nothing to judge is incomplete, never clean', async () => {
    const { result, run } = await runInProcess({ github, artifacts, event: 'pull_request', payload: pullRequest(), workspace }, () => runGateAction({ inputs: inputs(), sarifWait: false }));
    expect(result.document.decision.verdict).toBe('incomplete');
    expect(run.outputs.verdict).toBe('incomplete');
    expect(run.summary).toContain('there is nothing to judge');
    expect(run.exitCode).toBe(1);
  });

  it('passes a clean run and updates its one comment in place on the next run', async () => {
    artifacts.seedArtifact('gatehouse-findings-sast-security', { 'findings.json': JSON.stringify(findingsDocument([])) });
    const payload = pullRequest();
    const first = await runInProcess({ github, artifacts, event: 'pull_request', payload, workspace }, () => runGateAction({ inputs: inputs({ expected: ['sast'] }), sarifWait: false }));
    const second = await runInProcess({ github, artifacts, event: 'pull_request', payload, workspace }, () => runGateAction({ inputs: inputs({ expected: ['sast'] }), sarifWait: false }));
    expect(first.result.document.decision.verdict).toBe('pass');
    expect(first.run.exitCode).toBeUndefined();
    expect(first.result.comment.status).toBe('created');
    expect(['updated', 'unchanged']).toContain(second.result.comment.status);
    expect(github.state.commentsOn(9)).toHaveLength(1);
  });
});
