import { ConfigurationError } from '@gatehouse/findings';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The REST API base (GITHUB_API_URL: https://api.github.com, or https://ghes.example.com/api/v3 on
 * GitHub Enterprise Server), without a trailing slash. Plain http is refused except on loopback: the
 * token would travel in clear text.
 */
export function apiBaseUrl(value: string | undefined): string {
  const text = value && value.trim() ? value.trim() : 'https://api.github.com';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigurationError(`GITHUB_API_URL: ${JSON.stringify(text).slice(0, 200)} is not a URL`);
  }
  const loopback = LOOPBACK.has(url.hostname) || url.hostname.endsWith('.localhost');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConfigurationError(`GITHUB_API_URL: ${url.origin} must use https (the token would be sent in clear text)`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ConfigurationError('GITHUB_API_URL must not carry credentials, a query or a fragment');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
