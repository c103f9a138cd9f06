import { escapeMarkdown } from './escape-markdown';
import { truncateText } from './truncate-text';

const MAX_URL_LENGTH = 2_000;

/**
 * An http(s) URL safe to put in a link, or undefined. Anything else (`javascript:`, `data:`, relative
 * paths, credentials in the URL, unparsable text) is refused rather than repaired.
 */
export function safeHttpUrl(candidate: string | undefined): string | undefined {
  if (!candidate || candidate.length > MAX_URL_LENGTH) return undefined;
  let url: URL;
  try {
    url = new URL(candidate.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password) return undefined;
  // Parentheses and angle brackets would end a Markdown link destination early.
  return url.href.replace(/[()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `[text](url)` with the text escaped; plain escaped text when the URL is not a safe http(s) URL. */
export function markdownLink(text: string, url: string | undefined, maxTextLength = 200): string {
  const label = escapeMarkdown(truncateText(text, maxTextLength));
  const href = safeHttpUrl(url);
  return href ? `[${label}](${href})` : label;
}
