import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, contextHashOfLine } from '@gatehouse/findings';
import type { RunOptions } from '../adapter';
import type { HardeningReport } from './report';
import { runContainerHardening } from './run';

const FIXTURES = fileURLToPath(new URL('./__fixtures__/', import.meta.url));

async function scan(targets: string[], extra: Partial<RunOptions> = {}, workspace = FIXTURES): Promise<HardeningReport> {
  const text = await runContainerHardening({ executable: '', workspace, targets, reportPath: '', mode: 'full', ...extra }, new AbortController().signal);
  return JSON.parse(text) as HardeningReport;
}
const hits = (report: HardeningReport) => report.results.map((r) => `${r.ruleId} ${r.path}${r.startLine ? `:${r.startLine}` : ''}`);

describe('container hardening on the vulnerable demo app', () => {
  it('flags each problem on its line: floating base, root, no HEALTHCHECK, unpinned pip, privileged api, no limits or restart, web on node:latest', async () => {
    const report = await scan(['vulnerable-app']);
    expect(report.errors).toEqual([]);
    expect(report.scanned).toEqual(['vulnerable-app/Dockerfile', 'vulnerable-app/docker-compose.yml']);
    expect(hits(report)).toEqual([
      'DS-0002 vulnerable-app/Dockerfile',
      'DS-0001 vulnerable-app/Dockerfile:2',
      'DS-0026 vulnerable-app/Dockerfile',
      'CH-PIP-UNPINNED vulnerable-app/Dockerfile:5',
      'CH-COMPOSE-PRIVILEGED vulnerable-app/docker-compose.yml:5',
      'CH-COMPOSE-NO-LIMITS vulnerable-app/docker-compose.yml:3',
      'CH-COMPOSE-NO-RESTART vulnerable-app/docker-compose.yml:3',
      'CH-COMPOSE-NO-LIMITS vulnerable-app/docker-compose.yml:8',
      'CH-COMPOSE-NO-RESTART vulnerable-app/docker-compose.yml:8',
      'CH-COMPOSE-IMAGE-TAG vulnerable-app/docker-compose.yml:9',
    ]);
  });

  it('says what is unpinned, and hashes the source line instead of keeping it', async () => {
    const report = await scan(['vulnerable-app/Dockerfile']);
    const pip = report.results.find((r) => r.ruleId === 'CH-PIP-UNPINNED')!;
    expect(pip.message).toBe('pip installs flask, gunicorn without a pinned version');
    expect(pip.contextHash).toBe(contextHashOfLine('RUN pip install flask gunicorn'));
    expect(JSON.stringify(report)).not.toContain('RUN pip install');
  });

  it('rates like the trivy checks it mirrors', async () => {
    const report = await scan(['vulnerable-app/Dockerfile']);
    expect(Object.fromEntries(report.results.map((r) => [r.ruleId, r.severity]))).toMatchObject({ 'DS-0002': 'high', 'DS-0001': 'medium', 'DS-0026': 'low' });
  });
});

describe('container hardening stays quiet on hardened files', () => {
  it('finds nothing in a digest-pinned, non-root, health-checked image and a limited, restarting compose file', async () => {
    const report = await scan(['hardened']);
    expect(report).toMatchObject({ results: [], errors: [], scanned: ['hardened/Dockerfile', 'hardened/docker-compose.yml'] });
  });
});

describe('container hardening on multi-stage builds and other compose forms', () => {
  it('judges the final stage (USER root:root, HEALTHCHECK NONE), resolves ARG defaults, skips stage aliases and scratch', async () => {
    const report = await scan(['multi-stage']);
    expect(hits(report)).toEqual([
      'DS-0002 multi-stage/Dockerfile:10',
      'DS-0001 multi-stage/Dockerfile:2',
      'DS-0001 multi-stage/Dockerfile:7',
      'DS-0026 multi-stage/Dockerfile:11',
      'CH-PIP-UNPINNED multi-stage/Dockerfile:12',
      'CH-COMPOSE-NO-RESTART multi-stage/compose.prod.yaml:4',
      'CH-COMPOSE-IMAGE-TAG multi-stage/compose.prod.yaml:3',
      'CH-COMPOSE-PRIVILEGED multi-stage/compose.prod.yaml:11',
    ]);
    expect(report.results.find((r) => r.ruleId === 'CH-PIP-UNPINNED')).toMatchObject({ endLine: 15, message: 'pip installs pip, requests>=2 without a pinned version' });
  });

  it('inherits USER and HEALTHCHECK from the stage a final stage is built on', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'gh-hardening-'));
    writeFileSync(join(ws, 'Dockerfile'), 'FROM alpine:3.20 AS base\nUSER 1000\nHEALTHCHECK CMD true\nFROM base\nCMD ["sh"]\n');
    expect((await scan([], {}, ws)).results).toEqual([]);
  });

  it('accepts a distroless nonroot base without USER, and flags scratch without one', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'gh-hardening-'));
    writeFileSync(join(ws, 'Dockerfile'), 'FROM gcr.io/distroless/static-debian12:nonroot\nHEALTHCHECK NONE\n');
    writeFileSync(join(ws, 'scratch.Dockerfile'), 'FROM scratch\nCOPY app /app\nHEALTHCHECK CMD ["/app", "health"]\n');
    expect(hits(await scan([], {}, ws))).toEqual(['DS-0026 Dockerfile:2', 'DS-0002 scratch.Dockerfile']);
  });
});

describe('container hardening options and errors', () => {
  it('switches rules off by key or id, and says so in the report', async () => {
    const report = await scan(['vulnerable-app'], { extraArgs: ['--disable', 'healthcheck', '--disable=CH-COMPOSE-NO-LIMITS'] });
    expect(hits(report).some((h) => h.startsWith('DS-0026') || h.startsWith('CH-COMPOSE-NO-LIMITS'))).toBe(false);
    expect(report.rules.filter((r) => !r.enabled).map((r) => r.key)).toEqual(['healthcheck', 'resource-limits']);
  });

  it('refuses an unknown rule or argument with a ConfigurationError naming the known rules', async () => {
    await expect(scan([], { extraArgs: ['--disable', 'no-such-rule'] })).rejects.toThrow(ConfigurationError);
    await expect(scan([], { extraArgs: ['--disable', 'nope'] })).rejects.toThrow(/known rules: non-root-user, no-latest-base-image/);
    await expect(scan([], { extraArgs: ['--strict'] })).rejects.toThrow(/unknown argument "--strict"/);
  });

  it('reports files it cannot check (invalid YAML, no FROM) and still checks the others', async () => {
    const report = await scan(['broken', 'vulnerable-app/Dockerfile']);
    expect(report.errors).toEqual([
      { path: 'broken/Dockerfile.template', message: 'no FROM instruction: not a Dockerfile that can be checked' },
      { path: 'broken/docker-compose.yml', message: 'YAML error at line 4, column 5: Map keys must be unique' },
    ]);
    expect(report.results.length).toBe(4);
  });

  it('refuses targets outside the workspace or missing, and does not follow symbolic links', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'gh-hardening-'));
    const outside = mkdtempSync(join(tmpdir(), 'gh-hardening-outside-'));
    writeFileSync(join(outside, 'Dockerfile'), 'FROM alpine\n');
    symlinkSync(join(outside, 'Dockerfile'), join(ws, 'Dockerfile'));
    symlinkSync(outside, join(ws, 'linked-dir'));
    const report = await scan(['.', '../elsewhere', 'gone/Dockerfile', 'Dockerfile'], {}, ws);
    expect(report.scanned).toEqual([]);
    expect(report.errors).toEqual([
      { path: '../elsewhere', message: expect.stringMatching(/^not checked: path leaves the workspace/) },
      { path: 'gone/Dockerfile', message: 'not checked: no such file or directory' },
      { path: 'Dockerfile', message: 'not checked: a symbolic link (links are not followed)' },
    ]);
  });

  it('reads its targets from a targets file (a pull request\'s changed files)', async () => {
    const list = join(mkdtempSync(join(tmpdir(), 'gh-hardening-list-')), 'targets.txt');
    writeFileSync(list, 'vulnerable-app/docker-compose.yml\nhardened/Dockerfile\n');
    const report = await scan([], { targetsFile: list });
    expect(report.scanned).toEqual(['vulnerable-app/docker-compose.yml', 'hardened/Dockerfile']);
  });

  it('refuses a file larger than 1 MiB as unchecked', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'gh-hardening-'));
    writeFileSync(join(ws, 'Dockerfile'), `FROM alpine:3.20\n${'# padding\n'.repeat(110_000)}`);
    expect((await scan([], {}, ws)).errors).toEqual([{ path: 'Dockerfile', message: 'larger than 1048576 bytes: not checked' }]);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the runner'));
    await expect(runContainerHardening({ executable: '', workspace: FIXTURES, targets: [], reportPath: '', mode: 'full' }, controller.signal)).rejects.toThrow('cancelled by the runner');
  });

  it('writes the same report twice for the same files', async () => {
    expect(JSON.stringify(await scan(['multi-stage']))).toBe(JSON.stringify(await scan(['multi-stage'])));
  });
});
