/**
 * The JSON the runner prints: secretlint's own `--format json` result list (an array of
 * `{filePath, messages}`), without `sourceContent` (whole files would put every secret and a
 * repository's worth of text into the report), plus two additions the adapter understands:
 * `gatehouse.suppressedBy` on messages a `secretlint-disable` comment covers, and messages of the
 * runner's own rule for files it could not scan; and, for history scans (`--added-lines`),
 * `gatehouse: {commit, author, email, committedAt}` on each file result.
 */
export const RUNNER_RULE_ID = 'gatehouse/secretlint-runner';
export const PATTERN_RULE = '@secretlint/secretlint-rule-pattern';
export const FILTER_COMMENTS_RULE = '@secretlint/secretlint-rule-filter-comments';

export interface RunnerMessage {
  type: 'message';
  ruleId: string;
  ruleParentId?: string;
  messageId: string;
  message: string;
  docsUrl?: string;
  range: readonly [number, number];
  loc: { start: { line: number; column: number }; end: { line: number; column: number } };
  severity: 'error' | 'warning' | 'info';
  data?: Record<string, unknown>;
  gatehouse?: { suppressedBy: string };
}

/** Where a file of a history scan (`--added-lines`) comes from: the commit that added the lines, and its author. */
export interface RunnerFileOrigin {
  commit?: string;
  author?: string;
  email?: string;
  committedAt?: string;
}

export interface RunnerFileResult {
  filePath: string;
  sourceContentType: 'text' | 'binary';
  messages: RunnerMessage[];
  gatehouse?: RunnerFileOrigin;
}

export function notScannedResult(filePath: string, reason: string): RunnerFileResult {
  return {
    filePath,
    sourceContentType: 'text',
    messages: [
      {
        type: 'message',
        ruleId: RUNNER_RULE_ID,
        messageId: 'FileNotScanned',
        message: reason,
        range: [0, 0],
        loc: { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } },
        severity: 'error',
      },
    ],
  };
}
