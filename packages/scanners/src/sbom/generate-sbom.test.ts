import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '@gatehouse/findings';
import { loadVersions } from '@gatehouse/toolchain';
import { CYCLONEDX_NPM_SBOM } from '../cdxgen/command';
import { bundledCycloneDxNpm } from '../cdxgen/local-bin';
import { writeStubEngine } from '../test-support/stub-engine-sequence';
import { generateSbom } from './generate-sbom';
import { validateCycloneDx } from './validate-cyclonedx';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const EXAMPLE = join(REPO, 'examples', 'vulnerable-app');
const local = bundledCycloneDxNpm();

describe('an SBOM of examples/vulnerable-app, made for real', () => {
  it('finds the cyclonedx-npm Gatehouse depends on, pinned as in the versions file', () => {
    expect(local?.version).toBe(loadVersions().npm.cyclonedx!.version);
  });

  it.skipIf(!local)('is written by cyclonedx-npm from the lockfile alone and is valid against the official CycloneDX schema', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'gh-sbom-')), 'sbom.cdx.json');
    const generation = await generateSbom({
      profile: CYCLONEDX_NPM_SBOM,
      request: { tool: 'cyclonedx-npm', executable: local!.executable, prefixArgs: local!.prefixArgs, workspace: EXAMPLE, subject: { kind: 'directory', path: 'web' }, outputs: { 'cyclonedx-json': out }, workDir: dirnameOf(out) },
      logger: new MemoryLogger(),
      limits: { timeoutMs: 120_000 },
    });
    expect(generation, generation.status === 'incomplete' ? generation.reason : '').toMatchObject({ status: 'generated', engine: 'cdxgen', tool: 'cyclonedx-npm' });
    expect(await validateCycloneDx(readFileSync(out, 'utf8'))).toEqual({ valid: true, specVersion: '1.6' });
    const sbom = generation.status === 'generated' ? generation.files['cyclonedx-json']!.sbom : undefined;
    expect(sbom?.subject).toMatchObject({ name: 'vulnerable-app-web', version: '1.0.0', purl: 'pkg:npm/vulnerable-app-web@1.0.0' });
    expect(sbom?.components.map((c) => c.purl)).toEqual(expect.arrayContaining(['pkg:npm/axios@0.21.0', 'pkg:npm/lodash@4.17.15', 'pkg:npm/minimist@1.2.0']));
    expect(sbom?.dependencies.get('vulnerable-app-web@1.0.0')).toEqual(expect.arrayContaining(['vulnerable-app-web@1.0.0|axios@0.21.0']));
  }, 150_000);
});

function dirnameOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}

describe('an SBOM Gatehouse cannot vouch for', () => {
  const request = (executable: string, out: string) => ({
    tool: 'cyclonedx-npm' as const,
    executable,
    workspace: EXAMPLE,
    subject: { kind: 'directory' as const, path: 'web' },
    outputs: { 'cyclonedx-json': out },
    workDir: dirnameOf(out),
  });
  const argv = (out: string) => ['--package-lock-only', '--output-format', 'JSON', '--output-file', out, '--spec-version', '1.6', '--mc-type', 'application', 'package.json'];

  it('is incomplete when the document is not valid against the schema', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'gh-sbom-')), 'sbom.cdx.json');
    const invalid = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, serialNumber: 'urn:uuid:redacted', components: [] });
    const stub = writeStubEngine('cyclonedx-npm', [{ argv: argv(out), outputFlag: '--output-file', behaviour: { kind: 'report', report: invalid } }]);
    const generation = await generateSbom({ profile: CYCLONEDX_NPM_SBOM, request: request(stub.path, out), logger: new MemoryLogger() });
    expect(generation).toEqual({ status: 'incomplete', engine: 'cdxgen', tool: 'cyclonedx-npm', reason: expect.stringMatching(/is not valid CycloneDX 1\.6: \/serialNumber: must match pattern/) });
  });

  it.each([
    ['exits 0 without writing the file', { kind: 'exit', exitCode: 0, stderr: '' } as const, /wrote no cyclonedx-json file/],
    ['fails', { kind: 'exit', exitCode: 1, stderr: 'Error: missing package-lock.json' } as const, /exited with code 1; the SBOM generator failed .*missing package-lock.json/],
    ['crashes', { kind: 'crash' } as const, /killed by signal SIGSEGV/],
    ['writes garbage', { kind: 'garbage' } as const, /invalid JSON|not an SBOM/],
  ])('is incomplete when the generator %s', async (_what, behaviour, reason) => {
    const out = join(mkdtempSync(join(tmpdir(), 'gh-sbom-')), 'sbom.cdx.json');
    const stub = writeStubEngine('cyclonedx-npm', [{ argv: argv(out), outputFlag: '--output-file', behaviour }]);
    const generation = await generateSbom({ profile: CYCLONEDX_NPM_SBOM, request: request(stub.path, out), logger: new MemoryLogger() });
    expect(generation.status).toBe('incomplete');
    expect(generation.status === 'incomplete' && generation.reason).toMatch(reason);
  });

  it('refuses SPDX from a tool that writes CycloneDX only, before running anything', async () => {
    const generation = await generateSbom({ profile: CYCLONEDX_NPM_SBOM, request: { ...request('/nonexistent', '/tmp/x.cdx.json'), outputs: { 'cyclonedx-json': '/tmp/x.cdx.json', 'spdx-json': '/tmp/x.spdx.json' } }, logger: new MemoryLogger() });
    expect(generation).toMatchObject({ status: 'incomplete', reason: 'cyclonedx-npm: does not write spdx-json (SPDX JSON needs syft or trivy)' });
  });
});
