import { CATEGORIES, SEVERITIES, type FindingsDocument } from '@gatehouse/findings';
import { escapeHtml } from '../escape-html';
import type { ReportData } from '../report-data';
import { CATEGORY_LABEL, SEVERITY_LABEL } from './labels';

function select(id: string, label: string, anyLabel: string, options: readonly [string, string][]): string {
  const items = options.map(([value, text]) => `<option value="${escapeHtml(value)}">${escapeHtml(text)}</option>`).join('');
  return `<label>${label}<select id="${id}"><option value="">${anyLabel}</option>${items}</select></label>`;
}

/** Filters, the (script-filled) table and the pager. Filter options carry counts of all findings. */
export function renderFindingsSection(doc: FindingsDocument, data: ReportData): string {
  const severityCount = new Map<string, number>();
  const categoryCount = new Map<string, number>();
  const engineCount = new Map<string, number>();
  for (const f of doc.findings) {
    severityCount.set(f.severity, (severityCount.get(f.severity) ?? 0) + 1);
    categoryCount.set(f.category, (categoryCount.get(f.category) ?? 0) + 1);
    for (const engine of new Set(f.sources.map((s) => s.engine))) engineCount.set(engine, (engineCount.get(engine) ?? 0) + 1);
  }
  const filters =
    `<div class="filters" role="search" aria-label="Filter findings">` +
    select('filter-severity', 'Severity', 'All severities', SEVERITIES.map((s) => [s, `${SEVERITY_LABEL[s]} (${severityCount.get(s) ?? 0})`])) +
    select('filter-category', 'Category', 'All categories', CATEGORIES.map((c) => [c, `${CATEGORY_LABEL[c]} (${categoryCount.get(c) ?? 0})`])) +
    select('filter-engine', 'Engine', 'All engines', data.engines.map((e) => [e, `${e} (${engineCount.get(e) ?? 0})`])) +
    select('filter-status', 'Status', 'Any status', [
      ['open', 'Open'],
      ['new', 'New'],
      ['suppressed', 'Suppressed'],
      ['overdue', 'Overdue'],
      ['blocking', 'Blocking'],
    ]) +
    `<label>Search<input id="filter-search" type="search" placeholder="title, file, package, CVE, rule…" autocomplete="off"></label>` +
    `<button type="button" id="filter-clear">Clear filters</button>` +
    `</div>`;
  const table =
    `<table id="findings-table" data-total="${doc.findings.length}" data-filtered="${doc.findings.length}" data-page="1" data-pages="1">` +
    `<thead><tr><th>Severity</th><th>Finding</th><th>Location</th><th>Category</th><th>Engines</th><th>Status</th><th>Due</th></tr></thead>` +
    `<tbody id="findings-body"></tbody></table>`;
  const pager =
    `<nav class="pager" aria-label="Pages of findings">` +
    `<button type="button" id="page-first">« First</button><button type="button" id="page-prev">‹ Previous</button>` +
    `<span id="page-status"></span>` +
    `<button type="button" id="page-next">Next ›</button><button type="button" id="page-last">Last »</button></nav>`;
  const capped =
    data.total > data.findings.length
      ? `<p class="note" id="findings-capped">This report shows the ${data.findings.length.toLocaleString('en-US')} most urgent of ${data.total.toLocaleString('en-US')} findings; findings.json has every one.</p>`
      : '';
  return (
    `<section id="panel-findings" class="panel" role="tabpanel" aria-labelledby="tab-findings">` +
    `<h2>Findings</h2>${capped}${filters}<p id="findings-count" aria-live="polite"></p>${table}${pager}` +
    `<noscript><p class="note">The findings table needs JavaScript. Every finding is also in findings.json and results.sarif.</p></noscript>` +
    `</section>`
  );
}
