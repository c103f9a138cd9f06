// SARIF 2.1.0 for GitHub code scanning.
export { buildSarif, GATEHOUSE_INFORMATION_URI, type SarifBuildOptions, type SarifBuildResult } from './sarif/build-sarif';
export { GITHUB_SARIF_LIMITS, GITHUB_SARIF_DISPLAY_LIMITS, SARIF_TEXT_LIMITS, type SarifLimits } from './sarif/limits';
export type { OmissionReport, EngineOmission, OmissionReason, SeverityCounts } from './sarif/omission-report';
export { lineHashes, primaryLocationLineHash } from './sarif/line-hash';
export { GATEHOUSE_FINGERPRINT_KEY } from './sarif/sarif-result';
export type { SourceFileReader, SourceLineReader } from './sarif/source-file-reader';
export { REPRESENTATIVE_SECURITY_SEVERITY, securitySeverityScore, sarifLevel } from './sarif/security-severity';
export type { SarifLog, SarifRun, SarifResult, SarifReportingDescriptor } from './sarif/sarif-log';

// findings.json.
export { buildFindingsDocument, serializeFindingsDocument, writeFindingsDocument, type FindingsDocumentParts } from './findings-json/findings-document';

// summary.md, the job summary and the sticky PR comment.
export { renderSummary, SUMMARY_MAX_BYTES, type SummaryOptions } from './summary/render-summary';
export { renderComment, COMMENT_MARKER, COMMENT_MAX_CHARS, type CommentOptions } from './summary/render-comment';

// Text for Markdown.
export { escapeMarkdown, markdownText } from './text/escape-markdown';
export { truncateText, TRUNCATION_MARKER } from './text/truncate-text';
export { safeHttpUrl, markdownLink } from './text/safe-url';
export { suggestFixVersion, compareVersions } from './finding-view/fix-version';

// HTML report, compliance view and audit trail (issue 13).
export * from './html/index';
export * from './compliance/index';
export * from './audit/index';
