import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FRESHNESS_MARKER, databaseCacheDir, isFresh, markFresh, refreshDatabase } from './database-cache';

const DAY = 24 * 3_600_000;
const NOW = new Date('2026-05-01T12:00:00Z');
let work: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'gh-db-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('databaseCacheDir', () => {
  it('lives in the runner tool cache on a runner and under ~/.cache elsewhere', () => {
    expect(databaseCacheDir('trivy', { env: { RUNNER_TOOL_CACHE: '/opt/hostedtoolcache' } })).toBe('/opt/hostedtoolcache/gatehouse-db/trivy');
    expect(databaseCacheDir('grype', { env: {}, homeDir: '/home/dev' })).toBe('/home/dev/.cache/gatehouse/db/grype');
  });

  it('refuses an engine id that could leave the cache', () => {
    expect(() => databaseCacheDir('../trivy')).toThrow(/not an engine id/);
  });
});

describe('isFresh', () => {
  const file = () => join(work, 'db');
  const touch = (at: Date) => {
    writeFileSync(file(), 'db');
    utimesSync(file(), at, at);
  };

  it('is fresh for a day after the last update, then stale', async () => {
    touch(new Date(NOW.getTime() - DAY + 60_000));
    expect(await isFresh(file(), DAY, NOW)).toBe(true);
    touch(new Date(NOW.getTime() - DAY - 60_000));
    expect(await isFresh(file(), DAY, NOW)).toBe(false);
  });

  it('is stale when missing or dated in the future', async () => {
    expect(await isFresh(file(), DAY, NOW)).toBe(false);
    touch(new Date(NOW.getTime() + 2 * 3_600_000));
    expect(await isFresh(file(), DAY, NOW)).toBe(false);
  });
});

describe('refreshDatabase', () => {
  const base = () => ({ cacheRoot: work, backoff: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 }, now: () => NOW });

  it('does nothing while the cached database is fresh', async () => {
    await markFresh(join(work, 'trivy'), new Date(NOW.getTime() - 3_600_000));
    const calls: string[] = [];
    const result = await refreshDatabase('trivy', async (source) => void calls.push(source), { ...base(), env: {} });
    expect(result).toEqual({ status: 'fresh' });
    expect(calls).toEqual([]);
  });

  it('retries a failed download, then tries the documented mirror, and records the update', async () => {
    const calls: string[] = [];
    const result = await refreshDatabase(
      'trivy',
      async (source, dir) => {
        calls.push(source);
        expect(dir).toBe(join(work, 'trivy'));
        if (!source.startsWith('ghcr.io')) throw new Error('connection reset');
      },
      { ...base(), env: {} },
    );
    expect(result).toEqual({ status: 'updated', source: 'ghcr.io/aquasecurity/trivy-db:2' });
    expect(calls).toEqual(['mirror.gcr.io/aquasec/trivy-db:2', 'mirror.gcr.io/aquasec/trivy-db:2', 'ghcr.io/aquasecurity/trivy-db:2']);
    expect(await isFresh(join(work, 'trivy', FRESHNESS_MARKER), DAY, NOW)).toBe(true);
  });

  it('tries the mirror from the environment last', async () => {
    const calls: string[] = [];
    const result = await refreshDatabase(
      'grype',
      async (source) => {
        calls.push(source);
        if (source !== 'https://mirror.corp/grype') throw new Error('HTTP 503');
      },
      { ...base(), env: { GATEHOUSE_GRYPE_DB_URL: 'https://mirror.corp/grype' } },
    );
    expect(result).toEqual({ status: 'updated', source: 'https://mirror.corp/grype' });
    expect(calls.at(-1)).toBe('https://mirror.corp/grype');
  });

  it('is incomplete, never fresh, when every source fails', async () => {
    mkdirSync(join(work, 'osv-scanner'), { recursive: true });
    const result = await refreshDatabase('osv-scanner', async () => Promise.reject(new Error('ENOTFOUND')), { ...base(), env: {} });
    expect(result.status).toBe('incomplete');
    expect(result).toMatchObject({ reason: expect.stringContaining('osv-scanner vulnerability database could not be downloaded') });
    expect(result).toMatchObject({ reason: expect.stringContaining('set GATEHOUSE_OSV_DB_URL') });
    expect(await isFresh(join(work, 'osv-scanner', FRESHNESS_MARKER), DAY, NOW)).toBe(false);
  });
});
