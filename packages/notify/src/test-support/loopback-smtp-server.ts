import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface ReceivedMail {
  /** The message exactly as it arrived (headers and MIME body). */
  raw: Buffer;
  mailFrom: string;
  rcptTo: string[];
  /** Whether the session was under TLS (STARTTLS or implicit) when the message was sent. */
  secure: boolean;
  user?: string;
}

export interface LoopbackSmtpOptions {
  /** Offer STARTTLS with this certificate; without it STARTTLS is not offered at all. */
  tls?: { key: string; cert: string };
  /** Require AUTH with these credentials; without it AUTH is not offered. */
  auth?: { user: string; pass: string };
  /** Answer RCPT TO of the first N sessions with this temporary failure (e.g. 451). */
  failFirstSessions?: { count: number; code: number; message: string };
}

export interface LoopbackSmtpServer {
  port: number;
  received: ReceivedMail[];
  /** Sessions that reached RCPT TO, accepted or not. */
  rcptSessions: number;
  authAttempts: number;
  close(): Promise<void>;
}

/**
 * A real SMTP server (the smtp-server package) on 127.0.0.1, for e-mail tests: it speaks the protocol
 * nodemailer speaks to production servers, including STARTTLS and AUTH, and keeps what it received.
 */
export async function startLoopbackSmtpServer(options: LoopbackSmtpOptions = {}): Promise<LoopbackSmtpServer> {
  const state = { received: [] as ReceivedMail[], rcptSessions: 0, authAttempts: 0 };
  const sessionsSeen = new Set<string>();
  const disabled: string[] = [];
  if (!options.tls) disabled.push('STARTTLS');
  if (!options.auth) disabled.push('AUTH');
  const config: SMTPServerOptions = {
    logger: false,
    disabledCommands: disabled,
    authOptional: !options.auth,
    closeTimeout: 200,
    // A reverse DNS lookup of 127.0.0.1 can take long on CI machines; no test needs the name.
    disableReverseLookup: true,
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    onAuth(auth, _session, callback) {
      state.authAttempts += 1;
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) return callback(null, { user: auth.username });
      const error = Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 });
      return callback(error);
    },
    onRcptTo(_address, session, callback) {
      if (!sessionsSeen.has(session.id)) {
        sessionsSeen.add(session.id);
        state.rcptSessions += 1;
      }
      const fail = options.failFirstSessions;
      if (fail && state.rcptSessions <= fail.count) return callback(Object.assign(new Error(fail.message), { responseCode: fail.code }));
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        state.received.push({
          raw: Buffer.concat(chunks),
          mailFrom: from ? from.address : '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          secure: session.secure,
          ...(session.user ? { user: String(session.user) } : {}),
        });
        callback();
      });
    },
  };
  const server = new SMTPServer(config);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('no loopback address');
  return {
    port: address.port,
    get received() {
      return state.received;
    },
    get rcptSessions() {
      return state.rcptSessions;
    },
    get authAttempts() {
      return state.authAttempts;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
