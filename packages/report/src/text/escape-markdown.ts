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
  const input = String(text);
  // One pass over the characters (this runs for every string of every report, 100k findings at a
  // time): line breaks become spaces, invisible characters go, Markdown punctuation is escaped.
  let out = '';
  let kept = 0; // start of the run of characters copied unchanged
  let previous = ''; // the last character kept (before escaping): decides whether `@` can mention
  const flush = (end: number) => {
    if (end > kept) out += input.slice(kept, end);
  };
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    let replacement: string | undefined;
    let character: string;
    if (code === 0x0d && input.charCodeAt(i + 1) === 0x0a) {
      flush(i);
      out += ' ';
      previous = ' ';
      i += 1;
      kept = i + 1;
      continue;
    }
    if (isLineBreak(code)) {
      replacement = ' ';
      character = ' ';
    } else if (isInvisible(code)) {
      flush(i);
      kept = i + 1;
      continue;
    } else if (code < 128 && SPECIAL_ASCII[code]) {
      character = input[i]!;
      replacement = escapeCharacter(character, previous);
    } else {
      previous = input[i]!;
      continue;
    }
    flush(i);
    out += replacement;
    previous = character;
    kept = i + 1;
  }
  if (kept === 0) out = input;
  else flush(input.length);
  if (out.length > 2 && ISSUE_PREFIX_HINT.test(out)) out = out.replace(ISSUE_PREFIX, `$1\\-${ZWJ}`);
  if (DANGEROUS_SCHEME_HINT.test(out)) out = out.replace(DANGEROUS_SCHEME, `$1${ZWJ}`);
  return out.trim();
}

/** Untrusted text cut to `maxLength` characters, then escaped: how every scanner string enters Markdown. */
export function markdownText(text: string, maxLength: number): string {
  return escapeMarkdown(truncateText(String(text), maxLength));
}

const ZWJ = '\u200d';
const WORD_CHARACTER = /[A-Za-z0-9_]/;

// \r\n is one space; so is every other line terminator Markdown or a browser honours.
function isLineBreak(code: number): boolean {
  return (code >= 0x09 && code <= 0x0d) || code === 0x85 || code === 0x2028 || code === 0x2029;
}

// C0/C1 controls, DEL, bidi marks, embeddings, overrides and isolates (CVE-2021-42574 "Trojan Source").
function isInvisible(code: number): boolean {
  return (
    code <= 0x08 ||
    (code >= 0x0e && code <= 0x1f) ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  );
}

// Every ASCII punctuation character with a Markdown (or HTML, mention, math) meaning.
const SPECIAL_ASCII: boolean[] = Array.from({ length: 128 }, (_, code) => '\\`*_{}[]()#+-.!|~$<>&@'.includes(String.fromCharCode(code)));

function escapeCharacter(ch: string, previous: string): string {
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
      return WORD_CHARACTER.test(previous) ? '@' : `@${ZWJ}`;
    case '#':
      return `\\#${ZWJ}`;
    default:
      return `\\${ch}`;
  }
}

// GitHub links `GH-123` to issue 123; after escaping the dash reads `GH\-`.
const ISSUE_PREFIX = /\b(GH)\\-(?=\d)/gi;
const ISSUE_PREFIX_HINT = /GH\\-\d/i;

const DANGEROUS_SCHEME = /\b(javascript|vbscript|data|file)(?=\s*:)/gi;
// Not global: a global regex's test() would carry its position from one call to the next.
const DANGEROUS_SCHEME_HINT = /\b(?:javascript|vbscript|data|file)\s*:/i;
