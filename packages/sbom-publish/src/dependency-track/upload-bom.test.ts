import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError, MemoryLogger } from '@gatehouse/findings';
import { dependencyTrackBomUrl } from './endpoint';
import { uploadBomToDependencyTrack, type DependencyTrackUpload } from './upload-bom';

interface Seen {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A loopback Dependency-Track that answers from a script of statuses, recording each request. */
async function fakeDependencyTrack(answers: { status: number; body?: unknown; headers?: Record<string, string> }[]) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = answers[Math.min(seen.length - 1, answers.length - 1)]!;
      const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  servers.push(server);
  return { url: `http://127.0.0.1:${port}`, seen };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => { s.closeAllConnections(); s.close(() => resolve()); })));
});

const API_KEY = 'odt_Zx8h2Q9vK3mN7pR4tW6yB1cD5fG0jL2s';
const BOM = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: [{ type: 'library', name: 'lodash', version: '4.17.15', purl: 'pkg:npm/lodash@4.17.15' }] });
const TOKEN = '5c4a9e1b-3f27-4d8a-9b6e-0f1d2c3b4a59';
const upload = (url: string, extra: Partial<DependencyTrackUpload> = {}): DependencyTrackUpload => ({ url, apiKey: API_KEY, projectName: 'vulnerable-app', projectVersion: '1.4.2', bom: BOM, ...extra });
const noWait = { sleep: async () => {}, random: () => 0.5, allowInsecureLoopback: true, env: {} };

describe('uploadBomToDependencyTrack against a loopback Dependency-Track', () => {
  it('PUTs the BOM to /api/v1/bom with the API key header and the documented JSON body', async () => {
    const dt = await fakeDependencyTrack([{ status: 200, body: { token: TOKEN } }]);
    const logger = new MemoryLogger();
    const outcome = await uploadBomToDependencyTrack(upload(dt.url), { logger, ...noWait });
    expect(outcome).toEqual({ status: 'uploaded', token: TOKEN, attempts: 1, server: dt.url });
    expect(dt.seen).toHaveLength(1);
    const [req] = dt.seen;
    expect(req!.method).toBe('PUT');
    expect(req!.path).toBe('/api/v1/bom');
    expect(req!.headers['x-api-key']).toBe(API_KEY);
    expect(req!.headers['content-type']).toBe('application/json');
    const body = JSON.parse(req!.body);
    expect(Object.keys(body).sort()).toEqual(['autoCreate', 'bom', 'projectName', 'projectVersion']);
    expect(body).toMatchObject({ projectName: 'vulnerable-app', projectVersion: '1.4.2', autoCreate: true });
    expect(Buffer.from(body.bom, 'base64').toString('utf8')).toBe(BOM);
  });

  it('succeeds on a 503 then a 201, with exactly one retry', async () => {
    const dt = await fakeDependencyTrack([{ status: 503, body: { title: 'Service Unavailable' } }, { status: 201, body: { token: TOKEN } }]);
    const waits: number[] = [];
    const logger = new MemoryLogger();
    const outcome = await uploadBomToDependencyTrack(upload(dt.url), { logger, ...noWait, sleep: async (ms) => void waits.push(ms) });
    expect(outcome).toEqual({ status: 'uploaded', token: TOKEN, attempts: 2, server: dt.url });
    expect(dt.seen).toHaveLength(2);
    expect(dt.seen[1]!.body).toBe(dt.seen[0]!.body);
    expect(waits).toEqual([1_500]);
  });

  it.each([
    [401, /API key was refused \(401\)/],
    [403, /lacks a permission \(403\): it needs BOM_UPLOAD/],
    [400, /refused the request.*: Invalid BOM - The uploaded BOM is invalid/],
  ])('does not retry a %i', async (status, reason) => {
    const dt = await fakeDependencyTrack([{ status, body: { title: 'Invalid BOM', detail: 'The uploaded BOM is invalid' } }, { status: 200, body: { token: TOKEN } }]);
    const outcome = await uploadBomToDependencyTrack(upload(dt.url), { logger: new MemoryLogger(), ...noWait });
    expect(outcome).toMatchObject({ status: 'failed', httpStatus: status, attempts: 1 });
    expect(outcome.status === 'failed' && outcome.reason).toMatch(reason);
    expect(dt.seen).toHaveLength(1);
  });

  it('gives up after the bounded number of attempts, and honours a short Retry-After', async () => {
    const dt = await fakeDependencyTrack([{ status: 429, headers: { 'retry-after': '3' } }]);
    const waits: number[] = [];
    const outcome = await uploadBomToDependencyTrack(upload(dt.url), { logger: new MemoryLogger(), ...noWait, sleep: async (ms) => void waits.push(ms), policy: { maxAttempts: 3 } });
    expect(outcome).toMatchObject({ status: 'failed', httpStatus: 429, attempts: 3, reason: 'Dependency-Track answered 429 (after 3 attempts)' });
    expect(dt.seen).toHaveLength(3);
    expect(waits).toEqual([3_000, 3_000]);
  });

  it('does not wait for a Retry-After longer than the policy allows', async () => {
    const dt = await fakeDependencyTrack([{ status: 503, headers: { 'retry-after': '3600' } }]);
    const outcome = await uploadBomToDependencyTrack(upload(dt.url), { logger: new MemoryLogger(), ...noWait });
    expect(outcome).toMatchObject({ status: 'failed', attempts: 1, reason: expect.stringContaining('asked to wait 3600 s') });
  });

  it('retries when the server cannot be reached, then reports the network error', async () => {
    const dt = await fakeDependencyTrack([{ status: 200 }]);
    const url = dt.url;
    await new Promise<void>((resolve) => { const s = servers.pop()!; s.close(() => resolve()); });
    const outcome = await uploadBomToDependencyTrack(upload(url), { logger: new MemoryLogger(), ...noWait, policy: { maxAttempts: 2 } });
    expect(outcome).toMatchObject({ status: 'failed', attempts: 2, reason: expect.stringMatching(/^the request failed: .*ECONNREFUSED.*\(after 2 attempts\)$/) });
  });

  it('never logs or returns the API key, whatever happens', async () => {
    const dt = await fakeDependencyTrack([{ status: 503 }, { status: 401 }]);
    const logger = new MemoryLogger();
    const outcome = await uploadBomToDependencyTrack(upload(dt.url), { logger, ...noWait });
    expect(logger.entries.length).toBeGreaterThan(0);
    const everything = JSON.stringify(outcome) + logger.text();
    expect(everything).not.toContain(API_KEY);
    expect(everything).not.toContain(API_KEY.slice(4, 16));
  });
});

describe('the Dependency-Track URL and inputs', () => {
  it('accepts the server root or the API path, behind a path prefix too', () => {
    expect(dependencyTrackBomUrl('https://dtrack.example.com').href).toBe('https://dtrack.example.com/api/v1/bom');
    expect(dependencyTrackBomUrl('https://dtrack.example.com/api/').href).toBe('https://dtrack.example.com/api/v1/bom');
    expect(dependencyTrackBomUrl('https://tools.example.com/dtrack/api/v1/bom').href).toBe('https://tools.example.com/dtrack/api/v1/bom');
  });

  it.each([
    ['http://dtrack.example.com', /must be an https URL/],
    ['http://127.0.0.1:8080', /must be an https URL/],
    ['https://user:pass@dtrack.example.com', /must not carry a user name or password/],
    ['https://dtrack.example.com/?apiKey=x', /query or fragment/],
    ['not a url', /not a valid URL/],
  ])('refuses %s before sending the key', (url, message) => {
    expect(() => dependencyTrackBomUrl(url)).toThrow(ConfigurationError);
    expect(() => dependencyTrackBomUrl(url)).toThrow(message);
  });

  it('refuses an empty key, a key with a line break, and a bad project name', async () => {
    const logger = new MemoryLogger();
    await expect(uploadBomToDependencyTrack(upload('https://dtrack.example.com', { apiKey: '' }), { logger })).rejects.toThrow(/api-key is empty/);
    await expect(uploadBomToDependencyTrack(upload('https://dtrack.example.com', { apiKey: 'a\r\nX-Evil: 1' }), { logger })).rejects.toThrow(/line break/);
    await expect(uploadBomToDependencyTrack(upload('https://dtrack.example.com', { projectName: '' }), { logger })).rejects.toThrow(/project name/);
  });
});
