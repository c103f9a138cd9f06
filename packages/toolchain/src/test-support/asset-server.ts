import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';

/** What the loopback server does for one request to a path. */
export type Reply =
  | { status: number; body?: Buffer | string; headers?: Record<string, string> }
  | { redirect: string }
  /** Accept the request and never answer (a timeout). */
  | { hang: true }
  /** Send headers and part of the body, then stall. */
  | { stallAfter: Buffer };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
}

export interface LoopbackServer {
  origin: string;
  requests: RecordedRequest[];
  /** Replies per path, consumed in order; the last one repeats. */
  routes: Map<string, Reply[]>;
  close(): Promise<void>;
}

function listen(server: Server, sockets: Set<Socket>): Promise<number> {
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function closer(server: Server, sockets: Set<Socket>): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
}

function handle(routes: Map<string, Reply[]>, requests: RecordedRequest[]) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ method: req.method ?? '', path, headers: req.headers });
    const queue = routes.get(path);
    const reply = queue && (queue.length > 1 ? queue.shift()! : queue[0]);
    if (!reply) {
      res.writeHead(404).end('not found');
      return;
    }
    if ('hang' in reply) return;
    if ('redirect' in reply) {
      res.writeHead(302, { location: reply.redirect }).end();
      return;
    }
    if ('stallAfter' in reply) {
      res.writeHead(200, { 'content-length': String(reply.stallAfter.length * 4) });
      res.write(reply.stallAfter);
      return;
    }
    const body = typeof reply.body === 'string' ? Buffer.from(reply.body) : (reply.body ?? Buffer.alloc(0));
    res.writeHead(reply.status, { 'content-length': String(body.length), ...reply.headers }).end(body);
  };
}

/** An HTTP server on 127.0.0.1 serving scripted replies and recording every request. */
export async function startAssetServer(tls?: { key: string; cert: string }): Promise<LoopbackServer> {
  const routes = new Map<string, Reply[]>();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = tls ? createHttpsServer(tls, handle(routes, requests)) : createHttpServer(handle(routes, requests));
  const port = await listen(server, sockets);
  return { origin: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`, requests, routes, close: closer(server, sockets) };
}

export interface RecordingProxy {
  url: string;
  /** "CONNECT 127.0.0.1:1234" or "GET http://127.0.0.1:1234/path". */
  requests: string[];
  close(): Promise<void>;
}

/** A forward proxy on 127.0.0.1 that records what it is asked to reach: CONNECT tunnels and absolute-URI requests. */
export async function startRecordingProxy(): Promise<RecordingProxy> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createHttpServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const upstream = httpRequest(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    requests.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  const port = await listen(server, sockets);
  return { url: `http://127.0.0.1:${port}`, requests, close: closer(server, sockets) };
}
