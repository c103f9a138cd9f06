import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';

/** What the fake does with one request, in order; the last step repeats for any further request. */
export type ScriptedStep =
  | { respond: number; body?: string; headers?: Record<string, string> }
  /** Destroys the connection once the request has arrived: the client sees a reset / socket close. */
  | { reset: true }
  /** Never answers: the client's timeout must end the attempt. */
  | { hang: true }
  /** Sends the status and headers, then one chunk of body and never the rest. */
  | { slowBody: number; firstChunk: string };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface LoopbackHttpServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * An HTTP (or HTTPS, given a key and certificate) server on 127.0.0.1 that plays a script: the
 * stand-in for Slack and webhook receivers in fault tests. It records every request body as bytes.
 */
export async function startLoopbackHttpServer(script: readonly ScriptedStep[], tls?: { key: string; cert: string }): Promise<LoopbackHttpServer> {
  if (script.length === 0) throw new Error('a loopback server needs at least one scripted step');
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      const step = script[Math.min(requests.length - 1, script.length - 1)]!;
      if ('reset' in step) {
        req.socket.destroy();
      } else if ('hang' in step) {
        // Keep the socket open and say nothing.
      } else if ('slowBody' in step) {
        res.writeHead(step.slowBody, { 'content-type': 'text/plain', 'content-length': String(step.firstChunk.length + 1000) });
        res.write(step.firstChunk);
      } else {
        res.writeHead(step.respond, { 'content-type': 'text/plain', ...step.headers });
        res.end(step.body ?? '');
      }
    });
  };
  const server: Server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, handler) : createHttpServer(handler);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no loopback address');
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${address.port}/hooks/T000/B000/not-a-real-token`,
    requests,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback port nothing listens on (bound, then released): connections to it are refused. */
export async function closedLoopbackPort(): Promise<number> {
  const server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no loopback address');
  return address.port;
}
