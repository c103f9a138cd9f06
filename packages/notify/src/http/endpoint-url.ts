import { isIP } from 'node:net';
import { ConfigurationError } from '@gatehouse/findings';

export interface EndpointOptions {
  /**
   * Allow plain http to a loopback address (127.0.0.0/8, ::1). For tests against local fakes only;
   * a name such as `localhost` is not accepted, since it can resolve elsewhere.
   */
  allowInsecureLoopback?: boolean;
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1';
  return false;
}

/**
 * Parses and checks a destination URL. The URL of a Slack or generic webhook is itself a secret (the
 * path carries the token), so errors here never repeat it: they name the option instead.
 */
export function checkEndpointUrl(raw: string, option: string, options: EndpointOptions = {}): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigurationError(`${option} is not a valid URL`);
  }
  if (url.username || url.password) throw new ConfigurationError(`${option} must not carry a user name or password`);
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && options.allowInsecureLoopback && isLoopbackHost(url.hostname)) return url;
  throw new ConfigurationError(`${option} must be an https URL${options.allowInsecureLoopback ? ' (plain http only to a loopback address)' : ''}`);
}

/** What may be logged about an endpoint: scheme and host, never the path or query. */
export function describeEndpoint(url: URL): string {
  return `${url.protocol}//${url.host}`;
}
