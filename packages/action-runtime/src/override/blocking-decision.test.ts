import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, type FindingsDocument } from '@gatehouse/findings';
import { describe, expect, it } from 'vitest';
import { noFindingsLedger } from '../common/findings-ledger';
import { filesInWorkspace } from '../common/trusted-files';
import { loadTrustedPolicy } from '../common/trusted-policy';
import type { RunArtifactReader } from '../gate/gather-sources';
import { codeFinding, findingsDocument, NOW } from '../test-support/findings';
import { isDecisionPath, readBlockingDecision } from './blocking-decision';

function workspaceWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-override-decision-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const noArtifacts: RunArtifactReader = {
  list: async () => [],
  download: async (name) => {
    throw new Error(`no artifact ${name}`);
  },
};

function artifactsHolding(name: string, document: unknown): RunArtifactReader {
  return { list: async () => [], download: async (asked) => (asked === name ? new Map([['findings.json', Buffer.from(JSON.stringify(document))]]) : new Map()) };
}

async function read(workspace: string, decision: string, artifacts: RunArtifactReader = noArtifacts, policyText?: string) {
  if (policyText) writeFileSync(join(workspace, 'gatehouse.yml'), policyText);
  const policy = await loadTrustedPolicy(filesInWorkspace(workspace), 'gatehouse.yml');
  return readBlockingDecision({ decision, workspace, artifacts, policy, ledger: noFindingsLedger, now: NOW });
}

const blocking = (): FindingsDocument => findingsDocument([codeFinding('app/main.py', 5)]);

describe('readBlockingDecision', () => {
  it('tells a file from an artifact name', () => {
    expect(isDecisionPath('reports/findings.json')).toBe(true);
    expect(isDecisionPath('findings.json')).toBe(true);
    expect(isDecisionPath('gatehouse-decision-policy-gate-gate')).toBe(false);
  });

  it('decides again with the trusted policy, ignoring the decision the document carries', async () => {
    const document = { ...blocking(), decision: { ...blocking().decision, verdict: 'pass', blockingIds: [] } };
    const workspace = workspaceWith({ 'out/findings.json': JSON.stringify(document) });
    const read1 = await read(workspace, 'out/findings.json');
    expect(read1).toMatchObject({ source: 'file out/findings.json', decision: { verdict: 'block', counts: { blocking: 1 } } });
    const read2 = await read(workspace, 'out/findings.json', noArtifacts, 'version: 1\nrules:\n  block: critical\n');
    expect(read2.decision.verdict).toBe('warn');
  });

  it('reads findings.json of an artifact of this run', async () => {
    const decision = await read(workspaceWith({}), 'gatehouse-decision-policy-gate-gate', artifactsHolding('gatehouse-decision-policy-gate-gate', blocking()));
    expect(decision).toMatchObject({ source: 'artifact gatehouse-decision-policy-gate-gate', decision: { verdict: 'block' } });
  });

  it('makes the decision incomplete when a finding does not validate, keeping the others', async () => {
    const document = blocking();
    const workspace = workspaceWith({ 'findings.json': JSON.stringify({ ...document, findings: [...document.findings, { id: 'x' }] }) });
    const decision = await read(workspace, 'findings.json');
    expect(decision.decision.verdict).toBe('incomplete');
    expect(decision.findings).toHaveLength(1);
    expect(decision.problems[0]).toContain('did not validate');
  });

  it('refuses a missing artifact, a missing file and a file that leads outside the workspace', async () => {
    await expect(read(workspaceWith({}), 'gatehouse-decision-policy-gate-gate')).rejects.toThrow(ConfigurationError);
    await expect(read(workspaceWith({}), 'out/findings.json')).rejects.toThrow('does not exist in the workspace');
    await expect(read(workspaceWith({}), '../findings.json')).rejects.toThrow(ConfigurationError);
    const outside = workspaceWith({ 'findings.json': JSON.stringify(blocking()) });
    const workspace = workspaceWith({});
    symlinkSync(join(outside, 'findings.json'), join(workspace, 'linked.json'));
    await expect(read(workspace, 'linked.json')).rejects.toThrow('leads outside the workspace');
  });
});
