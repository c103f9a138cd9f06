/** What `truncateText` appends when it cuts: one character, so a bound stays a bound. */
export const TRUNCATION_MARKER = '…';

/**
 * Cuts `text` to at most `maxLength` UTF-16 code units (what GitHub and JavaScript count), ending
 * with a marker so a reader knows it was cut. Never splits a surrogate pair: half an emoji would
 * turn into U+FFFD in JSON and UTF-8 output.
 */
export function truncateText(text: string, maxLength: number, marker: string = TRUNCATION_MARKER): string {
  const max = Math.max(0, Math.floor(maxLength));
  if (text.length <= max) return text;
  const useMarker = marker.length < max ? marker : '';
  let end = max - useMarker.length;
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return text.slice(0, end) + useMarker;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
