import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installTool, type InstallToolOptions } from './install-tool';
import { redactUrl } from './proxy-dispatcher';
import { startAssetServer, startRecordingProxy, type LoopbackServer, type RecordingProxy } from './test-support/asset-server';
import { stubExecutable, versionsServing, type PinnedAsset } from './test-support/pinned-fixture';
import { selfSignedCertificate } from './test-support/self-signed-cert';
import { ToolInstallError } from './tool-install-error';

const ASSET: PinnedAsset = { asset: 'stubtool_linux_amd64', archive: 'binary', executable: 'stubtool', content: stubExecutable('stubtool 1.2.3') };
const PATH = '/releases/1.2.3/stubtool_linux_amd64';
const certificate = selfSignedCertificate();

let proxy: RecordingProxy;
let server: LoopbackServer | undefined;
let cacheRoot: string;

beforeEach(async () => {
  proxy = await startRecordingProxy();
  cacheRoot = mkdtempSync(join(tmpdir(), 'gh-proxy-'));
});
afterEach(async () => {
  await proxy.close();
  await server?.close();
  server = undefined;
  rmSync(cacheRoot, { recursive: true, force: true });
});

async function serving(tls?: { key: string; cert: string }): Promise<LoopbackServer> {
  server = await startAssetServer(tls);
  server.routes.set(PATH, [{ status: 200, body: ASSET.content }]);
  return server;
}

function options(origin: string, env: Record<string, string>, extra: Partial<InstallToolOptions> = {}): InstallToolOptions {
  return {
    versions: versionsServing(origin, ASSET),
    platform: 'linux-x64',
    cacheRoot,
    env,
    backoff: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    timeoutMs: 10_000,
    ...extra,
  };
}

describe('downloads through a proxy', () => {
  it.skipIf(!certificate)('sends https downloads through HTTPS_PROXY with a CONNECT tunnel', async () => {
    const target = await serving(certificate);
    const tool = await installTool('stubtool', options(target.origin, { HTTPS_PROXY: proxy.url }, { ca: certificate!.cert }));
    expect(tool.source).toBe('download');
    expect(proxy.requests).toEqual([`CONNECT ${new URL(target.origin).host}`]);
    expect(target.requests.map((r) => r.path)).toEqual([PATH]);
  });

  it('sends http downloads through HTTP_PROXY', async () => {
    const target = await serving();
    await installTool('stubtool', options(target.origin, { HTTP_PROXY: proxy.url }, { allowHttp: true }));
    expect(proxy.requests).toHaveLength(1);
    expect(proxy.requests[0]).toContain(new URL(target.origin).host);
  });

  it('goes direct for hosts listed in NO_PROXY', async () => {
    const target = await serving();
    await installTool('stubtool', options(target.origin, { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' }, { allowHttp: true }));
    expect(proxy.requests).toEqual([]);
    expect(target.requests).toHaveLength(1);
  });

  it('never puts proxy credentials in its error message', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const target = await serving();
    const error = await installTool(
      'stubtool',
      options(target.origin, { HTTP_PROXY: `http://builder:proxy-password-123@127.0.0.1:${port}` }, { allowHttp: true }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolInstallError);
    expect((error as Error).message).not.toContain('proxy-password-123');
    expect(target.requests).toHaveLength(0);
  });
});

describe('redactUrl', () => {
  it('drops user, password and query from URLs shown to people', () => {
    expect(redactUrl('https://user:token@mirror.example/tools/x?sig=abc')).toBe('https://mirror.example/tools/x?…');
    expect(redactUrl('not a url')).toBe('(unparseable URL)');
  });
});
