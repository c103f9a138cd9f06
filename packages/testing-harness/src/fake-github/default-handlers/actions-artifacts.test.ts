import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../fake-github';

let fake: FakeGitHub;
const REPO = '/repos/octo-org/octo-repo';

beforeEach(async () => {
  fake = await FakeGitHub.start();
});
afterEach(async () => {
  await fake.close();
});

function get(path: string, token: string | null = fake.writeToken) {
  return fetch(`${fake.url}${path}`, { redirect: 'manual', headers: token ? { authorization: `token ${token}` } : {} });
}

describe('fake GitHub: artifacts of other workflow runs', () => {
  it('lists artifacts newest first, filtered by name, with their workflow run', async () => {
    fake.state.addRepositoryArtifact('ledger', { 'a.json': '1' }, { createdAt: new Date('2025-01-01T00:00:00Z') });
    const newer = fake.state.addRepositoryArtifact('ledger', { 'a.json': '2' }, { createdAt: new Date('2025-02-01T00:00:00Z'), branch: 'feature' });
    fake.state.addRepositoryArtifact('other', { 'b.json': '3' });
    const response = await get(`${REPO}/actions/artifacts?name=ledger&per_page=100`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { total_count: number; artifacts: { id: number; workflow_run: { head_branch: string } }[] };
    expect(body.total_count).toBe(2);
    expect(body.artifacts[0]).toMatchObject({ id: newer.id, workflow_run: { head_branch: 'feature' } });
  });

  it('redirects a download to a signed blob URL that serves the zip without a token', async () => {
    const artifact = fake.state.addRepositoryArtifact('ledger', { 'a.json': '{}' });
    const redirect = await get(`${REPO}/actions/artifacts/${artifact.id}/zip`);
    expect(redirect.status).toBe(302);
    const blob = await fetch(redirect.headers.get('location')!);
    expect(blob.status).toBe(200);
    expect(Buffer.from(await blob.arrayBuffer()).equals(artifact.content)).toBe(true);
  });

  it('answers 410 for an expired artifact and 403 without actions: read', async () => {
    const expired = fake.state.addRepositoryArtifact('old', { 'a.json': '{}' }, { expired: true });
    expect((await get(`${REPO}/actions/artifacts/${expired.id}/zip`)).status).toBe(410);
    const token = fake.tokens.create({ contents: 'read' });
    expect((await get(`${REPO}/actions/artifacts`, token)).status).toBe(403);
  });

  it('records a token sent to blob storage as a credential leak', async () => {
    const artifact = fake.state.addRepositoryArtifact('ledger', { 'a.json': '{}' });
    const redirect = await get(`${REPO}/actions/artifacts/${artifact.id}/zip`);
    await fetch(redirect.headers.get('location')!, { headers: { authorization: `token ${fake.writeToken}` } });
    expect(fake.takeViolations()).toMatchObject([{ kind: 'credential-leak' }]);
  });

  it('refuses a blob URL without its signature', async () => {
    const artifact = fake.state.addRepositoryArtifact('ledger', { 'a.json': '{}' });
    const location = new URL((await get(`${REPO}/actions/artifacts/${artifact.id}/zip`)).headers.get('location')!);
    location.searchParams.set('sig', 'forged');
    expect((await fetch(location)).status).toBe(403);
  });
});

describe('fake GitHub: GET /user', () => {
  it('refuses installation tokens as GitHub does', async () => {
    const response = await get('/user');
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ message: 'Resource not accessible by integration' });
  });
});
