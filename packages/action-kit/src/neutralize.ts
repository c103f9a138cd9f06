/**
 * Makes untrusted text (scanner output, file names, policy values) safe to print in a GitHub Actions
 * log, where the runner turns some lines into commands. What the runner does (actions/runner,
 * ActionCommand.cs and ActionCommandManager.cs), and why each step below exists:
 *
 * - It splits the output into lines on "\n", "\r\n" and a lone "\r". A "\r" is a line break to it.
 * - A line is a command when, after .NET `TrimStart()` (Unicode white space), it starts with "::"
 *   (`::error::`, `::add-mask::`, `::stop-commands::token`, ...).
 * - Independently, the legacy form `##[command]` is honoured ANYWHERE in a line.
 * - Both checks use .NET culture-sensitive string comparison, which ignores zero-width and control
 *   characters: "\u200B::error::x" or "#\u200B#[error]" can still match. So those characters are shown
 *   as visible escapes, and combining marks (also ignorable) are skipped when looking for "::"/"##[".
 *
 * The defence inserts a backslash ("\::error::x", "#\#[error]x"): the text stays readable and the
 * line is no longer a command, whatever follows. Annotation data and properties are additionally
 * %-encoded by @actions/core when it issues a command; that is not enough for plain log lines, which
 * the runner does not decode.
 */

/** CSI, OSC, DCS/SOS/PM/APC strings and two-character escapes (ECMA-48), 7-bit and 8-bit forms. */
const ANSI_SEQUENCE = new RegExp(
  [
    // OSC / DCS / SOS / PM / APC: introducer, payload on one line, terminated by BEL or ST (ESC \ or 0x9C).
    // An unterminated one is left to the rules below, so its payload stays visible rather than hidden.
    '(?:\\u001B[\\]PX^_]|[\\u0090\\u0098\\u009D\\u009E\\u009F])[^\\u0007\\u001B\\u009C\\r\\n]*(?:\\u0007|\\u001B\\\\|\\u009C)',
    // CSI: ESC [ or 0x9B, parameter bytes, intermediate bytes, final byte.
    '(?:\\u001B\\[|\\u009B)[\\u0030-\\u003F]*[\\u0020-\\u002F]*[\\u0040-\\u007E]',
    // Any other escape: ESC followed by intermediates and one final byte (ESC c, ESC 7, ESC ( B, ...).
    // A lone or incomplete escape is not stripped but shown (below).
    '\\u001B[\\u0020-\\u002F]*[\\u0030-\\u007E]',
  ].join('|'),
  'g',
);

/**
 * Characters a reader cannot see, or that .NET ignores when comparing: C0/C1 controls (but tab and
 * line feed), format characters (zero-width, bidi overrides, BOM, soft hyphen), line/paragraph
 * separators, lone surrogates, private use and unassigned code points.
 */
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\p{Cf}\u2028\u2029\p{Cs}\p{Co}\p{Cn}]/gu;

/** Combining marks: ignorable by culture-sensitive comparison, legitimate in text, so only skipped when matching. */
const IGNORABLE = '[\\p{Mn}\\p{Me}]';
const LINE_COMMAND_START = new RegExp(`^(\\s*(?:${IGNORABLE})*):((?:${IGNORABLE})*):`, 'u');
const LEGACY_COMMAND = new RegExp(`#((?:${IGNORABLE})*)#((?:${IGNORABLE})*)\\[`, 'gu');

export interface NeutralizeOptions {
  /** Longest text kept, in UTF-16 code units, before the truncation note. */
  maxLength?: number;
}

/** Default cap for one log message: enough for a stack trace, bounded against a 100 KB scanner title. */
export const LOG_MESSAGE_MAX_LENGTH = 16_384;

/** Removes terminal escape sequences (colours, cursor movement, OSC hyperlinks and window titles). */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_SEQUENCE, '');
}

function visibleEscape(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

function truncate(text: string, maxLength: number, originalLength: number): string {
  if (text.length <= maxLength && originalLength <= maxLength * 2) return text;
  // Never cut a surrogate pair in half.
  let end = Math.min(maxLength, text.length);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}… [truncated: the text was ${originalLength} characters long]`;
}

function neutralizeLine(line: string): string {
  return line.replace(LINE_COMMAND_START, '$1\\:$2:').replace(LEGACY_COMMAND, '#\\$1#$2[');
}

/**
 * Text for a log line or an annotation message: ANSI stripped, invisible characters shown as escapes,
 * line breaks normalised to "\n", and no line the runner would take as a workflow command. Multi-line
 * text stays multi-line.
 */
export function neutralizeLogText(text: string, options: NeutralizeOptions = {}): string {
  const maxLength = options.maxLength ?? LOG_MESSAGE_MAX_LENGTH;
  // Cut early (generously) so hostile input cannot make the work below run over megabytes.
  const bounded = text.length > maxLength * 2 ? text.slice(0, maxLength * 2) : text;
  const lines = stripAnsi(bounded)
    .split(/\r\n|\r|\n/)
    .map((line) => neutralizeLine(line.replace(INVISIBLE, visibleEscape)));
  return truncate(lines.join('\n'), maxLength, text.length);
}

/** Text for a one-line place (group name, annotation title): as `neutralizeLogText`, line breaks as " ↵ ". */
export function neutralizeOneLine(text: string, options: NeutralizeOptions = {}): string {
  return neutralizeLogText(text, options).split('\n').join(' ↵ ');
}
