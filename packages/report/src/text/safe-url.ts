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
  // Most references are already what the parser would give back: skip parsing those (each report
  // has several per finding, and a finding's references are read for SARIF, HTML and Markdown).
  if (isCanonicalHttpUrl(candidate)) return candidate;
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

/**
 * An http(s) URL the WHATWG parser gives back unchanged, so it needs no parsing: lower-case scheme;
 * a host of lower-case letters, digits, hyphens and dots whose last label starts with a letter (no
 * IP address, no port, no credentials, no punycode); then a path, query and fragment made only of
 * characters no part of a URL percent-encodes (no quote, space, backslash, bracket or control), with
 * no dot segments (`.`, `..`, `%2e`) for the parser to resolve. Anything else is parsed.
 */
const CANONICAL_HTTP_URL = /^https?:\/\/(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*\/[A-Za-z0-9\-._~!$&*+,;=:@/?#%]*$/;
const NEEDS_PARSING = /xn--|%2e|\/\.\.?(?:[/?#]|$)/i;

export function isCanonicalHttpUrl(candidate: string): boolean {
  return CANONICAL_HTTP_URL.test(candidate) && !NEEDS_PARSING.test(candidate);
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
