import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';

export interface HttpDispatcherOptions {
  /** Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY are read from (never process.env implicitly). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Extra CA certificates (PEM) to trust, e.g. a corporate proxy's or a test server's. */
  ca?: string;
}

/**
 * An undici dispatcher for notification requests: through the proxy the environment names (as curl
 * reads HTTPS_PROXY, HTTP_PROXY, NO_PROXY), trusting the extra CA if given. Redirects are never
 * followed: a webhook that redirects is misconfigured, and following it could send the payload and
 * signature somewhere else.
 */
export function createHttpDispatcher(options: HttpDispatcherOptions = {}): Dispatcher {
  const env = options.env ?? {};
  const httpProxy = env.http_proxy ?? env.HTTP_PROXY ?? '';
  const httpsProxy = env.https_proxy ?? env.HTTPS_PROXY ?? '';
  const noProxy = env.no_proxy ?? env.NO_PROXY ?? '';
  const tls = options.ca ? { ca: options.ca } : undefined;
  if (!httpProxy && !httpsProxy) return new Agent(tls ? { connect: tls } : {});
  return new EnvHttpProxyAgent({ httpProxy, httpsProxy, noProxy, ...(tls ? { connect: tls, requestTls: tls } : {}) });
}
