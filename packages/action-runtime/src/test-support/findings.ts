import type { DraftWithHints, EngineRun, Finding, FindingsDocument } from '@gatehouse/findings';
import { codeDraft, finalized } from '@gatehouse/findings/test-support';
import { evaluate, PolicySchema } from '@gatehouse/policy';

export const NOW = new Date('2026-11-22T12:00:00.000Z');

/** A finalized high bandit finding at `path:line` (distinct ids per place). */
export function codeFinding(path: string, line: number, overrides: Partial<DraftWithHints> = {}): Finding {
  return finalized([codeDraft({ location: { kind: 'code', path, startLine: line }, ...overrides })])[0]!;
}

/** A findings.json document as a scanning action writes it (evaluated under the default policy). */
export function findingsDocument(findings: Finding[], engines: EngineRun[] = [{ id: 'bandit', status: 'ran', findings: findings.length }]): FindingsDocument {
  const evaluation = evaluate(findings, PolicySchema.parse({ version: 1 }), NOW, { engines });
  return {
    schemaVersion: '1.0',
    tool: { name: 'gatehouse', version: '0.1.0' },
    target: { name: 'octo-org/octo-repo', kind: 'repository' },
    generatedAt: NOW.toISOString(),
    engines,
    decision: evaluation.decision,
    findings: evaluation.findings,
  };
}
