import type { FindingsDocument } from '@gatehouse/findings';
import { escapeHtml } from '../escape-html';

const STATUS_LABEL = { ran: 'ran', 'not-run': 'did not run', incomplete: 'incomplete' } as const;

/** Every engine of the run with how it ended; one that did not run or was incomplete says why. */
export function renderEnginesSection(doc: FindingsDocument): string {
  const rows = doc.engines
    .map((e) => {
      const duration = e.durationMs === undefined ? '' : `${(e.durationMs / 1000).toFixed(1)} s`;
      return (
        `<tr data-engine="${escapeHtml(e.id)}" data-status="${e.status}">` +
        `<td class="mono">${escapeHtml(e.id)}</td><td>${escapeHtml(e.version ?? '')}</td>` +
        `<td><span class="badge status-${e.status}">${STATUS_LABEL[e.status]}</span></td>` +
        `<td>${escapeHtml(e.reason ?? '')}</td><td>${e.findings ?? ''}</td><td>${e.skipped ?? ''}</td><td>${duration}</td></tr>`
      );
    })
    .join('');
  const table = doc.engines.length
    ? `<table id="engines-table"><thead><tr><th>Engine</th><th>Version</th><th>Status</th><th>Reason</th><th>Findings</th><th>Skipped entries</th><th>Time</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p class="note">No engine is recorded for this run.</p>';
  return `<section id="panel-engines" class="panel" role="tabpanel" aria-labelledby="tab-engines"><h2>Engines</h2>${table}</section>`;
}
