import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installTool } from './install-tool';
import { detectMode, resolveTool, type ResolveToolOptions } from './resolve-tool';
import { startAssetServer, type LoopbackServer } from './test-support/asset-server';
import { stubExecutable, versionsServing, type PinnedAsset } from './test-support/pinned-fixture';
import { writeScript } from './test-support/stub-scripts';

const ASSET: PinnedAsset = { asset: 'stubtool_linux_amd64', archive: 'binary', executable: 'stubtool', content: stubExecutable('stubtool 1.2.3') };

let work: string;
let server: LoopbackServer;

beforeEach(async () => {
  work = mkdtempSync(join(tmpdir(), 'gh-resolve-'));
  server = await startAssetServer();
  server.routes.set('/releases/1.2.3/stubtool_linux_amd64', [{ status: 200, body: ASSET.content }]);
});
afterEach(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

function options(mode: ResolveToolOptions['mode'], extra: Partial<ResolveToolOptions> = {}): ResolveToolOptions {
  return {
    mode,
    versions: versionsServing(server.origin, ASSET),
    platform: 'linux-x64',
    cacheRoot: join(work, 'cache'),
    env: { PATH: join(work, 'bin') },
    allowHttp: true,
    backoff: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
    ...extra,
  };
}

describe('resolveTool on a laptop', () => {
  it('uses the tool on PATH and records the version it reports', async () => {
    const path = writeScript(join(work, 'bin'), 'gitleaks', '[ "$1" = version ] || exit 3\necho v8.29.0\n');
    const resolved = await resolveTool('gitleaks', options('laptop'));
    expect(resolved).toEqual({ status: 'available', engine: 'gitleaks', path, version: '8.29.0', source: 'path' });
    expect(server.requests).toHaveLength(0);
  });

  it('reads a version printed on stderr', async () => {
    writeScript(join(work, 'bin'), 'trufflehog', 'echo "trufflehog 3.90.0" >&2\n');
    const resolved = await resolveTool('trufflehog', options('laptop'));
    expect(resolved).toMatchObject({ status: 'available', version: '3.90.0' });
  });

  it('reports a missing engine as not-run, with a hint how to install it', async () => {
    const resolved = await resolveTool('trivy', options('laptop'));
    expect(resolved.status).toBe('not-run');
    expect(resolved).toMatchObject({ reason: expect.stringContaining('trivy is not installed (not found on PATH); install trivy 0.75.0') });
    expect(resolved).toMatchObject({ reason: expect.stringContaining('allow Gatehouse to download') });
  });

  it('does not pick up an executable from a relative PATH entry', async () => {
    writeScript(join(work, 'repo-bin'), 'gitleaks', 'echo 8.30.1\n');
    const resolved = await resolveTool('gitleaks', options('laptop', { env: { PATH: 'repo-bin:.' } }));
    expect(resolved.status).toBe('not-run');
  });

  it('makes an engine whose version command fails incomplete, not clean', async () => {
    writeScript(join(work, 'bin'), 'grype', 'echo "grype: cannot execute binary file" >&2\nexit 126\n');
    const resolved = await resolveTool('grype', options('laptop'));
    expect(resolved.status).toBe('incomplete');
    expect(resolved).toMatchObject({ reason: expect.stringMatching(/grype was found at .*grype but `grype --version` failed: .*cannot execute binary file/) });
  });

  it('refuses a revoked release found on PATH', async () => {
    writeScript(join(work, 'bin'), 'trivy', 'echo "Version: 0.69.4"\n');
    const resolved = await resolveTool('trivy', options('laptop'));
    expect(resolved).toMatchObject({ status: 'incomplete', reason: expect.stringContaining('trivy 0.69.4 at') });
    expect(resolved).toMatchObject({ reason: expect.stringContaining('revoked release') });
  });

  it('uses a verified cached copy of the pinned build when the tool is not on PATH', async () => {
    await installTool('stubtool', options('laptop'));
    const resolved = await resolveTool('stubtool', options('laptop'));
    expect(resolved).toMatchObject({ status: 'available', version: '1.2.3', source: 'cache' });
    expect(server.requests).toHaveLength(1);
  });

  it('downloads the pinned build when allowed', async () => {
    const resolved = await resolveTool('stubtool', options('laptop', { allowDownload: true }));
    expect(resolved).toMatchObject({ status: 'available', version: '1.2.3', source: 'download' });
  });
});

describe('resolveTool in GitHub Actions', () => {
  it('installs the pinned build even when another version is on PATH', async () => {
    writeScript(join(work, 'bin'), 'stubtool', 'echo 0.0.1\n');
    const resolved = await resolveTool('stubtool', options('actions'));
    expect(resolved).toMatchObject({ status: 'available', version: '1.2.3', source: 'download' });
    expect(resolved).toMatchObject({ path: join(work, 'cache', 'stubtool', '1.2.3', 'linux-x64', 'stubtool') });
  });

  it('makes the engine incomplete, naming it and the cause, when the download fails', async () => {
    server.routes.set('/releases/1.2.3/stubtool_linux_amd64', [{ status: 502 }]);
    const resolved = await resolveTool('stubtool', options('actions'));
    expect(resolved.status).toBe('incomplete');
    expect(resolved).toMatchObject({ reason: expect.stringMatching(/^stubtool 1\.2\.3 \(linux-x64\): download failed .*HTTP 502/) });
  });

  it('makes the engine incomplete when its checksum is not pinned for this platform', async () => {
    const resolved = await resolveTool('stubtool', options('actions', { versions: versionsServing(server.origin, ASSET, { sha256: null }) }));
    expect(resolved).toMatchObject({ status: 'incomplete', reason: expect.stringContaining('the checksum is not pinned') });
    expect(server.requests).toHaveLength(0);
  });

  it('makes the engine incomplete when downloads are disabled and nothing is cached', async () => {
    const resolved = await resolveTool('stubtool', options('actions', { allowDownload: false }));
    expect(resolved).toMatchObject({ status: 'incomplete', reason: expect.stringContaining('downloads are disabled') });
  });

  it('treats an unknown engine as incomplete', async () => {
    const resolved = await resolveTool('nosuch', options('actions'));
    expect(resolved).toMatchObject({ status: 'incomplete', reason: expect.stringContaining('not a tool Gatehouse knows') });
  });
});

describe('detectMode', () => {
  it('is actions only under GITHUB_ACTIONS=true', () => {
    expect(detectMode({ GITHUB_ACTIONS: 'true' })).toBe('actions');
    expect(detectMode({ GITHUB_ACTIONS: 'false' })).toBe('laptop');
    expect(detectMode({})).toBe('laptop');
  });
});
