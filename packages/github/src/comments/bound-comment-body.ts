import { ConfigurationError } from '@gatehouse/findings';

/** GitHub refuses issue and pull request comments longer than this. */
export const COMMENT_MAX_CHARACTERS = 65_536;

/** The hidden marker of Gatehouse's sticky comment (the same as packages/report's COMMENT_MARKER). */
export const DEFAULT_COMMENT_MARKER = '<!-- gatehouse:comment -->';

const MARKER = /^<!-- gatehouse:[A-Za-z0-9:._/-]{1,100} -->$/;

const TRUNCATION_NOTICE =
  '\n\n---\n_This comment was cut to fit GitHub’s 65,536-character limit. The full report is in the job summary and the run’s artifacts._\n';

/** A marker of ours: an HTML comment `<!-- gatehouse:… -->` that Markdown does not render. */
export function checkCommentMarker(marker: string): string {
  if (!MARKER.test(marker)) throw new ConfigurationError(`comment marker ${JSON.stringify(marker).slice(0, 150)} must look like <!-- gatehouse:name -->`);
  return marker;
}

/** Cuts at `limit` UTF-16 units without splitting a surrogate pair. */
function cutAt(text: string, limit: number): string {
  let end = Math.min(limit, text.length);
  const last = text.charCodeAt(end - 1);
  if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

/**
 * The body as it will be posted: the marker on the first line (and nowhere else, so a cut can never
 * drop it), and at most `limit` characters. A body that is too long is cut at a line break, an open
 * code fence is closed, and a notice says where the rest is.
 */
export function boundCommentBody(body: string, marker: string, limit = COMMENT_MAX_CHARACTERS): { body: string; truncated: boolean } {
  const withoutMarker = body.split(marker).join('');
  const full = `${marker}\n${withoutMarker.replace(/^\n+/, '')}`;
  if (full.length <= limit) return { body: full, truncated: false };

  const room = limit - TRUNCATION_NOTICE.length - 2 * '\n```'.length;
  let kept = cutAt(full, room);
  const lineBreak = kept.lastIndexOf('\n');
  if (lineBreak > marker.length) kept = kept.slice(0, lineBreak);
  for (const fence of ['```', '~~~']) {
    const count = kept.match(new RegExp(`^ {0,3}${fence}`, 'gm'))?.length ?? 0;
    if (count % 2 === 1) kept += `\n${fence}`;
  }
  return { body: `${kept}${TRUNCATION_NOTICE}`, truncated: true };
}
