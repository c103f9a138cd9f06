import { escapeMarkdown } from './escape-markdown';
import { truncateText } from './truncate-text';

const MAX_URL_LENGTH = 2_000;

/**
 * An absolute http(s) URL, or undefined. `javascript:`, `data:`, `file:`, relative URLs, URLs with
 * credentials and anything unparsable are refused rather than repaired. Safe for an HTML href
 * (escaped as an attribute by the caller).
 */
export function httpUrlOrUndefined(candidate: string | undefined): string | undefined {
  if (!candidate || candidate.length > MAX_URL_LENGTH) return undefined;
  let url: URL;
  try {
    url = new URL(candidate.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password) return undefined;
  return url.href;
}

/** An http(s) URL safe as a Markdown link destination, or undefined. */
export function safeHttpUrl(candidate: string | undefined): string | undefined {
  // Parentheses and angle brackets would end a Markdown link destination early.
  return httpUrlOrUndefined(candidate)?.replace(/[()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `[text](url)` with the text escaped; plain escaped text when the URL is not a safe http(s) URL. */
export function markdownLink(text: string, url: string | undefined, maxTextLength = 200): string {
  const label = escapeMarkdown(truncateText(text, maxTextLength));
  const href = safeHttpUrl(url);
  return href ? `[${label}](${href})` : label;
}
