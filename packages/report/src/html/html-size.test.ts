import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from './render-html-report';
import { readReportRows } from './read-report-data';
import { syntheticFindingsDocument } from './test-support/realistic-findings-document';

/** The bound docs/html-report.md states; measured at about 4.5 MB for this document. */
const MAX_BYTES_FOR_10K = 6_000_000;

describe('report size', () => {
  it(`keeps 10,000 findings under ${MAX_BYTES_FOR_10K / 1e6} MB, every finding embedded`, () => {
    const doc = syntheticFindingsDocument(10_000);
    const html = renderHtmlReport(doc);
    const bytes = Buffer.byteLength(html, 'utf8');
    expect(bytes).toBeLessThan(MAX_BYTES_FOR_10K);
    expect(readReportRows(html).rows).toHaveLength(10_000);
  });
});
