export { renderHtmlReport, type RenderHtmlReportOptions } from './render-html-report';
export { HTML_REPORT_PAGE_SIZE, HTML_MESSAGE_LIMIT, HTML_MAX_FINDINGS } from './report-data';
export { readReportRows, rowMatchesQuery, type EmbeddedReport, type ReportRow } from './read-report-data';
