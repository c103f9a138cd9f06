import { escapeHtml } from './escape-html';

export interface BarChartRow {
  label: string;
  count: number;
  /** CSS class of the row (colours the bar), e.g. `sev-critical`. */
  className?: string;
  /** Clicking the bar filters the findings table: `{ key: 'severity', value: 'critical' }`. */
  filter?: { key: string; value: string };
}

const WIDTH = 360;
const LABEL_WIDTH = 110;
const COUNT_WIDTH = 50;
const ROW_HEIGHT = 24;
const BAR_HEIGHT = 14;
const MAX_LABEL = 16;

/**
 * A horizontal bar chart as inline SVG, drawn here rather than by a chart library: nothing to load,
 * readable without script, and every label escaped. Each bar carries its number as text, so the chart
 * is not colour-only.
 */
export function renderBarChart(title: string, rows: readonly BarChartRow[], emptyText = 'Nothing to show.'): string {
  const heading = `<h3>${escapeHtml(title)}</h3>`;
  if (rows.length === 0) return `<figure class="chart">${heading}<p class="note">${escapeHtml(emptyText)}</p></figure>`;
  const max = Math.max(1, ...rows.map((r) => r.count));
  const barSpace = WIDTH - LABEL_WIDTH - COUNT_WIDTH;
  const height = rows.length * ROW_HEIGHT + 4;
  const body = rows
    .map((row, i) => {
      const y = i * ROW_HEIGHT + 2;
      const width = row.count === 0 ? 0 : Math.max(2, Math.round((row.count / max) * barSpace));
      const label = row.label.length > MAX_LABEL ? `${row.label.slice(0, MAX_LABEL - 1)}…` : row.label;
      const filter = row.filter
        ? ` data-filter="${escapeHtml(row.filter.key)}" data-value="${escapeHtml(row.filter.value)}" tabindex="0" role="button" aria-label="${escapeHtml(`Show ${row.label} findings`)}"`
        : '';
      return (
        `<g class="chart-row ${escapeHtml(row.className ?? '')}"${filter}>` +
        `<title>${escapeHtml(`${row.label}: ${row.count}`)}</title>` +
        `<text x="0" y="${y + 13}">${escapeHtml(label)}</text>` +
        `<rect class="bar-track" x="${LABEL_WIDTH}" y="${y + 2}" width="${barSpace}" height="${BAR_HEIGHT}" rx="2"></rect>` +
        `<rect class="bar" x="${LABEL_WIDTH}" y="${y + 2}" width="${width}" height="${BAR_HEIGHT}" rx="2"></rect>` +
        `<text x="${WIDTH - COUNT_WIDTH + 8}" y="${y + 13}">${row.count}</text>` +
        `</g>`
      );
    })
    .join('');
  return `<figure class="chart">${heading}<svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeHtml(title)}">${body}</svg></figure>`;
}
