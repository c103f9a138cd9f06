import { isIP } from 'node:net';
import { ConfigurationError } from '@gatehouse/findings';

export interface DependencyTrackEndpointOptions {
  /** Plain http to a loopback IP, for tests against a local server only. */
  allowInsecureLoopback?: boolean;
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) === 4) return host.startsWith('127.');
  return isIP(host) === 6 && host === '::1';
}

/**
 * Dependency-Track's base URL (`https://dtrack.example.com`, or with a path prefix when it sits
 * behind a reverse proxy), checked before the API key is sent anywhere: https only, no credentials
 * in the URL. The upload goes to `<base>/api/v1/bom`.
 */
export function dependencyTrackBomUrl(base: string, options: DependencyTrackEndpointOptions = {}): URL {
  let url: URL;
  try {
    url = new URL(base.trim());
  } catch {
    throw new ConfigurationError('dependency-track-url is not a valid URL');
  }
  if (url.username || url.password) throw new ConfigurationError('dependency-track-url must not carry a user name or password (the API key goes in dependency-track-api-key)');
  if (url.search || url.hash) throw new ConfigurationError('dependency-track-url must not have a query or fragment');
  const allowed = url.protocol === 'https:' || (url.protocol === 'http:' && options.allowInsecureLoopback === true && isLoopback(url.hostname));
  if (!allowed) throw new ConfigurationError('dependency-track-url must be an https URL: the API key travels with the upload');
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api(\/v1(\/bom)?)?$/, '');
  return new URL(`${url.origin}${path}/api/v1/bom`);
}

/** What may be logged about the server: scheme and host, never a path or key. */
export function describeServer(url: URL): string {
  return `${url.protocol}//${url.host}`;
}
