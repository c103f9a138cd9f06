import { truncateText } from './truncate-text';

/**
 * Makes untrusted text (anything a scanner, a report or a package wrote) render as literal text in
 * GitHub-flavoured Markdown, in a paragraph, a list item or a table cell:
 *
 * - line breaks become spaces, so text cannot start a block of its own (a heading, a fenced block,
 *   a `::error::` workflow command at the start of a line) or end a table row;
 * - control and bidirectional-override characters are removed (they can hide or reorder text);
 * - every ASCII punctuation character with a Markdown meaning is backslash-escaped, including `|`
 *   (table cells), `` ` `` (code spans), `$` (GitHub math) and `[`/`]`/`(`/`)` (links and images);
 * - `<`, `>` and `&` become entities, so no HTML tag or comment survives (nor a fake copy of the
 *   sticky comment's marker);
 * - `@` (where it could start a mention) and `#` get a zero-width joiner after them, so `@org/team`
 *   pings nobody and `#123` /
 *   `GH-123` link to no issue;
 * - `javascript:`, `vbscript:`, `data:` and `file:` lose their scheme meaning.
 *
 * The result can be longer than the input (at most about five times): cut the raw text with
 * `truncateText` first.
 */
export function escapeMarkdown(text: string): string {
  return String(text)
    .replace(LINE_BREAKS, ' ')
    .replace(INVISIBLE, '')
    .replace(SPECIAL, escapeCharacter)
    .replace(ISSUE_PREFIX, `$1\\-${ZWJ}`)
    .replace(DANGEROUS_SCHEME, `$1${ZWJ}`)
    .trim();
}

/** Untrusted text cut to `maxLength` characters, then escaped: how every scanner string enters Markdown. */
export function markdownText(text: string, maxLength: number): string {
  return escapeMarkdown(truncateText(String(text), maxLength));
}

const ZWJ = '\u200d';
const WORD_CHARACTER = /[A-Za-z0-9_]/;

// \r\n first so it becomes one space; then every other line terminator Markdown or a browser honours.
const LINE_BREAKS = /\r\n|[\t\n\v\f\r\u0085\u2028\u2029]/g;

// C0/C1 controls, DEL, bidi marks, embeddings, overrides and isolates (CVE-2021-42574 "Trojan Source").
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

const SPECIAL = /[\\`*_{}[\]()#+\-.!|~$<>&@]/g;

function escapeCharacter(ch: string, offset: number, text: string): string {
  switch (ch) {
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '&':
      return '&amp;';
    // GitHub sees a mention only in an `@` that does not follow a letter, digit or `_`
    // (`lodash@4.17.21` and `a@b.org` are no mentions; `(@org/team` is).
    case '@':
      return WORD_CHARACTER.test(text.charAt(offset - 1)) ? '@' : `@${ZWJ}`;
    case '#':
      return `\\#${ZWJ}`;
    default:
      return `\\${ch}`;
  }
}

// GitHub links `GH-123` to issue 123; after escaping the dash reads `GH\-`.
const ISSUE_PREFIX = /\b(GH)\\-(?=\d)/gi;

const DANGEROUS_SCHEME = /\b(javascript|vbscript|data|file)(?=\s*:)/gi;
