import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { FindingsDocument } from '@gatehouse/findings';
import { buildComplianceReport } from '../compliance/build-compliance-report';
import { readEmbeddedJson } from './embed-json';
import { readReportRows } from './read-report-data';
import { renderHtmlReport } from './render-html-report';
import type { ReportData } from './report-data';
import { realisticFindingsDocument, REPORT_TIME, SCRIPT_BREAKOUT_MESSAGE, XSS_TITLE } from './test-support/realistic-findings-document';

const doc = realisticFindingsDocument();
const html = renderHtmlReport(doc);

/** The page without the embedded JSON: what the HTML parser reads as markup. */
function markupOf(page: string): string {
  return page.replace(/<script type="application\/json" id="gatehouse-data">[^]*?<\/script>/, '<script type="application/json"></script>');
}

describe('renderHtmlReport: the top of the page', () => {
  it('says blocked and incomplete when the run is both, before anything else', () => {
    const banner = html.slice(html.indexOf('<body>'), html.indexOf('<main>'));
    expect(banner).toContain('<h1 class="verdict">Blocked and incomplete</h1>');
    expect(banner).toContain('data-blocked="true" data-incomplete="true"');
    expect(banner).toContain('Open critical and high findings block this change.');
    expect(banner).toContain('trivy is incomplete: the vulnerability database could not be fetched.');
  });

  it('says only blocked when nothing is incomplete, and passed when nothing blocks', () => {
    const blocked = { ...doc, decision: { ...doc.decision, verdict: 'block' as const, reasons: doc.decision.reasons.filter((r) => r.kind !== 'incomplete') } };
    expect(renderHtmlReport(blocked)).toContain('<h1 class="verdict">Blocked</h1>');
    const passed: FindingsDocument = { ...doc, decision: { ...doc.decision, verdict: 'pass', reasons: [], blockingIds: [] } };
    expect(renderHtmlReport(passed)).toContain('<h1 class="verdict">Passed</h1>');
  });

  it('lists engines that did not run or were incomplete, with their reasons', () => {
    expect(html).toContain('<strong>trivy</strong> is incomplete: the vulnerability database could not be fetched (HTTP 503 from the mirror)');
    expect(html).toContain('<strong>grype</strong> did not run: not installed on this machine');
    expect(html).toMatch(/<tr data-engine="trivy" data-status="incomplete">/);
    expect(html).toMatch(/<tr data-engine="grype" data-status="not-run">/);
  });

  it('escapes the reasons of the decision', () => {
    expect(html).toContain('An exception lapses in 30 days &lt;b&gt;(alice@example.com)&lt;/b&gt;.');
    expect(markupOf(html)).not.toContain('<b>(alice');
  });
});

describe('renderHtmlReport: safety', () => {
  it('renders hostile scanner strings as text: no element, handler or link comes from data', () => {
    const markup = markupOf(html);
    expect(markup).not.toMatch(/<img|<svg onload|onerror=alert|href="javascript/i);
    // Exactly two script elements: the JSON data and the report's own script.
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
  });

  it('embeds the XSS title and the script break-out message as data, unchanged', () => {
    const data = readEmbeddedJson(html) as ReportData;
    expect(data.strings).toContain(XSS_TITLE);
    expect(data.strings).toContain(SCRIPT_BREAKOUT_MESSAGE);
    const json = html.slice(html.indexOf('id="gatehouse-data">'), html.lastIndexOf('<script>'));
    expect(json).not.toContain('</script><script>alert');
  });

  it('escapes every string a scanner controls wherever the page prints it', () => {
    const payload = `"><img src=x onerror=alert(1)>'<script>alert(2)</script>`;
    const hostile: FindingsDocument = {
      ...doc,
      target: { ...doc.target, name: payload, ref: payload },
      engines: doc.engines.map((e) => ({ ...e, id: `${e.id}${payload}`.slice(0, 100), version: payload, reason: payload })),
      decision: { ...doc.decision, reasons: doc.decision.reasons.map((r) => ({ ...r, message: payload })) },
      findings: doc.findings.map((f) => ({
        ...f,
        title: payload,
        message: payload,
        ruleId: payload,
        sources: f.sources.map((s) => ({ ...s, engine: `${s.engine}${payload}`.slice(0, 100), nativeId: payload, nativeSeverity: payload })),
        identifiers: f.identifiers.map((i) => ({ ...i, value: payload, url: `javascript:${payload}` })),
      })),
    };
    const compliance = buildComplianceReport(hostile, {
      scans: hostile.engines.map((e) => ({ engine: e.id, ranAt: REPORT_TIME, status: e.status })),
      overrides: [{ outcome: 'refused', actor: payload.slice(0, 100), reason: payload, at: REPORT_TIME, refusals: [payload] }],
      now: new Date(REPORT_TIME),
    });
    const page = renderHtmlReport(hostile, { compliance, generatedBy: payload, runUrl: `javascript:${payload}` });
    const markup = markupOf(page);
    expect(markup).not.toMatch(/<img|<script>alert|onerror=alert\(1\)>|href="javascript/i);
    expect(markup).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&#39;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(page.match(/<script\b/g)).toHaveLength(2);
  });

  it('never turns a javascript: URL into a link', () => {
    const data = readEmbeddedJson(html) as ReportData;
    const links = data.findings.flatMap((f) => [...f.i, ...f.g].map(([, link]) => link)).filter((i) => i >= 0).map((i) => data.strings[i]!);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link).toMatch(/^https?:\/\//);
    expect(data.strings).toContain('javascript:alert(document.domain)');
  });

  it('shows a secret only by its masked preview, never its hash', () => {
    const secrets = doc.findings.filter((f) => f.secret);
    expect(secrets.length).toBeGreaterThan(0);
    for (const finding of secrets) {
      expect(html).not.toContain(finding.secret!.hash!);
      expect((readEmbeddedJson(html) as ReportData).strings).toContain(finding.secret!.preview);
    }
  });

  it('allows only its own inline script and stylesheet, by hash, and loads nothing from anywhere', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!.replace(/&#39;/g, "'");
    const script = html.slice(html.lastIndexOf('<script>') + '<script>'.length, html.lastIndexOf('</script>'));
    const style = html.slice(html.indexOf('<style>') + '<style>'.length, html.indexOf('</style>'));
    const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src ${sha(script)}`);
    expect(csp).toContain(`style-src ${sha(style)}`);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
    const markup = markupOf(html);
    expect(markup).not.toMatch(/<(link|img|iframe|object|embed|base|form)\b/i);
    // Escaped text may say "src="; no tag may carry a fetching attribute.
    expect(markup).not.toMatch(/<[a-z][^>]*\s(src|srcset|poster|background|data|action)=/i);
    expect(style).not.toMatch(/url\(|@import/i);
  });
});

describe('renderHtmlReport: content', () => {
  it('embeds every finding with its severity, most urgent first', () => {
    const { rows } = readReportRows(html);
    expect(rows).toHaveLength(doc.findings.length);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(doc.findings.map((f) => f.id)));
    const firstSuppressed = rows.findIndex((r) => r.suppressed);
    expect(rows.slice(firstSuppressed).every((r) => r.suppressed)).toBe(true);
    expect(rows[0]!.severity).toBe('critical');
  });

  it('draws severity, category and engine charts that filter the table', () => {
    expect(html).toContain('aria-label="Open findings by severity"');
    expect(html).toContain('aria-label="Open findings by category"');
    expect(html).toContain('aria-label="Open findings by engine"');
    expect(html).toContain('data-filter="severity" data-value="critical"');
    expect(html).toContain('data-filter="engine" data-value="npm-audit"');
  });

  it('offers filters for severity, category, engine and status, and a search box', () => {
    for (const id of ['filter-severity', 'filter-category', 'filter-engine', 'filter-status', 'filter-search']) expect(html).toContain(`id="${id}"`);
    for (const status of ['open', 'new', 'suppressed', 'overdue']) expect(html).toContain(`<option value="${status}">`);
  });

  it('has a compliance tab that says so when there is no compliance view', () => {
    expect(html).toContain('id="compliance-missing"');
    const compliance = buildComplianceReport(doc, { scans: [], now: new Date(REPORT_TIME) });
    const withCompliance = renderHtmlReport(doc, { compliance });
    expect(withCompliance).toContain('data-control-id="pci-dss-4.0:6.3.3"');
    expect(withCompliance).toContain('data-control-id="soc2:CC7.1"');
    expect(withCompliance).toContain('data-owasp="A03:2021"');
    expect(withCompliance).toContain('data-cwe="CWE-79"');
  });

  it('links the CI run only when it is an http(s) URL', () => {
    expect(renderHtmlReport(doc, { runUrl: 'https://github.com/acme/shop/actions/runs/1' })).toContain('<a href="https://github.com/acme/shop/actions/runs/1"');
    expect(renderHtmlReport(doc, { runUrl: 'javascript:alert(1)' })).not.toContain('CI run');
  });

  it('is the same bytes for the same document (no clock, no randomness)', () => {
    expect(renderHtmlReport(doc)).toBe(html);
  });
});
