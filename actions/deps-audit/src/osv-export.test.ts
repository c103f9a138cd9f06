import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@gatehouse/findings';
import { describe, expect, it } from 'vitest';
import { ecosystemsOf, resolveOsvExport } from './osv-export';

function workspaceWithExport(): string {
  const workspace = mkdtempSync(join(tmpdir(), 'gatehouse-osv-export-'));
  mkdirSync(join(workspace, 'osv-db', 'npm'), { recursive: true });
  writeFileSync(join(workspace, 'osv-db', 'npm', 'GHSA-p6mc-m468-83gw.json'), '{}');
  return workspace;
}

const base = { ecosystems: ['npm'], env: {}, logger: silentLogger };

describe('resolveOsvExport', () => {
  it('uses a given export as it is', async () => {
    const workspace = workspaceWithExport();
    expect(await resolveOsvExport({ ...base, workspace, given: 'osv-db', isPullRequest: true, changedFiles: ['web/package-lock.json'] })).toEqual({
      status: 'ready',
      path: join(workspace, 'osv-db'),
      description: 'the OSV export osv-db',
    });
  });

  it('refuses an export inside the repository that the pull request changes', async () => {
    const workspace = workspaceWithExport();
    const source = await resolveOsvExport({ ...base, workspace, given: 'osv-db', isPullRequest: true, changedFiles: ['osv-db/npm/GHSA-p6mc-m468-83gw.json'] });
    expect(source).toEqual({ status: 'unavailable', reason: expect.stringContaining('the pull request changes the OSV export it would be checked against (osv-db/npm/GHSA-p6mc-m468-83gw.json)') });
  });

  it('accepts the same change on a push (the export is then the branch’s own)', async () => {
    const workspace = workspaceWithExport();
    expect(await resolveOsvExport({ ...base, workspace, given: 'osv-db', isPullRequest: false, changedFiles: ['osv-db/npm/x.json'] })).toMatchObject({ status: 'ready' });
  });

  it('makes a given export that does not exist unavailable', async () => {
    const workspace = workspaceWithExport();
    expect(await resolveOsvExport({ ...base, workspace, given: 'missing-db', isPullRequest: false })).toEqual({
      status: 'unavailable',
      reason: 'osv-offline: the OSV export missing-db (input osv-database) does not exist',
    });
  });
});

describe('ecosystemsOf', () => {
  it('needs the ecosystems of the manifests found, and both for SBOMs', () => {
    expect(ecosystemsOf([{ path: 'web/yarn.lock', kind: 'yarn.lock' }], [])).toEqual(['npm']);
    expect(ecosystemsOf([{ path: 'api/poetry.lock', kind: 'poetry.lock' }], [])).toEqual(['PyPI']);
    expect(ecosystemsOf([], ['sbom.cdx.json'])).toEqual(['PyPI', 'npm']);
  });
});
