import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { readReportRows, rowMatchesQuery, type ReportRow } from '../../packages/report/src/index';
import { launchChromium } from './chromium';

export const DEFAULT_INERT_TITLE = '<img src=x onerror=alert(1)>';

export interface HtmlReportCheckOptions {
  /** Where to write a PNG of the page (directories are created). */
  screenshotPath?: string;
  /** A finding title that must show as text and run nothing. */
  inertTitle?: string;
  /** Fail when no finding has `inertTitle` (the demo report has one; a customer's report will not). */
  requireInertTitle?: boolean;
  /** Fail when the compliance tab shows no control. */
  requireCompliance?: boolean;
  /** How long the page may take to draw its first page of findings. */
  readyTimeoutMs?: number;
}

export interface HtmlReportCheckResult {
  findings: number;
  pages: number;
  critical: number;
  searchTerm: string;
  searchMatches: number;
  controls: number;
  requests: string[];
  consoleErrors: string[];
  dialogs: string[];
  /** From navigation to the first page of findings drawn. */
  readyMs: number;
  elapsedMs: number;
}

export class HtmlReportCheckError extends Error {
  override name = 'HtmlReportCheckError';
  constructor(
    readonly file: string,
    readonly failures: string[],
    readonly result: Partial<HtmlReportCheckResult>,
  ) {
    super(`${file} failed ${failures.length} browser check(s):\n- ${failures.join('\n- ')}`);
  }
}

/** The little of the DOM the page functions below use (the project compiles without the DOM library). */
interface PageElement {
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}
interface PageGlobals {
  document: { getElementById(id: string): PageElement | null; querySelectorAll(selector: string): ArrayLike<PageElement> };
  scrollTo(x: number, y: number): void;
}

/** A word of some title that narrows the table without emptying it. */
function narrowingTerm(rows: readonly ReportRow[]): string | undefined {
  const seen = new Set<string>();
  for (const row of rows) {
    for (const word of row.title.toLowerCase().split(/[^a-z0-9_-]+/)) {
      if (word.length < 4 || seen.has(word)) continue;
      seen.add(word);
      const matches = rows.filter((r) => rowMatchesQuery(r, word)).length;
      if (matches > 0 && matches < rows.length) return word;
    }
  }
  return undefined;
}

async function tableState(page: Page): Promise<{ filtered: number; page: number; pages: number; rows: number; firstId: string | null }> {
  return page.evaluate(() => {
    const table = (globalThis as unknown as PageGlobals).document.getElementById('findings-table')!;
    const rows = table.querySelectorAll('tbody tr.finding-row');
    return {
      filtered: Number(table.getAttribute('data-filtered')),
      page: Number(table.getAttribute('data-page')),
      pages: Number(table.getAttribute('data-pages')),
      rows: rows.length,
      firstId: rows[0]?.getAttribute('data-finding-id') ?? null,
    };
  });
}

/**
 * Opens a report.html in headless Chromium and checks what a reader relies on: it loads with no console
 * error and no request but the file itself; filtering to critical shows exactly the critical findings;
 * search narrows the table; paging reaches every page; a hostile title is inert text; the compliance tab
 * shows controls. Throws HtmlReportCheckError listing every failed check; returns what it saw.
 */
export async function checkHtmlReport(file: string, options: HtmlReportCheckOptions = {}): Promise<HtmlReportCheckResult> {
  const started = Date.now();
  const html = readFileSync(file, 'utf8');
  const { rows, pageSize } = readReportRows(html);
  const fileUrl = pathToFileURL(file).href;
  const failures: string[] = [];
  const result: HtmlReportCheckResult = {
    findings: rows.length,
    pages: Math.max(1, Math.ceil(rows.length / pageSize)),
    critical: rows.filter((r) => r.severity === 'critical').length,
    searchTerm: '',
    searchMatches: 0,
    controls: 0,
    requests: [],
    consoleErrors: [],
    dialogs: [],
    readyMs: 0,
    elapsedMs: 0,
  };
  const check = (ok: boolean, failure: string) => {
    if (!ok) failures.push(failure);
  };

  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    page.on('request', (request) => result.requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') result.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => result.consoleErrors.push(`uncaught: ${error.message}`));
    page.on('dialog', (dialog) => {
      result.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });

    const navigated = Date.now();
    await page.goto(fileUrl, { waitUntil: 'load' });
    try {
      await page.waitForSelector('html[data-report-ready="true"]', { state: 'attached', timeout: options.readyTimeoutMs ?? 30_000 });
      result.readyMs = Date.now() - navigated;
    } catch {
      failures.push('the report script never finished drawing the table (blocked by the Content-Security-Policy, or it threw)');
      throw new HtmlReportCheckError(file, failures, result);
    }
    await page.click('#tab-findings');

    // Every finding is in the table, page by page.
    const initial = await tableState(page);
    check(initial.filtered === rows.length, `the table holds ${initial.filtered} findings, the report embeds ${rows.length}`);
    check(initial.pages === result.pages, `the pager says ${initial.pages} pages, expected ${result.pages}`);
    check(initial.rows === Math.min(pageSize, rows.length), `page 1 shows ${initial.rows} rows, expected ${Math.min(pageSize, rows.length)}`);
    if (result.pages > 1) {
      await page.click('#page-next');
      const second = await tableState(page);
      check(second.page === 2 && second.firstId === rows[pageSize]!.id, 'Next did not show page 2 starting with the next finding');
      await page.click('#page-last');
      const last = await tableState(page);
      const lastRows = rows.length - (result.pages - 1) * pageSize;
      check(last.page === result.pages && last.rows === lastRows, `Last showed page ${last.page} with ${last.rows} rows, expected page ${result.pages} with ${lastRows}`);
      check(await page.isDisabled('#page-next'), 'Next is still enabled on the last page');
      await page.click('#page-first');
      check((await tableState(page)).page === 1, 'First did not return to page 1');
    } else {
      check(await page.isDisabled('#page-next'), 'Next is enabled although there is one page');
    }

    // Filtering to critical shows exactly the critical findings.
    await page.selectOption('#filter-severity', 'critical');
    const critical = await tableState(page);
    const shownSeverities = await page.$$eval('#findings-body tr.finding-row', (trs) => trs.map((tr) => tr.getAttribute('data-severity')));
    check(critical.filtered === result.critical, `filtering to critical shows ${critical.filtered} findings, the report has ${result.critical}`);
    check(
      shownSeverities.length === Math.min(pageSize, result.critical) && shownSeverities.every((s) => s === 'critical'),
      `filtering to critical shows rows of severity ${[...new Set(shownSeverities)].join(', ') || 'none'}`,
    );
    await page.click('#filter-clear');

    // Search narrows the table.
    const term = narrowingTerm(rows);
    if (term === undefined) failures.push('no word of any title narrows the table: search cannot be checked');
    else {
      result.searchTerm = term;
      result.searchMatches = rows.filter((r) => rowMatchesQuery(r, term)).length;
      await page.fill('#filter-search', term);
      const searched = await tableState(page);
      check(searched.filtered === result.searchMatches && searched.filtered < rows.length, `searching "${term}" shows ${searched.filtered} findings, expected ${result.searchMatches} of ${rows.length}`);
      await page.click('#filter-clear');
    }

    // A hostile title is text: visible as written, no element made of it, no dialog.
    const inertTitle = options.inertTitle ?? DEFAULT_INERT_TITLE;
    const hostile = rows.find((r) => r.title === inertTitle);
    if (!hostile) check(options.requireInertTitle !== true, `no finding is titled ${JSON.stringify(inertTitle)}`);
    else {
      await page.fill('#filter-search', hostile.id);
      const button = page.locator(`tr[data-finding-id="${hostile.id}"] button.expand`);
      check((await button.textContent()) === inertTitle, 'the hostile title does not show as the literal text');
      await button.click();
      const details = page.locator(`tr[data-details-for="${hostile.id}"] .message`);
      check((await details.textContent()) === hostile.message, 'the hostile finding’s message does not show as the literal text');
      const injected = await page.evaluate(
        () => (globalThis as unknown as PageGlobals).document.querySelectorAll('img, iframe, object, embed, #findings-body script').length,
      );
      check(injected === 0, `${injected} element(s) were made from finding text`);
      await page.click('#filter-clear');
    }

    // The compliance tab shows controls.
    await page.click('#tab-compliance');
    check(await page.isVisible('#panel-compliance'), 'the compliance tab does not show its panel');
    result.controls = await page.locator('#panel-compliance [data-control-id]').count();
    if (options.requireCompliance !== false) check(result.controls > 0, 'the compliance tab shows no control');

    if (options.screenshotPath) {
      await page.click('#tab-findings');
      await page.evaluate(() => (globalThis as unknown as PageGlobals).scrollTo(0, 0));
      mkdirSync(dirname(options.screenshotPath), { recursive: true });
      await page.screenshot({ path: options.screenshotPath });
    }
    // Give anything late (a lazy image, a beacon) the chance to show itself before counting requests.
    await page.waitForLoadState('networkidle');
  } catch (error) {
    if (!(error instanceof HtmlReportCheckError)) failures.push(`the check could not finish: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await browser.close();
  }

  const otherRequests = result.requests.filter((url) => url !== fileUrl);
  check(otherRequests.length === 0, `the page requested ${otherRequests.join(', ')}`);
  check(result.requests.includes(fileUrl), 'the page was never requested (nothing was checked)');
  check(result.consoleErrors.length === 0, `console errors: ${result.consoleErrors.join(' | ')}`);
  check(result.dialogs.length === 0, `dialogs opened: ${result.dialogs.join(' | ')}`);
  result.elapsedMs = Date.now() - started;
  if (failures.length > 0) throw new HtmlReportCheckError(file, failures, result);
  return result;
}
