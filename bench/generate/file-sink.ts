import { closeSync, openSync, writeSync } from 'node:fs';
import type { ChunkSink } from './variety';

/** A sink that batches chunks into ~1 MiB writes: reports of hundreds of MiB are written without one giant string. */
export class FileSink implements ChunkSink {
  private readonly fd: number;
  private pending: string[] = [];
  private pendingLength = 0;
  bytes = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(chunk: string): void {
    this.pending.push(chunk);
    this.pendingLength += chunk.length;
    if (this.pendingLength >= 1 << 20) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (!this.pending.length) return;
    const buffer = Buffer.from(this.pending.join(''), 'utf8');
    writeSync(this.fd, buffer);
    this.bytes += buffer.length;
    this.pending = [];
    this.pendingLength = 0;
  }
}
