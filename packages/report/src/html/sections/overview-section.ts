import { CATEGORIES, SEVERITIES, type Category, type FindingsDocument, type Severity } from '@gatehouse/findings';
import { renderBarChart } from '../svg-bar-chart';
import { CATEGORY_LABEL, SEVERITY_LABEL } from './labels';

/** Open findings by severity, category and engine, as charts that filter the table when clicked. */
export function renderOverviewSection(doc: FindingsDocument): string {
  const bySeverity = new Map<Severity, number>(SEVERITIES.map((s) => [s, 0]));
  const byCategory = new Map<Category, number>(CATEGORIES.map((c) => [c, 0]));
  const byEngine = new Map<string, number>(doc.engines.map((e) => [e.id, 0]));
  for (const finding of doc.findings) {
    if (finding.status !== 'open') continue;
    bySeverity.set(finding.severity, bySeverity.get(finding.severity)! + 1);
    byCategory.set(finding.category, byCategory.get(finding.category)! + 1);
    for (const engine of new Set(finding.sources.map((s) => s.engine))) byEngine.set(engine, (byEngine.get(engine) ?? 0) + 1);
  }
  const severityChart = renderBarChart(
    'Open findings by severity',
    SEVERITIES.map((s) => ({ label: SEVERITY_LABEL[s], count: bySeverity.get(s)!, className: `sev-${s}`, filter: { key: 'severity', value: s } })),
  );
  const categoryChart = renderBarChart(
    'Open findings by category',
    CATEGORIES.map((c) => ({ label: CATEGORY_LABEL[c], count: byCategory.get(c)!, filter: { key: 'category', value: c } })),
  );
  const engineChart = renderBarChart(
    'Open findings by engine',
    [...byEngine.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([engine, count]) => ({ label: engine, count, filter: { key: 'engine', value: engine } })),
    'No engine is recorded for this run.',
  );
  return `<section id="panel-overview" class="panel" role="tabpanel" aria-labelledby="tab-overview"><h2>Overview</h2><div class="charts">${severityChart}${categoryChart}${engineChart}</div></section>`;
}
