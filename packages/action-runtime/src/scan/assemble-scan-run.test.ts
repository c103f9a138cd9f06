import type { DraftWithHints, Finding } from '@gatehouse/findings';
import { codeDraft, packageDraft } from '@gatehouse/findings/test-support';
import { assembleRun, type AssembleInput, type EngineOutcome } from '@gatehouse/pipeline';
import { PolicySchema } from '@gatehouse/policy';
import { describe, expect, it } from 'vitest';
import { NOW } from '../test-support/findings';
import { assembleScanRun, baselineWithMarks } from './assemble-scan-run';

const policy = PolicySchema.parse({ version: 1 });

function outcome(engine: string, drafts: DraftWithHints[]): EngineOutcome {
  return { engine: { id: engine, status: 'ran', findings: drafts.length }, drafts, notes: [] };
}

const lodash = (engine: string, version = '4.17.15') =>
  packageDraft({
    location: { kind: 'package', purl: `pkg:npm/lodash@${version}`, ecosystem: 'npm', name: 'lodash', version, manifest: 'web/package-lock.json' },
    sources: [{ engine, nativeId: 'GHSA-p6mc-m468-83gw' }],
  }) as DraftWithHints;
const minimist = packageDraft({
  ruleId: 'CVE-2020-7598',
  identifiers: [{ type: 'CVE', value: 'CVE-2020-7598' }],
  aliases: ['CVE-2020-7598'],
  location: { kind: 'package', purl: 'pkg:npm/minimist@1.2.0', ecosystem: 'npm', name: 'minimist', version: '1.2.0', manifest: 'web/package-lock.json' },
  sources: [{ engine: 'osv-offline', nativeId: 'GHSA-vh95-rmgr-6w4m' }],
}) as DraftWithHints;

function input(overrides: Partial<AssembleInput> = {}): AssembleInput {
  return {
    outcomes: [outcome('npm-audit', [lodash('npm-audit')]), outcome('osv-offline', [lodash('osv-offline'), minimist])],
    policy,
    now: NOW,
    target: { name: 'octo-org/octo-repo', kind: 'repository' },
    toolVersion: '0.1.0',
    context: { mode: 'pr' },
    ...overrides,
  };
}

const byName = (findings: readonly Finding[], name: string) => findings.find((f) => f.location.kind === 'package' && f.location.name === name)!;

describe('assembleScanRun', () => {
  it('without a transform is assembleRun', async () => {
    const { document, notes } = await assembleScanRun(input());
    expect(document).toEqual(assembleRun(input()).document);
    expect(notes).toEqual([]);
  });

  it('with a transform that changes nothing gives assembleRun’s document, a rejected draft still making its engine incomplete', async () => {
    const broken = codeDraft({ ruleId: '', sources: [{ engine: 'osv-offline', nativeId: 'x' }] });
    const withBroken = input({ outcomes: [...input().outcomes, outcome('osv-offline', [broken])] });
    const { document } = await assembleScanRun(withBroken, async (findings) => ({ findings }));
    expect(document).toEqual(assembleRun(withBroken).document);
    expect(document.engines.find((e) => e.id === 'osv-offline')).toMatchObject({ status: 'incomplete', reason: expect.stringContaining('failed validation') });
  });

  it('hands the transform the merged findings: one per vulnerability per package and manifest', async () => {
    let seen: Finding[] = [];
    await assembleScanRun(input(), async (findings) => {
      seen = findings;
      return { findings };
    });
    expect(seen).toHaveLength(2);
    expect(byName(seen, 'lodash').sources.map((s) => s.engine).sort()).toEqual(['npm-audit', 'osv-offline']);
  });

  it('in new-only mode, a finding the transform marks as already there warns and one it marks as new blocks, whatever the baseline says', async () => {
    const transform = async (findings: Finding[]) => ({
      findings: findings.map((f) => ({ ...f, isNew: f.location.kind === 'package' && f.location.name === 'lodash' })),
      notes: ['the pull request adds 1 package version'],
    });
    const first = await assembleScanRun(input(), async (f) => ({ findings: f }));
    const lodashId = byName(first.document.findings, 'lodash').id;
    // The baseline file knows lodash's finding: the transform's "new" wins (a PR that downgrades a package).
    const { document, notes } = await assembleScanRun(input({ context: { mode: 'pr', baseline: new Set([lodashId]) } }), transform);

    expect(notes).toEqual(['the pull request adds 1 package version']);
    expect(byName(document.findings, 'lodash').isNew).toBe(true);
    expect(byName(document.findings, 'minimist').isNew).toBe(false);
    expect(document.decision.blockingIds).toEqual([lodashId]);
    expect(document.decision.reasons.map((r) => r.code)).toContain('preexisting');
    expect(document.decision.verdict).toBe('block');
  });

  it('in push mode the marks change nothing that blocks', async () => {
    const transform = async (findings: Finding[]) => ({ findings: findings.map((f) => ({ ...f, isNew: false })) });
    const { document } = await assembleScanRun(input({ context: { mode: 'push' } }), transform);
    expect(document.decision.blockingIds).toHaveLength(2);
  });

  it('keeps the findings when the transform throws, counting them all as new, and says so', async () => {
    const { document, notes } = await assembleScanRun(input(), async () => {
      throw new Error('git merge-base failed');
    });
    expect(document.findings).toHaveLength(2);
    expect(document.decision.blockingIds).toHaveLength(2);
    expect(notes).toEqual(['The findings could not be refined (git merge-base failed); they are decided as the engines reported them.']);
  });
});

describe('baselineWithMarks', () => {
  const finding = (id: string, isNew?: boolean) => ({ id, ...(isNew === undefined ? {} : { isNew }) }) as Finding;

  it('adds what is marked as already there and removes what is marked new', () => {
    expect([...baselineWithMarks([finding('a', false), finding('b', true), finding('c')], new Set(['b', 'd']))!].sort()).toEqual(['a', 'd']);
  });

  it('leaves the baseline as it is (also undefined) when nothing is marked', () => {
    const baseline = new Set(['x']);
    expect(baselineWithMarks([finding('a')], baseline)).toBe(baseline);
    expect(baselineWithMarks([finding('a')], undefined)).toBeUndefined();
  });
});
