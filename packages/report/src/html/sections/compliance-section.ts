import type { ComplianceReport, ControlResult } from '../../compliance/compliance-schema';
import { escapeHtml } from '../escape-html';
import { httpUrlOrUndefined } from '../safe-link';

const STATUS_LABEL: Record<ControlResult['status'], string> = {
  satisfied: 'satisfied',
  'not-satisfied': 'not satisfied',
  incomplete: 'incomplete',
  'no-evidence': 'no evidence',
};

function link(text: string, url: string): string {
  const href = httpUrlOrUndefined(url);
  return href ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer" target="_blank">${escapeHtml(text)}</a>` : escapeHtml(text);
}

function scanList(control: ControlResult): string {
  if (control.evidence.scans.length === 0) return '<span class="note">no engine</span>';
  return control.evidence.scans
    .map((s) => `${escapeHtml(s.engine)} <span class="badge status-${s.status}">${escapeHtml(s.status)}</span>${s.ranAt ? ` <span class="note">${escapeHtml(s.ranAt)}</span>` : ''}`)
    .join('<br>');
}

function controlRow(control: ControlResult): string {
  const e = control.evidence;
  const overrides = e.overrides.filter((o) => o.outcome === 'approved').length;
  const evidence = [
    `Verdict: ${escapeHtml(e.verdict)}`,
    `Open findings: ${e.openFindings}`,
    `Past SLA: ${e.overdue.count}`,
    `Failing this control: ${e.failing.count}`,
    `Exceptions in force: ${e.exceptionsInForce.count}`,
    `Overrides approved: ${overrides}`,
  ].join('<br>');
  const reasons = control.statusReasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('');
  return (
    `<tr data-control-id="${escapeHtml(control.key)}" data-status="${control.status}">` +
    `<td>${escapeHtml(control.framework)}<br><strong>${escapeHtml(control.id)}</strong></td>` +
    `<td><strong>${escapeHtml(control.title)}</strong><br><span class="note">${escapeHtml(control.scope)}</span></td>` +
    `<td><span class="badge control-${control.status}">${STATUS_LABEL[control.status]}</span><ul>${reasons}</ul></td>` +
    `<td>${scanList(control)}</td><td>${evidence}</td></tr>`
  );
}

function overridesTable(report: ComplianceReport): string {
  if (report.overrides.length === 0) return '<p class="note">No override was requested in this run.</p>';
  const rows = report.overrides
    .map(
      (o) =>
        `<tr><td>${escapeHtml(o.outcome)}</td><td>${escapeHtml(o.actor)}</td><td>${escapeHtml(o.environment ?? '')}</td><td>${escapeHtml(o.reason)}</td>` +
        `<td>${escapeHtml(o.ticket ?? '')}</td><td>${escapeHtml(o.at)}</td><td>${escapeHtml(o.expiresAt ?? '')}</td>` +
        `<td>${escapeHtml([...(o.notifications ?? []).map((n) => `${n.channel}: ${n.delivered ? 'delivered' : 'not delivered'}`), ...(o.refusals ?? [])].join('; '))}</td></tr>`,
    )
    .join('');
  return `<table id="overrides-table"><thead><tr><th>Outcome</th><th>Actor</th><th>Environment</th><th>Reason</th><th>Ticket</th><th>At</th><th>Expires</th><th>Notified / refusals</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function exceptionsTable(report: ComplianceReport): string {
  if (report.exceptionsInForce.length === 0) return '<p class="note">No policy exception or VEX statement suppresses a finding.</p>';
  const rows = report.exceptionsInForce
    .map(
      (x) =>
        `<tr><td>${escapeHtml(x.kind)}</td><td>${escapeHtml(x.ref ?? '')}</td><td>${escapeHtml(x.owner ?? '')}</td><td>${escapeHtml(x.reason)}</td>` +
        `<td>${escapeHtml(x.expiresAt ?? 'no expiry')}</td><td>${x.findingCount}</td></tr>`,
    )
    .join('');
  return `<table id="exceptions-table"><thead><tr><th>Kind</th><th>Source</th><th>Owner</th><th>Reason</th><th>Expires</th><th>Findings</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The compliance tab: controls with their evidence, OWASP Top 10 and CWE Top 25, overrides and exceptions. */
export function renderComplianceSection(report: ComplianceReport | undefined): string {
  const open = `<section id="panel-compliance" class="panel" role="tabpanel" aria-labelledby="tab-compliance"><h2>Compliance</h2>`;
  if (!report) return `${open}<p class="note" id="compliance-missing">No compliance view was produced for this run.</p></section>`;
  const controls = report.controls.map(controlRow).join('');
  const owasp = report.owaspTop10
    .map((c) => `<tr data-owasp="${escapeHtml(c.id)}"><td>${link(c.id, c.url)}</td><td>${escapeHtml(c.name)}</td><td>${c.open}</td><td>${c.suppressed}</td></tr>`)
    .join('');
  const cwe = report.cweTop25
    .map((c) => `<tr data-cwe="${escapeHtml(c.id)}"><td>${c.rank}</td><td>${link(c.id, c.url)}</td><td>${escapeHtml(c.name)}</td><td>${c.open}</td><td>${c.suppressed}</td></tr>`)
    .join('');
  return (
    open +
    `<p class="note">What this run shows about each control, as of ${escapeHtml(report.generatedAt)}. It is evidence for an auditor, not a certification; a control this run cannot evidence says so.</p>` +
    `<h3>Controls</h3><table id="controls-table"><thead><tr><th>Framework</th><th>Control</th><th>Status</th><th>Scans</th><th>Evidence</th></tr></thead><tbody>${controls}</tbody></table>` +
    `<h3>OWASP Top 10 (2021)</h3><table id="owasp-table"><thead><tr><th>Category</th><th>Name</th><th>Open</th><th>Suppressed</th></tr></thead><tbody>${owasp}</tbody></table>` +
    `<p class="note">${report.owaspUnmappedOpen} open findings map to no OWASP Top 10 category.</p>` +
    `<h3>CWE Top 25 (2024)</h3><table id="cwe-table"><thead><tr><th>Rank</th><th>CWE</th><th>Name</th><th>Open</th><th>Suppressed</th></tr></thead><tbody>${cwe}</tbody></table>` +
    `<h3>Overrides</h3>${overridesTable(report)}` +
    `<h3>Exceptions and VEX statements in force</h3>${exceptionsTable(report)}` +
    `</section>`
  );
}
