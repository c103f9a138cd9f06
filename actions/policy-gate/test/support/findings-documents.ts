// findings.json documents made by the real pipeline, as the scanning actions upload them.
import { chmodSync, cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { silentLogger, type DraftWithHints, type FindingsDocument } from '@gatehouse/findings';
import { assembleRun, createSourceReader, normalizeReportFile, runEngine, type EngineOutcome } from '@gatehouse/pipeline';
import { defaultPolicy } from '@gatehouse/policy';
import { serializeFindingsDocument } from '@gatehouse/report';
import { banditAdapter } from '@gatehouse/scanners';

export const FIXTURE = fileURLToPath(new URL('../__fixtures__/two-shell-calls/', import.meta.url));
const SALT = 'test-salt-for-policy-gate-e2e';
const NOW = new Date('2026-11-22T21:00:00Z');

/** A workspace holding the scanned app (so identities match what a real scan computes). */
export function appWorkspace(): string {
  const workspace = mkdtempSync(join(tmpdir(), 'gatehouse-gate-workspace-'));
  cpSync(join(FIXTURE, 'app'), join(workspace, 'app'), { recursive: true });
  return workspace;
}

function document(outcomes: EngineOutcome[], workspace: string): FindingsDocument {
  const source = createSourceReader(workspace);
  return assembleRun({
    outcomes,
    policy: defaultPolicy(),
    now: NOW,
    target: { name: 'octo-org/octo-repo', kind: 'repository' },
    toolVersion: '0.1.0',
    readLine: source.readLine,
    context: { mode: 'pr' },
  }).document;
}

/** The sast action's findings.json for the fixture app: two B602 findings (app/main.py:5 and :9). */
export function banditFindings(workspace: string): FindingsDocument {
  const outcome = normalizeReportFile(banditAdapter, join(FIXTURE, 'bandit-report.json'), { file: 'bandit-report.json', workspace, salt: SALT });
  return document([outcome], workspace);
}

/** A findings.json in which bandit crashed (a real runEngine over a stub that exits 2). */
export async function crashedBanditFindings(workspace: string): Promise<FindingsDocument> {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-stub-bandit-'));
  const stub = join(dir, 'bandit');
  writeFileSync(stub, '#!/bin/sh\necho "Traceback: bandit blew up" >&2\nexit 2\n');
  chmodSync(stub, 0o755);
  const outcome = await runEngine({
    adapter: banditAdapter,
    executable: stub,
    version: '1.7.10',
    options: { workspace, targets: ['.'], mode: 'full' },
    parse: { workspace, salt: SALT },
    logger: silentLogger,
  });
  return document([outcome], workspace);
}

/** A findings.json with one high semgrep finding on app/main.py:5 with this title and message (through finalize and evaluate). */
export function semgrepFinding(workspace: string, title: string, message: string): FindingsDocument {
  const draft: DraftWithHints = {
    category: 'sast',
    ruleId: 'evil-rule',
    title,
    message,
    severity: 'high',
    severityBasis: { kind: 'tool', label: 'HIGH', source: 'semgrep' },
    identifiers: [],
    aliases: [],
    location: { kind: 'code', path: 'app/main.py', startLine: 5 },
    fix: { available: false, versions: [], state: 'unknown' },
    sources: [{ engine: 'semgrep', nativeId: 'evil-rule' }],
  } as DraftWithHints;
  return document([{ engine: { id: 'semgrep', status: 'ran', version: '1.99.0', findings: 1 }, drafts: [draft], notes: [] }], workspace);
}

export function json(doc: FindingsDocument): string {
  return serializeFindingsDocument(doc);
}
