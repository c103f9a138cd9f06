/**
 * Plain-text hygiene for every string that reaches a notification: scanner output, branch names,
 * override reasons. Control characters (ANSI escapes, NUL, CR that could split a header), Unicode
 * bidi overrides ("trojan source") and lone surrogates are removed before any medium-specific escaping.
 */

// C0 controls except TAB and LF, DEL, C1 controls.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// Bidi embeddings, overrides and isolates: they reorder what a reader sees.
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const LINE_BREAKS = /\r\n|[\r\u2028\u2029\u0085]/g;

/** Multi-line text: line breaks become LF, tabs stay, every other control character goes. */
export function cleanMultiline(text: string): string {
  return text.replace(LINE_BREAKS, '\n').replace(CONTROL, '').replace(BIDI, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** One line: every line break and tab becomes a space; what a subject, a header or a table cell needs. */
export function cleanLine(text: string): string {
  return cleanMultiline(text).replace(/[\t\n]+/g, ' ');
}

/**
 * At most `max` UTF-16 units, with an ellipsis when cut. Never splits a surrogate pair, so the result
 * is always well-formed. Idempotent: fitting fitted text changes nothing.
 */
export function fitText(text: string, max: number): string {
  if (max < 1) return '';
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/**
 * Like fitText for text that has already been escaped for a medium: the cut never leaves half an
 * entity (`&am`) or a dangling backslash escape behind, either of which would change what renders.
 */
export function fitEscaped(escaped: string, max: number): string {
  if (max < 1) return '';
  if (escaped.length <= max) return escaped;
  let cut = escaped.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const amp = cut.lastIndexOf('&');
  if (amp >= 0 && !cut.includes(';', amp)) cut = cut.slice(0, amp);
  cut = cut.replace(/\\+$/, (slashes) => (slashes.length % 2 === 0 ? slashes : slashes.slice(1)));
  return `${cut}…`;
}
