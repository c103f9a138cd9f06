import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryLogger } from '@gatehouse/findings';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installTool, type InstallToolOptions } from './install-tool';
import { startAssetServer, type LoopbackServer, type Reply } from './test-support/asset-server';
import { sha256, stubExecutable, versionsServing, type PinnedAsset } from './test-support/pinned-fixture';
import { buildTarGz } from './test-support/tar-builder';
import { buildZip } from './test-support/zip-builder';
import { ToolInstallError } from './tool-install-error';

const STUB = stubExecutable('stubtool version 1.2.3');
const TAR_ASSET: PinnedAsset = {
  asset: 'stubtool_{version}_linux_x64.tar.gz',
  archive: 'tar.gz',
  executable: 'stubtool',
  content: buildTarGz([
    { path: 'README.md', content: 'a stub' },
    { path: 'stubtool', content: STUB, mode: 0o755 },
  ]),
};
const TAR_PATH = '/releases/1.2.3/stubtool_1.2.3_linux_x64.tar.gz';

let server: LoopbackServer;
let cacheRoot: string;

beforeEach(async () => {
  server = await startAssetServer();
  cacheRoot = mkdtempSync(join(tmpdir(), 'gh-tools-'));
});

afterEach(async () => {
  await server.close();
  rmSync(cacheRoot, { recursive: true, force: true });
});

function serve(path: string, ...replies: Reply[]): void {
  server.routes.set(path, replies);
}

function options(asset: PinnedAsset, extra: Partial<InstallToolOptions> & { sha256?: string | null } = {}): InstallToolOptions {
  const { sha256: pinned, ...rest } = extra;
  return {
    versions: versionsServing(server.origin, asset, pinned === undefined ? {} : { sha256: pinned }),
    platform: 'linux-x64',
    cacheRoot,
    env: {},
    allowHttp: true,
    backoff: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    timeoutMs: 10_000,
    ...rest,
  };
}

/** Every file under the cache that has an execute bit: after a refused install there must be none. */
function executablesUnder(root: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if (statSync(path).mode & 0o111) found.push(path);
  }
  return found;
}

async function failure(promise: Promise<unknown>): Promise<ToolInstallError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ToolInstallError);
  return error as ToolInstallError;
}

describe('installTool', () => {
  it('downloads, verifies and extracts a tar.gz into the cache, and the installed tool runs', async () => {
    serve(TAR_PATH, { status: 200, body: TAR_ASSET.content });
    const tool = await installTool('stubtool', options(TAR_ASSET));

    expect(tool).toMatchObject({ engine: 'stubtool', version: '1.2.3', platform: 'linux-x64', source: 'download' });
    expect(tool.path).toBe(join(cacheRoot, 'stubtool', '1.2.3', 'linux-x64', 'stubtool'));
    expect(tool.sha256).toBe(sha256(STUB));
    expect(tool.assetSha256).toBe(sha256(TAR_ASSET.content));
    expect(execFileSync(tool.path).toString().trim()).toBe('stubtool version 1.2.3');
    expect(readdirSync(join(cacheRoot, '.tmp'))).toEqual([]);
  });

  it('installs from a zip', async () => {
    const zip: PinnedAsset = {
      asset: 'stubtool_{version}_windows_x64.zip',
      archive: 'zip',
      executable: 'bin/stubtool.exe',
      content: buildZip([{ path: 'bin/' }, { path: 'bin/stubtool.exe', content: STUB }, { path: 'LICENSE', content: 'MIT' }]),
    };
    serve('/releases/1.2.3/stubtool_1.2.3_windows_x64.zip', { status: 200, body: zip.content });
    const tool = await installTool('stubtool', {
      ...options(zip),
      versions: versionsServing(server.origin, zip, { platform: 'windows-x64' }),
      platform: 'windows-x64',
    });
    expect(readFileSync(tool.path)).toEqual(STUB);
    expect(statSync(tool.path).mode & 0o111).not.toBe(0);
  });

  it('installs a bare binary asset under its executable name', async () => {
    const binary: PinnedAsset = { asset: 'stubtool_linux_amd64', archive: 'binary', executable: 'stubtool', content: STUB };
    serve('/releases/1.2.3/stubtool_linux_amd64', { status: 200, body: STUB });
    const tool = await installTool('stubtool', options(binary));
    expect(tool.sha256).toBe(tool.assetSha256);
    expect(execFileSync(tool.path).toString()).toContain('1.2.3');
  });

  it('uses a verified cached copy without touching the network', async () => {
    serve(TAR_PATH, { status: 200, body: TAR_ASSET.content });
    const first = await installTool('stubtool', options(TAR_ASSET));
    const second = await installTool('stubtool', options(TAR_ASSET));
    expect(second).toMatchObject({ path: first.path, sha256: first.sha256, source: 'cache' });
    expect(server.requests).toHaveLength(1);
  });

  it('re-downloads when the cached executable no longer matches its recorded sha256', async () => {
    serve(TAR_PATH, { status: 200, body: TAR_ASSET.content });
    const first = await installTool('stubtool', options(TAR_ASSET));
    writeFileSync(first.path, '#!/bin/sh\necho tampered\n');
    const logger = new MemoryLogger();
    const second = await installTool('stubtool', options(TAR_ASSET, { logger }));
    expect(second.source).toBe('download');
    expect(readFileSync(second.path)).toEqual(STUB);
    expect(server.requests).toHaveLength(2);
    expect(logger.text()).toMatch(/cached copy rejected \(executable sha256 [0-9a-f]{64} differs/);
  });

  it('refuses a download whose checksum differs, names both checksums, and leaves nothing executable', async () => {
    serve(TAR_PATH, { status: 200, body: TAR_ASSET.content });
    const pinned = sha256(Buffer.from('the bytes upstream really published'));
    const error = await failure(installTool('stubtool', options(TAR_ASSET, { sha256: pinned })));

    expect(error.kind).toBe('checksum-mismatch');
    expect(error.checksum).toEqual({ expected: pinned, actual: sha256(TAR_ASSET.content) });
    expect(error.message).toContain(`stubtool 1.2.3 (linux-x64): checksum mismatch`);
    expect(error.message).toContain(pinned);
    expect(error.message).toContain(sha256(TAR_ASSET.content));
    expect(server.requests).toHaveLength(1);
    expect(executablesUnder(cacheRoot)).toEqual([]);
    expect(readdirSync(join(cacheRoot, '.tmp'))).toEqual([]);
  });

  it('succeeds after a 500 with exactly one retry', async () => {
    serve(TAR_PATH, { status: 500, body: 'try later' }, { status: 200, body: TAR_ASSET.content });
    const logger = new MemoryLogger();
    const tool = await installTool('stubtool', options(TAR_ASSET, { logger }));
    expect(tool.source).toBe('download');
    expect(server.requests.map((r) => r.path)).toEqual([TAR_PATH, TAR_PATH]);
    expect(logger.text()).toContain('HTTP 500');
  });

  it('gives up after the bounded number of attempts', async () => {
    serve(TAR_PATH, { status: 503 });
    const error = await failure(installTool('stubtool', options(TAR_ASSET)));
    expect(error.kind).toBe('download-failed');
    expect(error.message).toMatch(/^stubtool 1\.2\.3 \(linux-x64\): download failed/);
    expect(error.message).toContain('HTTP 503');
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a 404 but moves on to the mirror, sending the mirror token to the mirror only', async () => {
    serve(TAR_PATH, { status: 404 });
    serve('/mirror/stubtool/1.2.3/stubtool_1.2.3_linux_x64.tar.gz', { status: 200, body: TAR_ASSET.content });
    const tool = await installTool('stubtool', options(TAR_ASSET, { mirror: { baseUrl: `${server.origin}/mirror/`, token: 'mirror-token-value' } }));
    expect(tool.source).toBe('download');
    expect(server.requests.map((r) => r.path)).toEqual([TAR_PATH, '/mirror/stubtool/1.2.3/stubtool_1.2.3_linux_x64.tar.gz']);
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
    expect(server.requests[1]!.headers.authorization).toBe('Bearer mirror-token-value');
  });

  it('reads the mirror from GATEHOUSE_TOOL_MIRROR and can try it first', async () => {
    serve('/m/stubtool/1.2.3/stubtool_1.2.3_linux_x64.tar.gz', { status: 200, body: TAR_ASSET.content });
    await installTool('stubtool', options(TAR_ASSET, { env: { GATEHOUSE_TOOL_MIRROR: `${server.origin}/m`, GATEHOUSE_TOOL_MIRROR_FIRST: 'true' } }));
    expect(server.requests.map((r) => r.path)).toEqual(['/m/stubtool/1.2.3/stubtool_1.2.3_linux_x64.tar.gz']);
  });

  it('follows a redirect, as GitHub release downloads do', async () => {
    serve(TAR_PATH, { redirect: '/cdn/blob' });
    serve('/cdn/blob', { status: 200, body: TAR_ASSET.content });
    const tool = await installTool('stubtool', options(TAR_ASSET));
    expect(tool.source).toBe('download');
  });

  it('times out a source that never answers, within the attempt budget', async () => {
    serve(TAR_PATH, { hang: true });
    const error = await failure(installTool('stubtool', options(TAR_ASSET, { timeoutMs: 150, backoff: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 } })));
    expect(error.kind).toBe('download-failed');
    expect(error.message).toContain('timed out after 150 ms');
    expect(server.requests).toHaveLength(2);
  });

  it('times out a download that stalls mid-body', async () => {
    serve(TAR_PATH, { stallAfter: TAR_ASSET.content.subarray(0, 10) });
    const error = await failure(installTool('stubtool', options(TAR_ASSET, { timeoutMs: 150, backoff: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } })));
    expect(error.message).toContain('timed out');
  });

  it('refuses an asset larger than the size cap without retrying it', async () => {
    serve(TAR_PATH, { status: 200, body: TAR_ASSET.content });
    const error = await failure(installTool('stubtool', options(TAR_ASSET, { maxBytes: 16 })));
    expect(error.kind).toBe('download-failed');
    expect(error.message).toContain('over the 16-byte cap');
    expect(server.requests).toHaveLength(1);
  });

  it('refuses an archive with a zip-slip entry after the checksum matched, leaving nothing installed', async () => {
    const evil: PinnedAsset = {
      asset: 'stubtool_{version}_linux_x64.zip',
      archive: 'zip',
      executable: 'stubtool',
      content: buildZip([{ path: 'stubtool', content: STUB }, { path: '../../escaped.sh', content: STUB }]),
    };
    serve('/releases/1.2.3/stubtool_1.2.3_linux_x64.zip', { status: 200, body: evil.content });
    const error = await failure(installTool('stubtool', options(evil)));
    expect(error.kind).toBe('extract-failed');
    expect(error.message).toMatch(/^stubtool 1\.2\.3 \(linux-x64\): could not extract/);
    expect(error.message).toMatch(/\.\.\/\.\.\/escaped\.sh/);
    expect(executablesUnder(cacheRoot)).toEqual([]);
    const everything = readdirSync(cacheRoot, { recursive: true }).map(String);
    expect(everything.filter((name) => name.endsWith('escaped.sh'))).toEqual([]);
    expect(readdirSync(join(cacheRoot, '..')).filter((n) => n === 'escaped.sh')).toEqual([]);
  });

  it('refuses a tar whose symlink points out of the target', async () => {
    const evil: PinnedAsset = {
      ...TAR_ASSET,
      content: buildTarGz([
        { path: 'stubtool', content: STUB, mode: 0o755 },
        { path: 'lib', type: 'symlink', linkTarget: '../../../etc' },
      ]),
    };
    serve(TAR_PATH, { status: 200, body: evil.content });
    const error = await failure(installTool('stubtool', options(evil)));
    expect(error.kind).toBe('extract-failed');
    expect(error.message).toContain('symlink lib points outside the target');
    expect(executablesUnder(cacheRoot)).toEqual([]);
  });

  it('refuses an archive that lacks the pinned executable', async () => {
    const empty: PinnedAsset = { ...TAR_ASSET, content: buildTarGz([{ path: 'README.md', content: 'no binary' }]) };
    serve(TAR_PATH, { status: 200, body: empty.content });
    const error = await failure(installTool('stubtool', options(empty)));
    expect(error.kind).toBe('extract-failed');
    expect(error.message).toContain('no regular file stubtool');
  });

  it('lets concurrent installs of the same tool share one intact cache entry', async () => {
    serve(TAR_PATH, { status: 200, body: TAR_ASSET.content });
    const tools = await Promise.all(Array.from({ length: 4 }, () => installTool('stubtool', options(TAR_ASSET))));
    const dir = join(cacheRoot, 'stubtool', '1.2.3', 'linux-x64');
    for (const tool of tools) expect(tool).toMatchObject({ path: join(dir, 'stubtool'), sha256: sha256(STUB) });
    expect(readdirSync(dir).sort()).toEqual(['.gatehouse-tool.json', 'README.md', 'stubtool']);
    expect(readFileSync(join(dir, 'stubtool'))).toEqual(STUB);
    expect(readdirSync(join(cacheRoot, '.tmp'))).toEqual([]);
    const again = await installTool('stubtool', options(TAR_ASSET));
    expect(again.source).toBe('cache');
  });

  it('refuses an engine that is not pinned, without any request', async () => {
    const error = await failure(installTool('nosuchtool', options(TAR_ASSET)));
    expect(error.kind).toBe('not-pinned');
    expect(error.message).toContain('nosuchtool');
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a platform whose checksum is not pinned, saying so, without any request', async () => {
    const error = await failure(installTool('stubtool', options(TAR_ASSET, { sha256: null })));
    expect(error.kind).toBe('not-pinned');
    expect(error.message).toContain('stubtool 1.2.3 (linux-x64): the checksum is not pinned');
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a platform that has no pinned build', async () => {
    const error = await failure(installTool('stubtool', { ...options(TAR_ASSET), platform: 'darwin-arm64' }));
    expect(error.kind).toBe('unsupported-platform');
    expect(error.message).toContain('no build is pinned for darwin-arm64');
  });

  it('refuses a plain-http mirror', async () => {
    const error = await failure(installTool('stubtool', { ...options(TAR_ASSET), allowHttp: false, mirror: { baseUrl: 'http://mirror.example' } }));
    expect(error.kind).toBe('download-failed');
    expect(error.message).toContain('must be an https URL');
  });
});
