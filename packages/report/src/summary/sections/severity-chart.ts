import { SEVERITIES, type Severity } from '@gatehouse/findings';
import { severityLabel } from '../severity-style';
import type { SummaryFacts } from '../summary-facts';

const MAX_ENGINES = 19;

/**
 * A mermaid sankey diagram of open findings flowing from each engine to its severities: both
 * dimensions in one chart, every band labelled, no legend to decode. Engine names are reduced to
 * `[a-z0-9._-]` (they are data, and mermaid has its own syntax); severities are capitalised words,
 * so an engine can never share a node with a severity.
 */
export function severityChart(facts: SummaryFacts): string | undefined {
  const engines = [...facts.byEngine.entries()]
    .map(([engine, counts]) => ({ engine: chartName(engine), counts, total: SEVERITIES.reduce((t, s) => t + counts[s], 0) }))
    .filter((e) => e.total > 0)
    .sort((a, b) => b.total - a.total || (a.engine < b.engine ? -1 : 1));
  if (engines.length === 0) return undefined;
  const shown = engines.slice(0, MAX_ENGINES);
  const rest = engines.slice(MAX_ENGINES);
  if (rest.length) {
    const counts = Object.fromEntries(SEVERITIES.map((s) => [s, rest.reduce((t, e) => t + e.counts[s], 0)])) as Record<Severity, number>;
    shown.push({ engine: 'other-engines', counts, total: rest.reduce((t, e) => t + e.total, 0) });
  }
  const lines = ['```mermaid', 'sankey-beta'];
  const merged = new Map<string, number>();
  for (const { engine, counts } of shown) {
    for (const s of SEVERITIES) {
      if (counts[s] <= 0) continue;
      const key = `${engine},${severityLabel(s)}`;
      merged.set(key, (merged.get(key) ?? 0) + counts[s]);
    }
  }
  for (const [key, value] of merged) lines.push(`${key},${value}`);
  lines.push('```');
  return lines.join('\n');
}

function chartName(engine: string): string {
  const name = engine.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return name || 'engine';
}
