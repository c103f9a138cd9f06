import type { ReliabilityCase } from './reliability-case';

const hostile = (subject: string, title: string, expectation: string, open?: string): ReliabilityCase => ({
  id: `hostile-input/${subject}`,
  group: 'hostile-input',
  title,
  expectation,
  ...(open ? { open } : {}),
});

/** Hostile scanner output and inputs (issue 12). The tests are in tests/reliability/hostile-input/. */
export const HOSTILE_INPUT_CASES: readonly ReliabilityCase[] = [
  hostile(
    'markdown-html-mention-injection',
    'a finding message with Markdown links and images, raw HTML (`<img onerror>`, `<script>`), `@org/team` and `@everyone` mentions, Slack `<!channel>` and a table-breaking `|`',
    'escaped in the job summary, the PR comment, the HTML report and the Slack text: no live link, image, tag or mention',
  ),
  hostile(
    'workflow-command-injection',
    'a finding message and an engine\'s stderr holding a newline then `::error::`, `::add-mask::`, `::stop-commands::`, `::set-output`, a lone CR and a legacy `##[error]`',
    'the runner-faithful parser finds no injected workflow command in the whole step log (action-kit logging and annotations)',
  ),
  hostile(
    'ansi-escapes',
    'ANSI colour, screen-clear and OSC 8 hyperlink escapes in a finding message',
    'no ESC byte reaches the log or the job summary',
  ),
  hostile(
    'prototype-pollution',
    '`__proto__` and `constructor.prototype` keys at the top of a scanner report and inside an entry',
    'Object.prototype is untouched after the whole run; the entry\'s finding is still reported',
  ),
  hostile(
    'absolute-path-location',
    'a finding located at an absolute path outside the workspace (a planted file with a unique marker)',
    'the location is refused (repository-level), the file is never read: its marker is in no byte written or sent',
  ),
  hostile(
    'traversal-location',
    'a finding located at `../outside/secret-outside.txt`',
    'the location is refused, the file is never read: its marker is in no byte written or sent',
  ),
  hostile(
    'symlink-out-of-workspace',
    'findings located at a symlink to a file outside the workspace and inside a symlinked directory pointing outside',
    'the target is never read: its marker is in no byte written or sent (SARIF snippets, identity hashes, summary)',
  ),
  hostile(
    'ten-megabyte-line',
    'a 10 MB single-line message in a report, on a finding whose source line is itself 10 MB long',
    'the run completes; the other engine\'s findings are published; no output carries the 10 MB line (summary, SARIF and HTML bounded)',
  ),
  hostile(
    'deeply-nested-document',
    'a report that is 100,000 arrays deep',
    'the engine is `incomplete` (its report could not be read); no crash; the other engine\'s findings are published',
  ),
  hostile(
    'deeply-nested-entry',
    'one report entry carrying 20,000 levels of nested objects in its metadata',
    'no crash; the run completes and the other engine\'s findings are published',
  ),
  hostile('invalid-utf8', 'a report with invalid UTF-8 bytes', 'the engine is `incomplete` naming the encoding problem; the other engine\'s findings are published'),
  hostile('utf16', 'a UTF-16LE report (with BOM)', 'the engine is `incomplete` naming the encoding; the other engine\'s findings are published'),
  hostile(
    'policy-twenty-mistakes',
    'a policy file with twenty different mistakes (wrong version, typos, wrong types, unknown keys, bad dates and durations, a secret in the file)',
    'one PolicyValidationError listing every mistake, each with file:line:col and its key path, never quoting the secret',
  ),
];
