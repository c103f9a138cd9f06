import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '@gatehouse/findings';
import { describe, expect, it } from 'vitest';
import { expandWorkspaceGlobs } from './workspace-globs';

describe('expandWorkspaceGlobs', () => {
  it('matches files in the workspace, dotfiles included, sorted', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'gatehouse-globs-'));
    mkdirSync(join(workspace, '.out', 'b'), { recursive: true });
    writeFileSync(join(workspace, '.out', 'b', 'z.sarif'), '{}');
    writeFileSync(join(workspace, '.out', 'a.sarif'), '{}');
    expect(await expandWorkspaceGlobs(workspace, ['.out/**/*.sarif'], 'sarif')).toEqual([{ pattern: '.out/**/*.sarif', files: ['.out/a.sarif', '.out/b/z.sarif'] }]);
  });

  it('does not follow a link out of the workspace', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'gatehouse-globs-'));
    const outside = mkdtempSync(join(tmpdir(), 'gatehouse-outside-'));
    writeFileSync(join(outside, 'secret.sarif'), '{}');
    symlinkSync(join(outside, 'secret.sarif'), join(workspace, 'linked.sarif'));
    symlinkSync(outside, join(workspace, 'linked-dir'));
    expect((await expandWorkspaceGlobs(workspace, ['*.sarif', 'linked-dir/*.sarif'], 'sarif')).map((m) => m.files)).toEqual([[], []]);
  });

  it('refuses patterns that leave the workspace', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'gatehouse-globs-'));
    for (const pattern of ['../x/*.json', '/etc/*', 'a\\b.json', 'C:/x.json']) {
      await expect(expandWorkspaceGlobs(workspace, [pattern], 'findings')).rejects.toBeInstanceOf(ConfigurationError);
    }
  });
});
