import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryLogger } from '@gatehouse/findings';
import type { ArtifactFiles, RunArtifact } from '@gatehouse/github';
import { describe, expect, it } from 'vitest';
import { codeFinding, findingsDocument } from '../test-support/findings';
import { parseExpected } from './expected-artifacts';
import { gatherFindingsFiles, gatherRunArtifacts, gatherSarifFiles, missingExpectedArtifacts, type RunArtifactReader } from './gather-sources';
import { expandWorkspaceGlobs } from './workspace-globs';

function reader(artifacts: Record<string, Record<string, string> | Error>): RunArtifactReader & { listedWith: unknown[] } {
  const listedWith: unknown[] = [];
  return {
    listedWith,
    async list(options) {
      listedWith.push(options);
      return Object.keys(artifacts).map((name, i): RunArtifact => ({ id: i + 1, name, size: 1, digest: undefined }));
    },
    async download(name): Promise<ArtifactFiles> {
      const files = artifacts[name]!;
      if (files instanceof Error) throw files;
      return new Map(Object.entries(files).map(([path, text]) => [path, Buffer.from(text)]));
    },
  };
}

describe('gathering this run\u2019s findings artifacts', () => {
  it('reads each gatehouse-findings-* artifact\u2019s findings.json and names the artifact in its engines\u2019 reports', async () => {
    const artifacts = reader({ 'gatehouse-findings-sast-build': { 'findings.json': JSON.stringify(findingsDocument([codeFinding('a.py', 1)])) } });
    const { sources, names } = await gatherRunArtifacts(artifacts, new MemoryLogger());
    expect(artifacts.listedWith).toEqual([{ prefix: 'gatehouse-findings-' }]);
    expect(names).toEqual(['gatehouse-findings-sast-build']);
    expect(sources).toMatchObject([{ kind: 'artifact', name: 'gatehouse-findings-sast-build', problems: [], findings: [{ ruleId: 'B602' }] }]);
    expect(sources[0]!.engines[0]!.reports).toEqual(['gatehouse-findings-sast-build/findings.json']);
  });

  it('keeps an artifact it cannot read as a source with a problem, and reads the others', async () => {
    const { sources } = await gatherRunArtifacts(
      reader({
        'gatehouse-findings-sast-a': new Error('artifact gatehouse-findings-sast-a does not match the digest recorded at upload'),
        'gatehouse-findings-sast-b': { 'summary.md': '# hi' },
        'gatehouse-findings-sast-c': { 'findings.json': JSON.stringify(findingsDocument([codeFinding('c.py', 3)])) },
      }),
      new MemoryLogger(),
    );
    expect(sources.map((s) => [s.name, s.problems.join('; '), s.findings.length])).toEqual([
      ['gatehouse-findings-sast-a', 'it could not be read: artifact gatehouse-findings-sast-a does not match the digest recorded at upload', 0],
      ['gatehouse-findings-sast-b', 'it holds no findings.json (the action did not finish?)', 0],
      ['gatehouse-findings-sast-c', '', 1],
    ]);
  });

  it('turns a listing failure into one source with a problem (never "no artifacts")', async () => {
    const failing: RunArtifactReader = { list: async () => Promise.reject(new Error('ACTIONS_RUNTIME_TOKEN is not set')), download: async () => new Map() };
    const { sources, names } = await gatherRunArtifacts(failing, new MemoryLogger());
    expect(names).toEqual([]);
    expect(sources).toMatchObject([{ problems: ["this run's artifacts could not be listed: ACTIONS_RUNTIME_TOKEN is not set"] }]);
  });

  it('names each expected action no artifact answers', () => {
    const missing = missingExpectedArtifacts(parseExpected(['sast', 'secrets-scan', 'deps-audit/lock']), ['gatehouse-findings-sast-build', 'gatehouse-findings-deps-audit-build']);
    expect(missing.map((s) => s.name)).toEqual(['secrets-scan', 'deps-audit/lock']);
    expect(missing[0]!.problems[0]).toContain('no gatehouse-findings-* artifact of this run is from secrets-scan');
  });
});

describe('gathering files from the workspace', () => {
  it('reads findings.json files and SARIF files the globs match, and makes a pattern that matches nothing a problem', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'gatehouse-gather-'));
    mkdirSync(join(workspace, 'reports'));
    writeFileSync(join(workspace, 'reports', 'one.json'), JSON.stringify(findingsDocument([codeFinding('a.py', 1)])));
    writeFileSync(join(workspace, 'reports', 'broken.json'), '{');
    writeFileSync(
      join(workspace, 'reports', 'tool.sarif'),
      JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'Lint' } }, results: [{ ruleId: 'x', level: 'error', message: { text: 'bad' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a.py' }, region: { startLine: 2 } } }] }] }] }),
    );

    const findings = gatherFindingsFiles(workspace, await expandWorkspaceGlobs(workspace, ['reports/*.json', 'nothing/*.json'], 'findings'));
    expect(findings.map((s) => [s.name, s.findings.length, s.problems.length])).toEqual([
      ['reports/broken.json', 0, 1],
      ['reports/one.json', 1, 0],
      ['nothing/*.json', 0, 1],
    ]);
    expect(findings[0]!.problems[0]).toMatch(/reports\/broken\.json.*truncated/);

    const sarif = gatherSarifFiles(workspace, await expandWorkspaceGlobs(workspace, ['reports/*.sarif'], 'sarif'), { workspace, salt: 's'.repeat(16) }, () => undefined);
    expect(sarif).toMatchObject([{ kind: 'sarif-file', name: 'reports/tool.sarif', engines: [{ id: 'sarif', status: 'ran' }], problems: [] }]);
    expect(sarif[0]!.findings).toHaveLength(1);
  });
});
