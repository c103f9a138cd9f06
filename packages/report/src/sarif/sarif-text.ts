import { truncateText } from '../text/truncate-text';

/**
 * Plain text for a SARIF message: cut to `max` and with `[` and `]` escaped, since in SARIF messages
 * `[text](n)` is an embedded link to a related location (SARIF 2.1.0 §3.11.6) and a scanner's text
 * must not become one. Line breaks are kept: GitHub shows message text verbatim, never as HTML.
 */
export function sarifText(text: string, max: number): string {
  return truncateText(text, max).replace(/[[\]]/g, '\\$&');
}

/** A non-empty text: SARIF readers (GitHub's included) reject empty message and description texts. */
export function nonEmpty(...candidates: (string | undefined)[]): string {
  for (const c of candidates) {
    if (c === undefined || c === '') continue;
    // Most texts have no surrounding blanks: skip trimming (and copying) them.
    if (c.charCodeAt(0) > 32 && c.charCodeAt(c.length - 1) > 32) return c;
    const trimmed = c.trim();
    if (trimmed !== '') return trimmed;
  }
  return '(no description)';
}
