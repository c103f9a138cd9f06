// Issue 12, "concurrency": two gate runs updating the findings ledger at once lose no first-seen date.
// The real thing end to end: policy-gate's committed bundle (real ledger, real @actions/artifact)
// against the OpenAPI-checked fake GitHub, each run with its own fake artifact service (artifacts are
// per run). Between runs a run's ledger artifact is moved to the repository's list, as GitHub shows a
// finished run's artifacts to later runs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect } from 'vitest';
import { appWorkspace, banditFindings, json, semgrepFinding } from '../../../actions/policy-gate/test/support/findings-documents';
import { LEDGER_ARTIFACT, LEDGER_FILE, serializeLedger } from '../../../packages/action-runtime/src/index';
import type { FindingsDocument } from '../../../packages/findings/src/index';
import { unzipInMemory } from '../../../packages/github/src/index';
import { fakeDefaultBranchHistory, type DefaultBranchHistory } from '../../../packages/github/src/test-support/index';
import {
  FakeArtifactService,
  FakeGitHub,
  pushEvent,
  registerActionsArtifactHandlers,
  runBundledAction,
  type BundledActionRun,
  type FakeHandler,
} from '../../../packages/testing-harness/src/index';
import { CONCURRENCY_CASES } from '../catalog/concurrency';
import { caseById, caseTest } from '../support/case-test';

const bundle = fileURLToPath(new URL('../../../actions/policy-gate/dist/index.js', import.meta.url));
const manifest = fileURLToPath(new URL('../../../actions/policy-gate/action.yml', import.meta.url));
const DECISION = 'gatehouse-decision-policy-gate-security';
const LIST_ARTIFACTS = 'GET /repos/{owner}/{repo}/actions/artifacts';
const DOWNLOAD_ARTIFACT = 'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}';
const DAY = 24 * 3600 * 1000;

/**
 * The fake's own artifact listing, except that the first `count` listings of the ledger are answered
 * only once all of them have arrived: the runs making them all read the same repository state, and
 * none can write before every one has read. Later listings (the writers' second look) pass through.
 * Downloads get a blob URL of their own each, as GitHub signs one per request: the fake signs one per
 * artifact, so two concurrent downloads would otherwise invalidate each other's URL (403).
 */
function holdLedgerReads(github: FakeGitHub, count: number): { log: string[] } {
  const defaults = new Map<string, FakeHandler>();
  // The default handlers, taken from their registration (a view of the fake whose setDefault keeps them).
  registerActionsArtifactHandlers(
    Object.create(github, { setDefault: { value: (route: string, handler: FakeHandler) => defaults.set(route, handler) } }) as FakeGitHub,
  );
  const list = defaults.get(LIST_ARTIFACTS)!;
  const zip = defaults.get(DOWNLOAD_ARTIFACT)!;
  let arrived = 0;
  let downloads = 0;
  let release!: () => void;
  const allArrived = new Promise<void>((resolve) => (release = resolve));
  const log: string[] = [];
  github.on(LIST_ARTIFACTS, async (request, fake) => {
    if (request.query.name !== LEDGER_ARTIFACT) return list(request, fake);
    arrived += 1;
    const index = arrived;
    log.push(`ledger listing ${index} arrived`);
    if (index <= count) {
      if (index === count) release();
      // Bounded: a run that never reads must fail the assertions, not hang the suite.
      await Promise.race([allArrived, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    }
    log.push(`ledger listing ${index} answered`);
    return list(request, fake);
  });
  github.on(DOWNLOAD_ARTIFACT, async (request, fake) => {
    const answer = await zip(request, fake);
    const artifact = github.state.repositoryArtifacts.find((a) => a.id === Number(request.params.artifact_id));
    if (answer.status !== 302 || !artifact) return answer;
    downloads += 1;
    return { ...answer, headers: { location: github.state.signedBlobUrl(`artifacts/${artifact.id}/download-${downloads}.zip`, artifact.content) } };
  });
  return { log };
}

const findingsArtifact = (document: FindingsDocument, firstSeen: (line: string) => string) =>
  json({ ...document, findings: document.findings.map((f) => ({ ...f, firstSeen: firstSeen(lineOf(f)) })) });

const lineOf = (f: FindingsDocument['findings'][number]) => `${f.sources[0]!.engine}:${f.location.kind === 'code' ? f.location.startLine : 0}`;

async function decisionDates(service: FakeArtifactService): Promise<Record<string, string | undefined>> {
  const decision = service.artifacts.find((a) => a.name === DECISION);
  if (!decision) throw new Error(`no ${DECISION} artifact; have ${service.artifacts.map((a) => a.name).join(', ')}`);
  const document = JSON.parse((await unzipInMemory(decision.content)).get('findings.json')!.toString()) as FindingsDocument;
  return Object.fromEntries(document.findings.map((f) => [lineOf(f), f.firstSeen]));
}

/** The run is over: its ledger becomes an artifact of a default-branch run that later runs can list. */
function finishRun(github: FakeGitHub, history: DefaultBranchHistory, service: FakeArtifactService): void {
  const ledger = service.artifacts.find((a) => a.name === LEDGER_ARTIFACT);
  if (!ledger) throw new Error(`the run uploaded no ${LEDGER_ARTIFACT}; have ${service.artifacts.map((a) => a.name).join(', ')}`);
  github.state.addRepositoryArtifact(LEDGER_ARTIFACT, {}, { zip: ledger.content, headSha: history.advance(), createdAt: new Date() });
}

describe('two gate runs updating the findings ledger at once', () => {
  caseTest(
    caseById(CONCURRENCY_CASES, 'concurrency/ledger-two-writers'),
    async () => {
      const github = await FakeGitHub.start();
      const services = await Promise.all([FakeArtifactService.start(), FakeArtifactService.start(), FakeArtifactService.start()]);
      const [left, right, third] = services;
      try {
        const history = fakeDefaultBranchHistory(github);
        const workspace = appWorkspace();
        mkdirSync(join(workspace, '.github'), { recursive: true });
        writeFileSync(join(workspace, '.github', 'gatehouse.yml'), 'version: 1\n');
        const bandit = banditFindings(workspace);
        const semgrep = semgrepFinding(workspace, 'Tainted command', 'cmd reaches subprocess');
        const id = (doc: FindingsDocument, line: string) => doc.findings.find((f) => lineOf(f) === line)!.id;

        // An earlier default-branch run recorded bandit:5 ten days ago.
        const earlier = Date.now() - 10 * DAY;
        github.state.addRepositoryArtifact(
          LEDGER_ARTIFACT,
          { [LEDGER_FILE]: serializeLedger(new Map([[id(bandit, 'bandit:5'), { firstSeen: earlier, lastSeen: earlier }]]), new Date(earlier)) },
          { headSha: history.advance(), createdAt: new Date(earlier) },
        );

        // Left sees both bandit findings now; right sees bandit:9 as three days old (its scan says so) and a semgrep finding only it has.
        const now = () => new Date().toISOString();
        const threeDaysAgo = new Date(Date.now() - 3 * DAY).toISOString();
        left!.seedArtifact('gatehouse-findings-sast-security', { 'findings.json': findingsArtifact(bandit, now) });
        right!.seedArtifact('gatehouse-findings-sast-security', { 'findings.json': findingsArtifact(bandit, (line) => (line === 'bandit:9' ? threeDaysAgo : now())) });
        right!.seedArtifact('gatehouse-findings-sast-extra', { 'findings.json': findingsArtifact(semgrep, now) });

        const hold = holdLedgerReads(github, 2);
        const runOn = (service: FakeArtifactService): Promise<BundledActionRun> =>
          runBundledAction({ bundle, actionManifest: manifest, workspace, github, artifacts: service, event: 'push', payload: pushEvent({ ref: 'refs/heads/main', after: history.commits.at(-1)! }), inputs: { expected: 'sast' }, timeoutMs: 90_000 });
        const [leftRun, rightRun] = await Promise.all([runOn(left!), runOn(right!)]);
        for (const run of [leftRun, rightRun]) {
          expect(run.stderr).toBe('');
          expect(run.stdout).toContain('findings ledger: 1 finding(s) known from 1 default-branch ledger(s)');
        }
        // Both reads were in flight together and answered only then; each writer looked again before uploading.
        expect(hold.log.slice(0, 4)).toEqual(['ledger listing 1 arrived', 'ledger listing 2 arrived', expect.stringMatching(/^ledger listing [12] answered$/), expect.stringMatching(/^ledger listing [12] answered$/)]);
        expect(hold.log.filter((l) => l.endsWith('arrived'))).toHaveLength(4);
        const leftDates = await decisionDates(left!);
        const rightDates = await decisionDates(right!);
        finishRun(github, history, left!);
        finishRun(github, history, right!);

        // A third run reads: every finding either run saw, with the earliest date any ledger or run had.
        third!.seedArtifact('gatehouse-findings-sast-security', { 'findings.json': findingsArtifact(bandit, now) });
        third!.seedArtifact('gatehouse-findings-sast-extra', { 'findings.json': findingsArtifact(semgrep, now) });
        const next = await runOn(third!);
        expect(next.stderr).toBe('');
        expect(next.stdout).toContain('findings ledger: 3 finding(s) known from 3 default-branch ledger(s)');
        const dates = await decisionDates(third!);
        const earliest = (...candidates: (string | undefined)[]) =>
          new Date(Math.min(...candidates.filter((c): c is string => c !== undefined).map((c) => Date.parse(c)))).toISOString();
        expect(dates).toEqual({
          'bandit:5': earliest(leftDates['bandit:5'], rightDates['bandit:5']),
          'bandit:9': earliest(leftDates['bandit:9'], rightDates['bandit:9']),
          'semgrep:5': earliest(rightDates['semgrep:5']),
        });
        expect(dates['bandit:5']).toBe(new Date(earlier).toISOString());
        expect(dates['bandit:9']).toBe(threeDaysAgo);
        expect(Date.parse(leftDates['bandit:9']!)).toBeGreaterThan(Date.parse(threeDaysAgo));
        github.assertNoViolations();
      } finally {
        await github.close();
        await Promise.all(services.map((s) => s.close()));
      }
    },
    240_000,
  );
});
