import { rootCertificates } from 'node:tls';
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';

export interface NetworkEnvironment {
  HTTPS_PROXY?: string;
  https_proxy?: string;
  HTTP_PROXY?: string;
  http_proxy?: string;
  NO_PROXY?: string;
  no_proxy?: string;
}

export interface DispatcherOptions {
  /** Extra CA certificates (PEM) trusted for the download, e.g. a private mirror's CA, on top of Node's own. */
  ca?: string;
}

/** The proxy settings that apply, read from the given environment (never implicitly from process.env). */
export function proxySettings(env: NetworkEnvironment): { httpProxy: string; httpsProxy: string; noProxy: string } {
  return {
    httpProxy: env.http_proxy ?? env.HTTP_PROXY ?? '',
    httpsProxy: env.https_proxy ?? env.HTTPS_PROXY ?? '',
    noProxy: env.no_proxy ?? env.NO_PROXY ?? '',
  };
}

/**
 * An undici dispatcher honouring HTTPS_PROXY / HTTP_PROXY / NO_PROXY as curl does: https targets go
 * through HTTPS_PROXY (else HTTP_PROXY), http targets through HTTP_PROXY, hosts matching NO_PROXY
 * (suffix match, optional port, `*` for all) go direct. Settings come from `env` only, so a test or a
 * caller decides what applies.
 */
export function createDispatcher(env: NetworkEnvironment, options: DispatcherOptions = {}): Dispatcher {
  const settings = proxySettings(env);
  // Node's `ca` replaces the default trust store, so the public roots are kept alongside the extra CA.
  const tls = options.ca ? { ca: [...rootCertificates, options.ca] } : undefined;
  if (!settings.httpProxy && !settings.httpsProxy) return new Agent(tls ? { connect: tls } : {});
  return new EnvHttpProxyAgent({
    ...settings,
    ...(tls ? { connect: tls, requestTls: tls } : {}),
  });
}

/** A URL fit for a log line or an error: user and password (a mirror token, a proxy login) removed. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = '';
      parsed.password = '';
    }
    const hadQuery = parsed.search !== '';
    parsed.search = '';
    parsed.hash = '';
    return hadQuery ? `${parsed.toString()}?…` : parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
