import { createServer, type Socket } from 'node:net';

export type RawBehaviour = 'reset' | 'silent' | 'greet-then-stall';

/** A TCP server on 127.0.0.1 that misbehaves below any protocol: resets, says nothing, or stalls after a greeting. */
export async function startRawTcpServer(behaviour: RawBehaviour, greeting = '220 loopback ESMTP\r\n'): Promise<{ port: number; connections: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const state = { connections: 0 };
  const server = createServer((socket) => {
    state.connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    if (behaviour === 'reset') socket.resetAndDestroy();
    else if (behaviour === 'greet-then-stall') socket.write(greeting);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return {
    port: address.port,
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
