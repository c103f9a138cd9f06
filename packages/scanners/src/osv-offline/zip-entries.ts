import { readFile, stat } from 'node:fs/promises';
import yauzl from 'yauzl';

export interface ZipLimits {
  /**
   * Zips up to this size are read into memory first and their entries inflated from there (about
   * three times faster than a file read per entry); larger ones are read from the file.
   */
  maxInMemoryBytes?: number;
  /** An entry larger than this is not read (counted as refused). */
  maxEntryBytes: number;
  /** All entries together, uncompressed. */
  maxTotalBytes: number;
  maxEntries: number;
}

/** osv.dev's npm export is a few hundred MB uncompressed; the caps leave room and stop a zip bomb. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntryBytes: 16 * 1024 * 1024,
  maxTotalBytes: 8 * 1024 * 1024 * 1024,
  maxEntries: 2_000_000,
  maxInMemoryBytes: 512 * 1024 * 1024,
};

export class ZipLimitError extends Error {
  override name = 'ZipLimitError';
}

async function openZip(file: string, limits: ZipLimits): Promise<yauzl.ZipFile> {
  const options = { lazyEntries: true, autoClose: true, strictFileNames: false, validateEntrySizes: true };
  const size = (await stat(file)).size;
  if (size <= (limits.maxInMemoryBytes ?? 0)) {
    const bytes = await readFile(file);
    return new Promise((resolve, reject) => yauzl.fromBuffer(bytes, options, (error, zip) => (error ? reject(error) : resolve(zip!))));
  }
  return new Promise((resolve, reject) => yauzl.open(file, options, (error, zip) => (error ? reject(error) : resolve(zip!))));
}

async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, limit: number): Promise<Buffer> {
  const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
    zip.openReadStream(entry, (error, s) => (error ? reject(error) : resolve(s!))),
  );
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        (stream as NodeJS.ReadableStream & { destroy(e?: Error): void }).destroy(new ZipLimitError(`${entry.fileName}: more than ${limit} bytes uncompressed`));
        return;
      }
      chunks.push(chunk);
    });
    stream.on('error', reject);
    stream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/**
 * Streams the `.json` entries of a zip (yauzl reads one entry at a time from the central
 * directory; nothing is extracted to disk). `onEntry` gets each entry's name and bytes; entries over
 * `maxEntryBytes` are reported through `onRefused` and skipped. Exceeding the entry count or the
 * total size stops the read with ZipLimitError. Honours `signal` between entries.
 */
export async function forEachJsonEntry(
  file: string,
  limits: ZipLimits,
  onEntry: (name: string, bytes: Buffer) => void,
  onRefused: (name: string, reason: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  const zip = await openZip(file, limits);
  let entries = 0;
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      if (zip.isOpen) zip.close();
      reject(error);
    };
    zip.on('error', fail);
    zip.on('end', () => {
      if (!settled) {
        settled = true;
        resolve();
      }
    });
    zip.on('entry', (entry: yauzl.Entry) => {
      if (signal?.aborted) return fail(signal.reason ?? new Error('aborted'));
      entries += 1;
      if (entries > limits.maxEntries) return fail(new ZipLimitError(`${file}: more than ${limits.maxEntries} entries`));
      if (entry.fileName.endsWith('/') || !entry.fileName.toLowerCase().endsWith('.json')) return zip.readEntry();
      if (entry.uncompressedSize > limits.maxEntryBytes) {
        onRefused(entry.fileName, `${entry.uncompressedSize} bytes uncompressed, more than ${limits.maxEntryBytes}`);
        return zip.readEntry();
      }
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes) return fail(new ZipLimitError(`${file}: more than ${limits.maxTotalBytes} bytes uncompressed in all`));
      readEntry(zip, entry, limits.maxEntryBytes).then(
        (bytes) => {
          try {
            onEntry(entry.fileName, bytes);
          } catch (error) {
            return fail(error);
          }
          zip.readEntry();
        },
        fail,
      );
    });
    zip.readEntry();
  });
}
