import type { EngineRun, Finding } from '@gatehouse/findings';

export type SourceKind = 'artifact' | 'findings-file' | 'sarif-file' | 'expected-artifact';

/** One place the gate took findings from: an artifact of this run, a findings.json, a SARIF file. */
export interface GatheredSource {
  kind: SourceKind;
  /** The artifact name or the workspace-relative path (for an expected artifact: the `expected` entry). */
  name: string;
  engines: EngineRun[];
  findings: Finding[];
  /** What went wrong reading it; any problem makes the source an incomplete engine line (fail closed). */
  problems: string[];
}

const KIND_LABEL: Record<SourceKind, string> = {
  artifact: 'artifact',
  'findings-file': 'findings file',
  'sarif-file': 'SARIF file',
  'expected-artifact': 'expected artifact',
};

/** The engine line standing for a source that could not be read whole: named after the source. */
export function sourceEngineRun(source: GatheredSource): EngineRun | undefined {
  if (source.problems.length === 0) return undefined;
  const id = `${KIND_LABEL[source.kind]} ${source.name}`.slice(0, 100);
  return { id, status: 'incomplete', reason: source.problems.join('; ').slice(0, 4_000), findings: source.findings.length };
}

export function describeSourceKind(kind: SourceKind): string {
  return KIND_LABEL[kind];
}
