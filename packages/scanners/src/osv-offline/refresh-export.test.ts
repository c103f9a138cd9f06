import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadVersions, type ToolVersions } from '@gatehouse/toolchain';
import { buildDeflatedZip } from '../test-support/deflated-zip';
import { refreshOsvExport, withOsvOfflinePin } from './refresh-export';

const servers: Server[] = [];
afterEach(() => Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r)))));

const ZIP = buildDeflatedZip([{ path: 'GHSA-x.json', content: '{"id":"GHSA-x","modified":"2024-01-01T00:00:00Z"}' }]);

/** A loopback osv.dev bucket: serves `<Ecosystem>/all.zip` per `routes`, and counts requests. */
async function bucket(routes: Record<string, { status: number; body?: Buffer }>): Promise<{ url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const route = routes[req.url ?? ''] ?? { status: 404 };
    res.writeHead(route.status).end(route.body ?? '');
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

const download = async (url: string, destination: string) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
  writeFileSync(destination, Buffer.from(await response.arrayBuffer()), { flag: 'wx' });
};

function versionsWith(source: string): ToolVersions {
  const versions = loadVersions();
  return { ...versions, databases: { ...versions.databases, 'osv-offline': { maxAgeHours: 24, sources: [source], mirrorEnv: 'GATEHOUSE_OSV_DB_URL' } } };
}

const fast = { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 };

describe('keeping the OSV export fresh on a runner', () => {
  it('uses osv-scanner\'s pinned source when the versions file has no osv-offline entry', () => {
    const versions = loadVersions();
    expect(withOsvOfflinePin(versions).databases['osv-offline']).toEqual(versions.databases['osv-scanner']);
  });

  it('downloads <Ecosystem>/all.zip for each ecosystem, then serves it from the cache for a day', async () => {
    const { url, hits } = await bucket({ '/npm/all.zip': { status: 200, body: ZIP }, '/PyPI/all.zip': { status: 200, body: ZIP } });
    const cacheRoot = mkdtempSync(join(tmpdir(), 'gh-osv-cache-'));
    const options = { ecosystems: ['npm', 'PyPI'], download, cacheRoot, versions: versionsWith(url), backoff: fast, env: {} };
    const first = await refreshOsvExport(options);
    expect(first.refresh).toEqual({ status: 'updated', source: url });
    expect(readFileSync(join(first.directory, 'npm', 'all.zip'))).toEqual(ZIP);
    expect(hits.sort()).toEqual(['/PyPI/all.zip', '/npm/all.zip']);
    expect((await refreshOsvExport(options)).refresh).toEqual({ status: 'fresh' });
    expect(hits).toHaveLength(2);
  });

  it('refreshes a fresh cache that lacks an ecosystem the scan now needs', async () => {
    const { url, hits } = await bucket({ '/npm/all.zip': { status: 200, body: ZIP }, '/PyPI/all.zip': { status: 200, body: ZIP } });
    const cacheRoot = mkdtempSync(join(tmpdir(), 'gh-osv-cache-'));
    const base = { download, cacheRoot, versions: versionsWith(url), backoff: fast, env: {} };
    await refreshOsvExport({ ...base, ecosystems: ['npm'] });
    expect((await refreshOsvExport({ ...base, ecosystems: ['npm', 'PyPI'] })).refresh.status).toBe('updated');
    expect(hits).toContain('/PyPI/all.zip');
  });

  it('is incomplete, never fresh, when every source fails, and keeps no partial file', async () => {
    const { url } = await bucket({ '/npm/all.zip': { status: 503 } });
    const cacheRoot = mkdtempSync(join(tmpdir(), 'gh-osv-cache-'));
    const { refresh, directory } = await refreshOsvExport({ ecosystems: ['npm'], download, cacheRoot, versions: versionsWith(url), backoff: fast, env: {} });
    expect(refresh).toMatchObject({ status: 'incomplete', reason: expect.stringContaining('HTTP 503') });
    expect(readdirSync(join(directory, 'npm'))).toEqual([]);
  });

  it('refuses a download that is not a readable zip', async () => {
    const { url } = await bucket({ '/npm/all.zip': { status: 200, body: Buffer.from('<html>captive portal</html>') } });
    const cacheRoot = mkdtempSync(join(tmpdir(), 'gh-osv-cache-'));
    const { refresh } = await refreshOsvExport({ ecosystems: ['npm'], download, cacheRoot, versions: versionsWith(url), backoff: fast, env: {} });
    expect(refresh).toMatchObject({ status: 'incomplete', reason: expect.stringMatching(/end of central directory|zip/i) });
  });

  it('refuses ecosystem names that are not plain names', async () => {
    const { refresh } = await refreshOsvExport({ ecosystems: ['../etc'], download, cacheRoot: mkdtempSync(join(tmpdir(), 'gh-osv-cache-')), env: {} });
    expect(refresh).toEqual({ status: 'incomplete', reason: 'osv-offline: not an OSV ecosystem name: ../etc' });
  });
});
