// sbom's committed bundle, run the way the runner runs it (Node 24), against the OpenAPI-checked fake
// GitHub and the fake artifact service. cyclonedx-npm runs for real; syft cannot run here, so a stub
// executable takes its place in the seeded tool cache, asserts its argv and writes recorded SBOMs.
// Every SBOM is validated by the bundle itself against the official CycloneDX schema.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SeededToolCache } from '@gatehouse/action-runtime/test-support/seeded-tool-cache';
import { stubCalls, stubScannerScript } from '@gatehouse/action-runtime/test-support/stub-scanner-script';
import { unzipInMemory } from '@gatehouse/github';
import { FakeArtifactService, FakeGitHub, pushEvent, runBundledAction, type BundledActionRun } from '@gatehouse/testing-harness';
import { beforeEach, describe, expect, it } from 'vitest';

const bundle = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const manifest = fileURLToPath(new URL('../action.yml', import.meta.url));
const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const HEAD = 'c'.repeat(40);
const API_KEY = 'odt_' + 'k3y'.repeat(10);

let github: FakeGitHub;
let artifacts: FakeArtifactService;
let workspace: string;
let tools: SeededToolCache;

beforeEach(async () => {
  github = await FakeGitHub.start();
  artifacts = await FakeArtifactService.start();
  workspace = mkdtempSync(join(tmpdir(), 'gatehouse-sbom-'));
  cpSync(join(fixtures, 'npm-project'), workspace, { recursive: true });
  execFileSync('git', ['init', '-q'], { cwd: workspace });
  execFileSync('git', ['add', '.'], { cwd: workspace });
  tools = new SeededToolCache();
  return async () => {
    await github.close();
    await artifacts.close();
  };
});

interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A loopback Dependency-Track answering each request with the next status of `statuses`. */
async function dependencyTrack(statuses: number[]): Promise<{ url: string; requests: RecordedRequest[]; server: Server }> {
  const requests: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ method: request.method!, url: request.url!, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = statuses[Math.min(requests.length - 1, statuses.length - 1)]!;
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(status === 200 || status === 201 ? JSON.stringify({ token: '3f7a2b1c-0000-4000-8000-000000000001' }) : '{}');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

async function runSbom(inputs: Record<string, string>): Promise<BundledActionRun> {
  return runBundledAction({ bundle, actionManifest: manifest, workspace, github, artifacts, event: 'push', payload: pushEvent({ ref: 'refs/heads/main', after: HEAD }), env: { RUNNER_TOOL_CACHE: tools.root }, inputs, timeoutMs: 120_000 });
}

async function artifactFiles(name: string): Promise<Map<string, string>> {
  const artifact = artifacts.artifacts.find((a) => a.name === name);
  if (!artifact) throw new Error(`no artifact ${name}; have ${artifacts.artifacts.map((a) => a.name).join(', ')}`);
  const files = await unzipInMemory(artifact.content);
  return new Map([...files].map(([path, content]) => [path, content.toString('utf8')]));
}

const engines = (files: Map<string, string>) => (JSON.parse(files.get('findings.json')!) as { engines: { id: string; status: string; reason?: string }[] }).engines;

describe('sbom (bundled, under Node 24)', () => {
  it('writes a schema-valid CycloneDX SBOM with the real cyclonedx-npm, keeps it in the artifact, uploads it to Dependency-Track after a 503, and submits it to the dependency graph', async () => {
    const server = await dependencyTrack([503, 201]);
    const snapshots: unknown[] = [];
    github.on('POST /repos/{owner}/{repo}/dependency-graph/snapshots', (request) => {
      snapshots.push(request.body);
      return { status: 201, body: { id: 4711, created_at: '2026-11-22T09:00:00Z', result: 'SUCCESS', message: 'Dependency results for the repo have been successfully updated.' } };
    });
    try {
      const run = await runSbom({ generator: 'cyclonedx-npm', 'dependency-track-url': server.url, 'dependency-track-api-key': API_KEY, 'dependency-track-project': 'shop-web', 'dependency-graph': 'true' });

      // (The bundled CycloneDX validator's URI library loads the deprecated punycode module: a warning only.)
      expect(run.stderr).not.toMatch(/error/i);
      expect(run.exitCode).toBe(0);
      expect(run.outputs).toMatchObject({ verdict: 'pass', 'dependency-track': 'uploaded', 'dependency-graph': 'submitted', 'spdx-file': '', 'findings-artifact': 'gatehouse-findings-sbom-security' });
      expect(run.outputs['sbom-file']).toBe(join(workspace, '.gatehouse', 'sbom.cdx.json'));

      const files = await artifactFiles('gatehouse-findings-sbom-security');
      const sbom = JSON.parse(files.get('sbom.cdx.json')!) as { bomFormat: string; components: { purl?: string }[] };
      expect(sbom.bomFormat).toBe('CycloneDX');
      expect(sbom.components.map((c) => c.purl)).toContain('pkg:npm/lodash@4.17.15');
      expect(engines(files)).toContainEqual(expect.objectContaining({ id: 'cdxgen', status: 'ran' }));

      expect(server.requests).toHaveLength(2);
      for (const request of server.requests) {
        expect(request).toMatchObject({ method: 'PUT', url: '/api/v1/bom' });
        expect(request.headers['x-api-key']).toBe(API_KEY);
        expect(request.headers['content-type']).toMatch(/^application\/json/);
      }
      const body = JSON.parse(server.requests[1]!.body) as { projectName: string; projectVersion: string; autoCreate: boolean; bom: string };
      expect(body).toMatchObject({ projectName: 'shop-web', projectVersion: 'main', autoCreate: true });
      expect(Buffer.from(body.bom, 'base64').toString('utf8')).toBe(files.get('sbom.cdx.json'));

      expect(snapshots).toHaveLength(1);
      expect(snapshots[0]).toMatchObject({ sha: HEAD, ref: 'refs/heads/main', detector: { name: 'gatehouse' }, job: { correlator: expect.stringContaining('gatehouse-findings-sbom-security') } });
      const manifests = (snapshots[0] as { manifests: Record<string, { resolved: Record<string, { package_url: string; relationship: string }> }> }).manifests;
      expect(Object.keys(manifests)).toEqual(['package-lock.json']);
      expect(Object.values(manifests['package-lock.json']!.resolved)).toContainEqual(expect.objectContaining({ package_url: 'pkg:npm/lodash@4.17.15', relationship: 'direct' }));
      expect(run.summary).toContain('SBOM publication');
      // Masked first (the runner hides it from then on), then never written anywhere.
      expect(run.commands).toContainEqual(expect.objectContaining({ name: 'add-mask', data: API_KEY }));
      const logged = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
      for (const text of [...logged, run.summary, JSON.stringify(run.outputs), ...files.values(), ...server.requests.map((r) => r.body)]) expect(text).not.toContain(API_KEY);
    } finally {
      server.server.close();
    }
  });

  it('writes CycloneDX and SPDX of an image with syft, both checked before they are kept', async () => {
    const calls = join(mkdtempSync(join(tmpdir(), 'gatehouse-syft-calls-')), 'syft.jsonl');
    const cyclonedx = readFileSync(join(fixtures, 'shop-api.syft.cdx.json'), 'utf8');
    const spdx = readFileSync(join(fixtures, 'shop-api.syft.spdx.json'), 'utf8');
    // syft writes each -o format=path itself: the stub writes both recorded documents where syft would.
    const script = stubScannerScript({
      name: 'syft',
      argv: ['docker:shop/api:2.1.0', '-o', { re: 'cyclonedx-json@1\\.6=/.+/sbom\\.cdx\\.json' }, '-o', { re: 'spdx-json=/.+/sbom\\.spdx\\.json' }, '-c', { re: '/.+/syft-config\\.yaml' }],
      callLog: calls,
      action: { kind: 'stdout', content: '', exitCode: 0 },
    });
    tools.binary('syft', script.replace("case 'stdout':", `case 'stdout':\n    for (const arg of argv) { const m = /^(cyclonedx-json@1\\.6|spdx-json)=(.+)$/.exec(arg); if (m) fs.writeFileSync(m[2], m[1] === 'spdx-json' ? ${JSON.stringify(spdx)} : ${JSON.stringify(cyclonedx)}); }`));

    const run = await runSbom({ target: 'image', image: 'shop/api:2.1.0', spdx: 'true' });

    expect(stubCalls(calls)).toHaveLength(1);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.verdict).toBe('pass');
    const files = await artifactFiles('gatehouse-findings-sbom-security');
    expect([...files.keys()].filter((f) => f.startsWith('sbom.')).sort()).toEqual(['sbom.cdx.json', 'sbom.spdx.json']);
    expect(engines(files)).toContainEqual(expect.objectContaining({ id: 'syft', status: 'ran' }));
  });

  it('an SBOM that does not validate against the CycloneDX schema is incomplete, kept out of the artifact, and never uploaded', async () => {
    const server = await dependencyTrack([201]);
    const calls = join(mkdtempSync(join(tmpdir(), 'gatehouse-syft-calls-')), 'syft.jsonl');
    const invalid = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: [{ name: 'lodash', type: 'not-a-component-type' }] });
    const script = stubScannerScript({ name: 'syft', argv: null, callLog: calls, action: { kind: 'stdout', content: '', exitCode: 0 } });
    tools.binary('syft', script.replace("case 'stdout':", `case 'stdout':\n    for (const arg of argv) { const m = /^cyclonedx-json@1\\.6=(.+)$/.exec(arg); if (m) fs.writeFileSync(m[1], ${JSON.stringify(invalid)}); }`));
    try {
      const run = await runSbom({ generator: 'syft', 'dependency-track-url': server.url, 'dependency-track-api-key': API_KEY });

      expect(run.exitCode).toBe(1);
      expect(run.outputs).toMatchObject({ verdict: 'incomplete', 'sbom-file': '', 'dependency-track': 'skipped' });
      expect(server.requests).toEqual([]);
      const files = await artifactFiles('gatehouse-findings-sbom-security');
      expect(files.has('sbom.cdx.json')).toBe(false);
      const syft = engines(files).find((e) => e.id === 'syft')!;
      expect(syft.status).toBe('incomplete');
      // A verdict of the schema on the document, not a validator that could not run.
      expect(syft.reason).toMatch(/\/components\/0\/type/);
      expect(syft.reason).not.toMatch(/could not run/);
    } finally {
      server.server.close();
    }
  });
});
