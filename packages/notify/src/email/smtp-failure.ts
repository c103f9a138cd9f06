import { DeliveryError } from '../delivery-error';
import { cleanLine, fitText } from '../text/plain-text';

interface SmtpErrorShape {
  code?: string;
  responseCode?: number;
  permanent?: boolean;
  response?: string;
  command?: string;
  message?: string;
  originalCode?: string;
}

// Wrong credentials, a server without the TLS we require, a refused configuration: the same message
// sent again gets the same answer.
const NOT_RETRYABLE_CODES = new Set(['EAUTH', 'ENOAUTH', 'EOAUTH2', 'ETLS', 'EREQUIRETLS', 'ECONFIG', 'EFILEACCESS', 'EURLACCESS', 'EMAXRECIPIENTS', 'EOTP']);
const CERTIFICATE_PROBLEM = /certificate|CERT_|SELF_SIGNED|UNABLE_TO_VERIFY|altname|wrong version number/i;

/**
 * Turns a nodemailer error into a DeliveryError. SMTP replies decide by their class (RFC 5321: 4yz
 * transient, 5yz permanent, nodemailer's `permanent` flag); connection failures and timeouts are
 * retried; authentication, TLS and certificate problems are not.
 */
export function smtpFailure(error: unknown, server: string): DeliveryError {
  const e = (error ?? {}) as SmtpErrorShape;
  const code = e.code ?? 'ERROR';
  const reply = e.response ? fitText(cleanLine(e.response), 200) : undefined;
  const what = reply ?? fitText(cleanLine(e.message ?? String(error)), 200);
  const message = `SMTP ${server}: ${code}${e.command ? ` during ${e.command}` : ''}: ${what}`;
  const status = e.responseCode;
  let retryable: boolean;
  if (NOT_RETRYABLE_CODES.has(code)) retryable = false;
  else if (typeof status === 'number' && status >= 400) retryable = e.permanent === undefined ? status < 500 || status === 503 : !e.permanent;
  else if (CERTIFICATE_PROBLEM.test(`${e.originalCode ?? ''} ${e.message ?? ''}`)) retryable = false;
  else retryable = true;
  return new DeliveryError(message, { retryable, ...(typeof status === 'number' ? { status } : {}), cause: error });
}
