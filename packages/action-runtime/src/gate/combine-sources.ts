import { mergeFindings, type EngineRun, type Finding } from '@gatehouse/findings';
import { combineOutcomes } from '@gatehouse/pipeline';
import { sourceEngineRun, type GatheredSource } from './gathered-source';

/**
 * Every source's engines as one list (one line per engine; the worst status wins, so an engine that
 * did not finish in one matrix leg is incomplete for the whole run), plus one incomplete line per
 * source that could not be read; and every finding re-merged across sources (alias-aware).
 */
export function combineSources(sources: readonly GatheredSource[]): { engines: EngineRun[]; findings: Finding[] } {
  const runs: EngineRun[] = [];
  for (const source of sources) {
    runs.push(...source.engines);
    const problem = sourceEngineRun(source);
    if (problem) runs.push(problem);
  }
  const engines = combineOutcomes(runs.map((engine) => ({ engine, drafts: [], notes: [] }))).map((outcome) => outcome.engine);
  const findings = mergeFindings(sources.flatMap((source) => source.findings));
  return { engines, findings };
}
