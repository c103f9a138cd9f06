/**
 * What each of semgrep's own errors means for the scan (docs/engines/semgrep.md, "Errors"). semgrep
 * reports them in the JSON `errors[]` and, in SARIF, as tool execution notifications whose
 * descriptor id is the same type name. Level `error` always means the run (or a rule) failed.
 * Level `warn` is decided by type:
 *
 * - `loses-coverage`: a file, or a rule on a file, was not analysed (it could not be parsed, a rule
 *   timed out or crashed on it, its matches were dropped): the scan is incomplete for that file.
 * - `note`: semgrep still analysed the file (partial parsing skips only the spans it names) or
 *   deliberately skipped a rule that cannot run on this version (incompatible rule, a Pro-only
 *   language): worth saying, not a gap in what was asked for.
 */
export type SemgrepErrorEffect = 'loses-coverage' | 'note' | 'unknown';

const LOSES_COVERAGE = new Set(
  [
    'Lexical error',
    'Syntax error',
    'Other syntax error',
    'AST builder error',
    'Internal matching error',
    'Too many matches',
    'Fatal error',
    'Timeout',
    'Out of memory',
    'Stack overflow',
    'Timeout during interfile analysis',
    'OOM during interfile analysis',
    'Rule parse error',
    'Pattern parse error',
    'PatternParseError',
    'Invalid YAML',
    'InvalidRuleSchemaError',
    'UnknownLanguageError',
  ].map((t) => t.toLowerCase()),
);

const NOTES = new Set(
  ['PartialParsing', 'Partial parsing', 'Incompatible rule', 'IncompatibleRule', 'Missing plugin', 'SemgrepWarning', 'Semgrep match found', 'SemgrepError'].map((t) =>
    t.toLowerCase(),
  ),
);

/** The type name of an error: a string, or the first element of semgrep's array form. */
export function semgrepErrorType(type: unknown): string | undefined {
  if (typeof type === 'string') return type.trim() || undefined;
  if (Array.isArray(type) && typeof type[0] === 'string') return type[0].trim() || undefined;
  return undefined;
}

/** What a warn-level error of this type means (level `error` is always a failure, `info` always a note). */
export function semgrepWarningEffect(type: string | undefined): SemgrepErrorEffect {
  if (type === undefined) return 'unknown';
  const key = type.toLowerCase();
  if (LOSES_COVERAGE.has(key)) return 'loses-coverage';
  if (NOTES.has(key)) return 'note';
  return 'unknown';
}
