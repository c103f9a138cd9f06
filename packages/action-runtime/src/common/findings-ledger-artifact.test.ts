import { silentLogger } from '@gatehouse/findings';
import { readGitHubContext, type ArtifactFileInput, type ArtifactStore } from '@gatehouse/github';
import { fakeDefaultBranchHistory, type DefaultBranchHistory } from '@gatehouse/github/test-support';
import { FakeGitHub, pushEvent } from '@gatehouse/testing-harness';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeClient } from '../test-support/github-client';
import { codeFinding } from '../test-support/findings';
import { artifactFindingsLedger, LEDGER_ARTIFACT } from './findings-ledger-artifact';
import { LEDGER_FILE, parseLedger, serializeLedger } from './findings-ledger-document';

let github: FakeGitHub;
let history: DefaultBranchHistory;
const a = codeFinding('app/a.py', 1);
const b = codeFinding('app/b.py', 2);
const c = codeFinding('app/c.py', 3);
const at = (day: number) => new Date(Date.UTC(2026, 10, day, 12));

beforeEach(async () => {
  github = await FakeGitHub.start();
  history = fakeDefaultBranchHistory(github);
});
afterEach(async () => {
  await github.close();
});

/** Keeps uploads in memory; `publish` makes one visible to later runs as GitHub does once a run ends. */
function memoryStore(): ArtifactStore & { uploads: { name: string; files: ArtifactFileInput[] }[]; publish(index: number, createdAt: Date): void } {
  const uploads: { name: string; files: ArtifactFileInput[] }[] = [];
  return {
    uploads,
    uploadFiles: async (name, files) => {
      uploads.push({ name, files: [...files] });
      return { status: 'uploaded', name, id: uploads.length, size: 1, digest: undefined };
    },
    publish(index, createdAt) {
      const upload = uploads[index]!;
      github.state.addRepositoryArtifact(upload.name, Object.fromEntries(upload.files.map((f) => [f.path, f.content])), { createdAt, headSha: history.advance() });
    },
  };
}

function ledgerFor(store: ArtifactStore, token = github.writeToken) {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-ledger-'));
  const eventPath = join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify(pushEvent()));
  const context = readGitHubContext({
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SHA: history.commits.at(-1)!,
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_ATTEMPT: '1',
  });
  return artifactFindingsLedger({ store })({ client: fakeClient(github, token), context, logger: silentLogger });
}

function published(content: string, createdAt: Date) {
  return github.state.addRepositoryArtifact(LEDGER_ARTIFACT, { [LEDGER_FILE]: content }, { createdAt, headSha: history.advance() });
}

describe('the artifact findings ledger', () => {
  it('keeps first-seen dates across three default-branch runs in sequence', async () => {
    const store = memoryStore();
    const first = ledgerFor(store);
    expect((await first.read()).size).toBe(0);
    await first.write!([a], at(1));
    store.publish(0, at(1));

    const second = ledgerFor(store);
    expect(await second.read()).toEqual(new Map([[a.id, at(1).toISOString()]]));
    await second.write!([a, b], at(2));
    store.publish(1, at(2));

    const third = ledgerFor(store);
    expect(await third.read()).toEqual(new Map([[a.id, at(1).toISOString()], [b.id, at(2).toISOString()]]));
    await third.write!([a, b], at(3));
    const written = parseLedger(store.uploads[2]!.files[0]!.content as string, at(3)).entries;
    expect(written.get(a.id)).toEqual({ firstSeen: at(1).getTime(), lastSeen: at(3).getTime() });
    expect(written.get(b.id)).toEqual({ firstSeen: at(2).getTime(), lastSeen: at(3).getTime() });
    expect(store.uploads.map((u) => u.name)).toEqual([LEDGER_ARTIFACT, LEDGER_ARTIFACT, LEDGER_ARTIFACT]);
  });

  it('loses no date when two writers run at once: the next reader unites both ledgers, earliest date per finding', async () => {
    published(serializeLedger(new Map([[a.id, { firstSeen: at(1).getTime(), lastSeen: at(1).getTime() }]]), at(1)), at(1));
    const store = memoryStore();
    const left = ledgerFor(store);
    const right = ledgerFor(store);
    await Promise.all([left.read(), right.read()]);
    // Neither sees the other's ledger: both upload before either run has ended.
    await Promise.all([left.write!([a, b], at(3)), right.write!([a, c], at(2))]);
    store.publish(0, at(3));
    store.publish(1, at(3));

    const next = await ledgerFor(memoryStore()).read();
    expect(next).toEqual(new Map([[a.id, at(1).toISOString()], [b.id, at(3).toISOString()], [c.id, at(2).toISOString()]]));
  });

  it('merges a ledger that a concurrent run published after this one read, just before writing', async () => {
    const store = memoryStore();
    const slow = ledgerFor(store);
    await slow.read();
    published(serializeLedger(new Map([[b.id, { firstSeen: at(1).getTime(), lastSeen: at(1).getTime() }]]), at(1)), at(1));
    await slow.write!([a], at(2));
    const written = parseLedger(store.uploads[0]!.files[0]!.content as string, at(2)).entries;
    expect([...written.keys()].sort()).toEqual([a.id, b.id].sort());
    expect(written.get(b.id)!.firstSeen).toBe(at(1).getTime());
  });

  it('skips future-dated, malformed and prototype-polluting entries of a hostile ledger, and refuses a forged envelope', async () => {
    const hostile = JSON.stringify({
      format: 'gatehouse-findings-ledger',
      version: 1,
      updatedAt: at(1).toISOString(),
      entries: [[a.id, '2099-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z'], ['__proto__', at(1).toISOString(), at(1).toISOString()], { id: b.id }, [c.id, at(1).toISOString(), at(1).toISOString()]],
    });
    published(hostile, at(1));
    published('{"format":"something-else","entries":{}}', at(2));
    const ledger = ledgerFor(memoryStore());
    expect(await ledger.read()).toEqual(new Map([[c.id, at(1).toISOString()]]));
    const notes = ledger.notes!().join('\n');
    expect(notes).toMatch(/3 unreadable or future-dated entries/);
    expect(notes).toMatch(/was not used: the ledger is not a gatehouse-findings-ledger v1 document/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not believe a ledger from a pull_request_target run or from a commit outside the default branch', async () => {
    const forged = published(serializeLedger(new Map([[a.id, { firstSeen: at(1).getTime(), lastSeen: at(1).getTime() }]]), at(1)), at(5));
    history.events.set(forged.workflowRun.id, 'pull_request_target');
    github.state.addRepositoryArtifact(LEDGER_ARTIFACT, { [LEDGER_FILE]: serializeLedger(new Map([[b.id, { firstSeen: 0, lastSeen: 0 }]]), at(1)) }, { createdAt: at(6), headSha: 'f'.repeat(40) });
    expect((await ledgerFor(memoryStore()).read()).size).toBe(0);
  });

  it('says so and never writes when the earlier ledgers cannot be read (no actions: read)', async () => {
    const store = memoryStore();
    const ledger = ledgerFor(store, github.tokens.create({ contents: 'read' }));
    expect((await ledger.read()).size).toBe(0);
    expect(ledger.notes!().join('\n')).toMatch(/could not be read[\s\S]*actions: read/);
    await expect(ledger.write!([a], at(2))).rejects.toThrow(/would lose their first-seen dates/);
    expect(store.uploads).toEqual([]);
  });

  it('forgets a finding no default-branch run has seen for 180 days', async () => {
    const long = new Date(at(1).getTime() - 200 * 24 * 3600 * 1000);
    published(serializeLedger(new Map([[a.id, { firstSeen: long.getTime(), lastSeen: long.getTime() }], [b.id, { firstSeen: long.getTime(), lastSeen: at(1).getTime() }]]), at(1)), at(1));
    const store = memoryStore();
    const ledger = ledgerFor(store);
    await ledger.read();
    await ledger.write!([], at(2));
    const written = parseLedger(store.uploads[0]!.files[0]!.content as string, at(2)).entries;
    expect([...written.keys()]).toEqual([b.id]);
  });
});
