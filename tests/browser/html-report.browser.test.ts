import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildComplianceReport, renderHtmlReport } from '../../packages/report/src/index';
import {
  realisticFindingsDocument,
  REPORT_TIME,
  syntheticFindingsDocument,
  XSS_TITLE,
} from '../../packages/report/src/html/test-support/realistic-findings-document';
import { checkHtmlReport, HtmlReportCheckError } from './check-html-report';
import { chromiumAvailability } from './chromium';

const SCREENSHOT = fileURLToPath(new URL('../../test-artifacts/html-report.png', import.meta.url));
const chromium = chromiumAvailability();

describe('report.html in headless Chromium', () => {
  if (!chromium.available) {
    // CI installs Chromium; there a missing browser is a failure, not a silent pass.
    if (process.env.CI === 'true') {
      it('has Chromium to run the browser checks in', () => {
        throw new Error(`browser tests cannot run: ${chromium.message}`);
      });
    } else {
      console.warn(`[browser tests] skipped: ${chromium.message}`);
      it.skip(`browser checks skipped: ${chromium.message}`, () => {});
    }
    return;
  }

  let dir: string;
  let realistic: string;
  let large: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-html-'));
    const doc = realisticFindingsDocument();
    const compliance = buildComplianceReport(doc, {
      scans: doc.engines.filter((e) => e.status !== 'not-run').map((e) => ({ engine: e.id, ranAt: REPORT_TIME, status: e.status })),
      overrides: [{ outcome: 'refused', actor: 'mallory', reason: 'ship it', at: REPORT_TIME, refusals: ['overrides are not allowed on pull requests'] }],
      now: new Date(REPORT_TIME),
    });
    realistic = join(dir, 'report.html');
    writeFileSync(realistic, renderHtmlReport(doc, { compliance, runUrl: 'https://github.com/acme/shop/actions/runs/42' }));
    large = join(dir, 'report-10k.html');
    writeFileSync(large, renderHtmlReport(syntheticFindingsDocument(10_000)));
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads offline with no console error and no request, filters, searches, keeps the XSS title inert, shows compliance', async () => {
    const result = await checkHtmlReport(realistic, { screenshotPath: SCREENSHOT, requireInertTitle: true, inertTitle: XSS_TITLE });
    expect(result.requests).toHaveLength(1);
    expect(result.consoleErrors).toEqual([]);
    expect(result.dialogs).toEqual([]);
    expect(result.critical).toBeGreaterThan(0);
    expect(result.searchMatches).toBeGreaterThan(0);
    expect(result.controls).toBeGreaterThan(0);
  });

  it('pages through 10,000 findings, 100 per page', async () => {
    const result = await checkHtmlReport(large, { requireCompliance: false });
    expect(result.findings).toBe(10_000);
    expect(result.pages).toBe(100);
    console.info(`[browser tests] 10,000 findings: first page drawn ${result.readyMs} ms after navigation; all checks ${result.elapsedMs} ms`);
  });

  it('fails the check when the report script was tampered with (the Content-Security-Policy blocks it)', async () => {
    const tampered = join(dir, 'tampered.html');
    const html = renderHtmlReport(realisticFindingsDocument());
    writeFileSync(tampered, html.replace("'use strict';", "'use strict'; window.tampered = 1;"));
    const failure = await checkHtmlReport(tampered, { readyTimeoutMs: 3_000 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HtmlReportCheckError);
    expect((failure as HtmlReportCheckError).failures.join('\n')).toMatch(/never finished drawing the table[^]*console errors: .*Content Security Policy/);
  });

  it('fails the check when markup escaped escaping: an inline handler is refused and reported, and runs nothing', async () => {
    const injected = join(dir, 'injected.html');
    const html = renderHtmlReport(realisticFindingsDocument());
    writeFileSync(injected, html.replace('<main>', '<main><img src="data:," onerror="alert(1)">'));
    const failure = await checkHtmlReport(injected).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HtmlReportCheckError);
    const { failures, result } = failure as HtmlReportCheckError;
    expect(failures.join('\n')).toMatch(/console errors: .*Content Security Policy/);
    expect(result.dialogs).toEqual([]);
  });
});
