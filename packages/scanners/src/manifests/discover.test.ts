import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { selectManifests } from './discover';
import { listRepositoryFiles } from './list-files';
import { readManifests } from './read-manifests';

const MONOREPO = fileURLToPath(new URL('./__fixtures__/monorepo', import.meta.url));

/** A copy of the monorepo fixture with what git will not keep: installed node_modules and a link out of the repo. */
function monorepoCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gh-manifests-'));
  cpSync(MONOREPO, dir, { recursive: true });
  mkdirSync(join(dir, 'node_modules/left-pad'), { recursive: true });
  writeFileSync(join(dir, 'node_modules/left-pad/package-lock.json'), '{"lockfileVersion":3,"packages":{"":{},"node_modules/x":{"version":"1.0.0"}}}');
  mkdirSync(join(dir, 'apps/linked'), { recursive: true });
  symlinkSync('/etc', join(dir, 'apps/linked/outside'));
  return dir;
}

describe('manifest discovery', () => {
  it('covers a monorepo of npm apps and Python services in one pass, leaving out installed and vendored trees', async () => {
    const ws = monorepoCopy();
    const { files, truncated } = await listRepositoryFiles(ws);
    expect(truncated).toBe(false);
    expect(selectManifests(files).map((m) => `${m.path} (${m.kind})`)).toEqual([
      'apps/admin/package-lock.json (package-lock.json)',
      'apps/berry/yarn.lock (yarn.lock)',
      'apps/legacy/yarn.lock (yarn.lock)',
      'apps/mobile/pnpm-lock.yaml (pnpm-lock.yaml)',
      'apps/web/package-lock.json (package-lock.json)',
      'services/api/requirements.txt (requirements.txt)',
      'services/api/requirements/base.txt (requirements.txt)',
      'services/billing/uv.lock (uv.lock)',
      'services/reports/Pipfile.lock (Pipfile.lock)',
      'services/worker/poetry.lock (poetry.lock)',
    ]);
    expect(files.some((f) => f.startsWith('node_modules/'))).toBe(false);
    expect(files.some((f) => f.startsWith('apps/linked/outside'))).toBe(false);
  });

  it('leaves test fixture folders out by default and in when asked, and honours extra globs', () => {
    const files = ['test/fixtures/requirements.txt', 'pkg/__fixtures__/yarn.lock', 'legacy/old/package-lock.json', 'app/package-lock.json'];
    expect(selectManifests(files).map((m) => m.path)).toEqual(['app/package-lock.json', 'legacy/old/package-lock.json']);
    expect(selectManifests(files, { ignoreTestFixtures: false, ignore: ['legacy/'] }).map((m) => m.path)).toEqual([
      'app/package-lock.json',
      'pkg/__fixtures__/yarn.lock',
      'test/fixtures/requirements.txt',
    ]);
  });

  it('refuses paths that leave the repository', () => {
    expect(selectManifests(['../other/package-lock.json', '/etc/requirements.txt', './ok/uv.lock']).map((m) => m.path)).toEqual(['ok/uv.lock']);
  });

  it('names each package with its manifest, version and purl, and keeps reading when one manifest is broken', async () => {
    const ws = monorepoCopy();
    writeFileSync(join(ws, 'apps/web/package-lock.json'), '{"lockfileVersion": 3, "packages": {');
    const manifests = selectManifests((await listRepositoryFiles(ws)).files);
    const { results, failures } = await readManifests(ws, manifests);
    expect(failures).toEqual([{ manifest: 'apps/web/package-lock.json', reason: expect.stringMatching(/^apps\/web\/package-lock\.json:1:\d+: report is truncated/) }]);
    expect(results).toHaveLength(manifests.length - 1);
    const api = results.find((r) => r.manifest === 'services/api/requirements.txt')!;
    expect(api.packages.find((p) => p.name === 'Flask')).toEqual({ ecosystem: 'PyPI', name: 'Flask', version: '0.12.2', purl: 'pkg:pypi/flask@0.12.2', manifest: 'services/api/requirements.txt' });
    expect(api.packages.find((p) => p.name === 'PyYAML')).toMatchObject({ version: '5.3.1', manifest: 'services/api/requirements/base.txt' });
  });

  it('refuses a manifest that is a symbolic link', async () => {
    const ws = monorepoCopy();
    symlinkSync('/etc/hostname', join(ws, 'apps/linked/package-lock.json'));
    const { failures } = await readManifests(ws, [{ path: 'apps/linked/package-lock.json' }]);
    expect(failures[0]!.reason).toMatch(/symbolic link|not a regular file/);
  });
});
