import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrustedFiles } from '@gatehouse/action-runtime';
import { describe, expect, it } from 'vitest';
import { trustedBanditConfig } from './trusted-bandit-config';

const baseCommit = (files: Record<string, string>): TrustedFiles => ({
  description: 'the base commit 1a2b3c4 of pull request #8',
  ref: '1a2b3c4'.padEnd(40, '0'),
  read: async (path) => (Object.hasOwn(files, path) ? { found: true, path, text: files[path]! } : { found: false, path }),
});
const privateDir = () => mkdtempSync(join(tmpdir(), 'gatehouse-bandit-config-'));

describe('trustedBanditConfig', () => {
  it('translates the base commit\u2019s [tool.bandit] table into the YAML bandit reads', async () => {
    const config = await trustedBanditConfig(baseCommit({ 'pyproject.toml': '[tool.bandit]\nskips = ["B101"]\nexclude_dirs = ["tests"]\n' }), undefined, privateDir());
    expect(config).toMatchObject({ status: 'config', note: expect.stringContaining('[tool.bandit] of pyproject.toml from the base commit') });
    if (config.status !== 'config') return;
    expect(JSON.parse(readFileSync(config.path, 'utf8'))).toEqual({ skips: ['B101'], exclude_dirs: ['tests'] });
  });

  it('gives bandit an empty configuration when the base commit has none, so a table the pull request adds is not read', async () => {
    const config = await trustedBanditConfig(baseCommit({ 'pyproject.toml': '[project]\nname = "shop"\n' }), undefined, privateDir());
    expect(config.status).toBe('config');
    if (config.status === 'config') expect(readFileSync(config.path, 'utf8')).toBe('{}\n');
  });

  it('copies the bandit-config file of the base commit, and says so when the base commit lacks it', async () => {
    const files = baseCommit({ 'config/bandit.yaml': 'skips: [B101]\n' });
    const copied = await trustedBanditConfig(files, './config/bandit.yaml', privateDir());
    expect(copied.status).toBe('config');
    if (copied.status === 'config') expect(readFileSync(copied.path, 'utf8')).toBe('skips: [B101]\n');
    expect(await trustedBanditConfig(files, 'config/other.yaml', privateDir())).toEqual({
      status: 'missing',
      reason: 'the bandit config config/other.yaml (input bandit-config) is not in the base commit 1a2b3c4 of pull request #8',
    });
  });
});
