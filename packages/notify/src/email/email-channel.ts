import { isIP } from 'node:net';
import { ConfigurationError } from '@gatehouse/findings';
import nodemailer from 'nodemailer';
import type { NotificationChannel } from '../channel';
import { DeliveryError } from '../delivery-error';
import { cleanLine, fitText } from '../text/plain-text';
import { checkEmailAddress, checkEmailAddresses } from './email-address';
import { renderEmail } from './email-content';
import { smtpFailure } from './smtp-failure';

export interface EmailChannelOptions {
  /** Defaults to `email`. */
  name?: string;
  host: string;
  /** Defaults to 465 when `secure`, else 587 (submission with STARTTLS). */
  port?: number;
  /** Implicit TLS from the first byte (port 465). Otherwise STARTTLS is required. */
  secure?: boolean;
  /**
   * Plain SMTP without TLS. Refused unless `allowInsecureLoopback` is set and `host` is a loopback
   * address: for tests against a local server only.
   */
  insecure?: boolean;
  allowInsecureLoopback?: boolean;
  auth?: { user: string; pass: string };
  from: string;
  fromName?: string;
  /** Who hears of every notification (e.g. the ops list). */
  to: readonly string[];
  /** The security address: added to the recipients of `incident` notifications (leaked secrets). */
  securityTo?: readonly string[];
  /** Extra CA (PEM) to trust; certificate checks are never turned off. */
  ca?: string;
  /** Per-stage socket limits; the attempt timeout of deliverAll bounds the whole attempt anyway. */
  timeoutsMs?: { connection?: number; greeting?: number; socket?: number };
  subjectPrefix?: string;
}

const MAX_RECIPIENTS = 50;

function isLoopbackAddress(host: string): boolean {
  return (isIP(host) === 4 && host.startsWith('127.')) || host === '::1';
}

function checkHost(host: unknown): string {
  if (typeof host !== 'string' || !/^[A-Za-z0-9.:-]{1,253}$/.test(host)) throw new ConfigurationError('e-mail host must be a host name or IP address');
  return host;
}

/**
 * E-mail over SMTP with nodemailer: a text and an HTML part, TLS required (STARTTLS, or implicit TLS
 * with `secure`), certificates verified. Recipients are validated once, here; subject and names
 * pass through cleanLine, so no CR/LF (and so no injected header or recipient) can reach the wire.
 * The Message-ID is derived from the delivery id, the same on every retry.
 */
export function emailChannel(options: EmailChannelOptions): NotificationChannel {
  const host = checkHost(options.host);
  const secure = options.secure ?? false;
  const port = options.port ?? (secure ? 465 : 587);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new ConfigurationError('e-mail port must be an integer from 1 to 65535');
  const insecure = options.insecure ?? false;
  if (insecure && !(options.allowInsecureLoopback && isLoopbackAddress(host))) {
    throw new ConfigurationError('e-mail without TLS is only allowed to a loopback address in tests (insecure + allowInsecureLoopback)');
  }
  if (secure && insecure) throw new ConfigurationError('e-mail options secure and insecure contradict each other');
  const from = checkEmailAddress(options.from, 'e-mail from');
  const to = checkEmailAddresses(options.to, 'e-mail to');
  const securityTo = checkEmailAddresses(options.securityTo, 'e-mail securityTo');
  if (to.length === 0 && securityTo.length === 0) throw new ConfigurationError('e-mail needs at least one recipient in to');
  if (to.length + securityTo.length > MAX_RECIPIENTS) throw new ConfigurationError(`e-mail has more than ${MAX_RECIPIENTS} recipients`);
  if (options.auth && (typeof options.auth.user !== 'string' || typeof options.auth.pass !== 'string' || !options.auth.user || !options.auth.pass)) {
    throw new ConfigurationError('e-mail auth needs both user and pass');
  }
  const fromName = fitText(cleanLine(options.fromName ?? 'Gatehouse'), 100);
  const fromDomain = from.slice(from.lastIndexOf('@') + 1);
  const server = `${host}:${port}`;
  const timeouts = { connection: 10_000, greeting: 10_000, socket: 20_000, ...options.timeoutsMs };

  return {
    kind: 'email',
    name: options.name ?? 'email',
    async send(message, signal, context) {
      const recipients = message.kind === 'incident' ? [...new Set([...to, ...securityTo])] : to;
      if (recipients.length === 0) throw new DeliveryError('no e-mail recipient for this kind of notification (securityTo only applies to incidents)', { retryable: false });
      const content = renderEmail(message, options.subjectPrefix);
      const transport = nodemailer.createTransport({
        host,
        port,
        secure,
        requireTLS: !secure && !insecure,
        ignoreTLS: insecure,
        ...(options.auth ? { auth: { user: options.auth.user, pass: options.auth.pass } } : {}),
        tls: { minVersion: 'TLSv1.2', rejectUnauthorized: true, ...(options.ca ? { ca: options.ca } : {}) },
        connectionTimeout: timeouts.connection,
        greetingTimeout: timeouts.greeting,
        socketTimeout: timeouts.socket,
        disableFileAccess: true,
        disableUrlAccess: true,
        logger: false,
        debug: false,
      });
      try {
        const info = await transport.sendMail({
          from: { name: fromName, address: from },
          to: recipients,
          subject: content.subject,
          text: content.text,
          html: content.html,
          messageId: `<gatehouse.${context.deliveryId}@${fromDomain}>`,
          headers: { 'Auto-Submitted': 'auto-generated', 'X-Gatehouse-Notification': message.kind },
          disableFileAccess: true,
          disableUrlAccess: true,
          signal,
        });
        const rejected = (info.rejected ?? []).length;
        if (rejected > 0) {
          // Some recipients have it: a retry would send it to them twice, so this fails for good.
          throw new DeliveryError(`SMTP ${server} refused ${rejected} of ${recipients.length} recipient(s)`, { retryable: false });
        }
        const status = Number.parseInt(String(info.response ?? ''), 10);
        return {
          ...(Number.isInteger(status) ? { status } : {}),
          reference: info.messageId,
          detail: `accepted by ${server} for ${recipients.length} recipient(s)`,
        };
      } catch (error) {
        if (error instanceof DeliveryError || signal.aborted) throw error;
        throw smtpFailure(error, server);
      } finally {
        transport.close();
      }
    },
  };
}
