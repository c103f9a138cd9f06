import { neutralizeMentions } from './mentions';
import { cleanLine, cleanMultiline, fitEscaped } from './plain-text';

/**
 * Slack treats `&`, `<` and `>` as control characters (`<!channel>`, `<@U123>`, `<!subteam^S1>`,
 * `<https://x|label>`); escaping them as entities is the documented way to show them literally, and
 * it makes every mention or link syntax inert. Bare `@here`-style words are broken as well, in case a
 * surface auto-parses them.
 */
export function escapeSlack(text: string, max: number, options: { multiline?: boolean } = {}): string {
  const clean = options.multiline ? cleanMultiline(text) : cleanLine(text);
  const escaped = neutralizeMentions(clean).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return fitEscaped(escaped, max);
}

/**
 * A link only for an http(s) URL we validated; `|` and `>` would end the URL part of `<url|label>`,
 * so they are percent-encoded. Anything else is shown as text.
 */
export function slackLink(url: string | undefined, label: string): string | undefined {
  if (!url || !/^https?:\/\//i.test(url)) return undefined;
  const safeUrl = url.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');
  return `<${safeUrl}|${escapeSlack(label, 200)}>`;
}
