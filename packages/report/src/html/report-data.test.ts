import { describe, expect, it } from 'vitest';
import { renderFindingsSection } from './sections/findings-section';
import { readReportRows, rowMatchesQuery } from './read-report-data';
import { renderHtmlReport } from './render-html-report';
import { buildReportData, FLAG_OVERDUE, FLAG_SUPPRESSED } from './report-data';
import { realisticFindingsDocument, syntheticFindingsDocument } from './test-support/realistic-findings-document';

describe('buildReportData', () => {
  const doc = realisticFindingsDocument();

  it('writes repeated text once', () => {
    const data = buildReportData(doc);
    expect(new Set(data.strings).size).toBe(data.strings.length);
  });

  it('marks overdue only open findings past their due date at the report time', () => {
    const data = buildReportData(doc);
    const overdue = data.findings.filter((f) => f.o & FLAG_OVERDUE);
    expect(overdue.length).toBe(doc.decision.counts.overdue);
    expect(overdue.every((f) => !(f.o & FLAG_SUPPRESSED))).toBe(true);
  });

  it('keeps the most urgent findings when capped, and the page says how many were left out', () => {
    const big = syntheticFindingsDocument(60);
    const data = buildReportData(big, 10);
    expect(data.total).toBe(60);
    expect(data.findings).toHaveLength(10);
    expect(data.findings.every((f) => data.severities[f.s] === 'critical')).toBe(true);
    expect(renderFindingsSection(big, data)).toContain('This report shows the 10 most urgent of 60 findings; findings.json has every one.');
    expect(renderFindingsSection(big, buildReportData(big))).not.toContain('most urgent of');
  });
});

describe('readReportRows', () => {
  it('reads back what the page embeds, with the search text the page matches', () => {
    const doc = realisticFindingsDocument();
    const { rows, pageSize } = readReportRows(renderHtmlReport(doc));
    expect(pageSize).toBe(100);
    const lodash = rows.filter((r) => rowMatchesQuery(r, 'LODASH package-lock'));
    expect(lodash.length).toBeGreaterThan(0);
    expect(lodash.length).toBeLessThan(rows.length);
    expect(lodash.every((r) => r.searchText.includes('lodash'))).toBe(true);
    expect(rows.filter((r) => rowMatchesQuery(r, 'CVE-2025-1003'))).toHaveLength(1);
  });
});
