import type { FindingsDocument } from '@gatehouse/findings';
import type { ComplianceReport } from '../compliance/compliance-schema';
import { CLIENT_SCRIPT } from './client-script';
import { contentSecurityPolicy } from './content-security-policy';
import { jsonForScriptElement, REPORT_DATA_ELEMENT_ID } from './embed-json';
import { escapeHtml } from './escape-html';
import { buildReportData } from './report-data';
import { REPORT_STYLES } from './report-styles';
import { httpUrlOrUndefined } from './safe-link';
import { renderComplianceSection } from './sections/compliance-section';
import { renderEnginesSection } from './sections/engines-section';
import { renderFindingsSection } from './sections/findings-section';
import { renderOverviewSection } from './sections/overview-section';
import { renderVerdictBanner, verdictState } from './sections/verdict-banner';

export interface RenderHtmlReportOptions {
  /** The compliance view of the same run (buildComplianceReport); its tab says so when absent. */
  compliance?: ComplianceReport;
  /** Who made the report, e.g. `gatehouse 0.4.0 (deps-audit action)`. */
  generatedBy?: string;
  /** Link to the CI run; shown only when it is an http(s) URL. */
  runUrl?: string;
}

function tab(id: string, label: string, selected: boolean): string {
  return `<button type="button" role="tab" id="tab-${id}" aria-controls="panel-${id}" aria-selected="${selected}">${escapeHtml(label)}</button>`;
}

function footer(doc: FindingsDocument, options: RenderHtmlReportOptions): string {
  const runUrl = httpUrlOrUndefined(options.runUrl);
  const parts = [
    escapeHtml(options.generatedBy ?? `${doc.tool.name} ${doc.tool.version}`),
    runUrl ? `<a href="${escapeHtml(runUrl)}" rel="noopener noreferrer">CI run</a>` : '',
    'This file is self-contained: it loads nothing from the network. findings.json holds every field of every finding.',
  ].filter(Boolean);
  return `<footer>${parts.join(' · ')}</footer>`;
}

/**
 * report.html: one self-contained file, readable offline from an artifact download. The verdict and
 * its reasons, charts, engines and compliance are rendered here (escaped); the findings travel as JSON
 * in a non-executable script element and the page's one script draws them page by page. A
 * Content-Security-Policy allows nothing but that script and the stylesheet, by hash.
 */
export function renderHtmlReport(doc: FindingsDocument, options: RenderHtmlReportOptions = {}): string {
  const data = buildReportData(doc);
  const state = verdictState(doc);
  const csp = contentSecurityPolicy([CLIENT_SCRIPT], [REPORT_STYLES]);
  const title = `Gatehouse: ${state.headline} · ${doc.target.name}`;
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">` +
    `<meta name="referrer" content="no-referrer">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="generator" content="${escapeHtml(`${doc.tool.name} ${doc.tool.version}`)}">` +
    `<title>${escapeHtml(title)}</title>` +
    `<style>${REPORT_STYLES}</style></head><body>` +
    renderVerdictBanner(doc) +
    `<main>` +
    `<p id="report-error" class="report-error" role="alert" hidden></p>` +
    `<nav class="tabs" role="tablist" aria-label="Report sections">` +
    tab('overview', 'Overview', true) +
    tab('findings', `Findings (${doc.findings.length})`, false) +
    tab('compliance', 'Compliance', false) +
    tab('engines', `Engines (${doc.engines.length})`, false) +
    `</nav>` +
    renderOverviewSection(doc) +
    renderFindingsSection(doc, data) +
    renderComplianceSection(options.compliance) +
    renderEnginesSection(doc) +
    `</main>` +
    footer(doc, options) +
    `<script type="application/json" id="${REPORT_DATA_ELEMENT_ID}">${jsonForScriptElement(data)}</script>` +
    `<script>${CLIENT_SCRIPT}</script>` +
    `</body></html>\n`
  );
}
