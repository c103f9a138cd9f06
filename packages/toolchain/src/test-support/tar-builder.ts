import { gzipSync } from 'node:zlib';

/** One entry of a hand-built tar; lets tests write the malicious entries real tools refuse to create. */
export interface TarEntry {
  path: string;
  type?: 'file' | 'directory' | 'symlink' | 'hardlink' | 'fifo';
  content?: string | Buffer;
  linkTarget?: string;
  mode?: number;
}

const TYPE_FLAGS = { file: '0', hardlink: '1', symlink: '2', directory: '5', fifo: '6' } as const;

function field(header: Buffer, offset: number, length: number, value: string): void {
  header.write(value.slice(0, length), offset, length, 'utf8');
}

function octal(header: Buffer, offset: number, length: number, value: number): void {
  field(header, offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
}

function header(entry: TarEntry, size: number): Buffer {
  const h = Buffer.alloc(512);
  field(h, 0, 100, entry.path);
  octal(h, 100, 8, entry.mode ?? (entry.type === 'directory' ? 0o755 : 0o644));
  octal(h, 108, 8, 0);
  octal(h, 116, 8, 0);
  octal(h, 124, 12, size);
  octal(h, 136, 12, 1_700_000_000);
  field(h, 148, 8, '        ');
  field(h, 156, 1, TYPE_FLAGS[entry.type ?? 'file']);
  field(h, 157, 100, entry.linkTarget ?? '');
  field(h, 257, 6, 'ustar\0');
  field(h, 263, 2, '00');
  let sum = 0;
  for (const byte of h) sum += byte;
  field(h, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return h;
}

/** A gzip-compressed ustar archive holding exactly the given entries, in order. */
export function buildTarGz(entries: readonly TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const data = (entry.type ?? 'file') === 'file' ? Buffer.from(entry.content ?? '') : Buffer.alloc(0);
    blocks.push(header(entry, data.length), data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}
