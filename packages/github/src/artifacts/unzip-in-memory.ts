import yauzl from 'yauzl';

export interface UnzipLimits {
  /** Total uncompressed bytes of all files (default 256 MiB). */
  maxTotalBytes?: number;
  /** Entries, directories included (default 10,000). */
  maxEntries?: number;
  /**
   * Which files to read: the others are name-checked but neither read nor counted against
   * `maxTotalBytes` (policy-gate reads only findings.json of an artifact that also holds the HTML report).
   */
  include?: (name: string) => boolean;
}

/** An archive that is not a zip, or one we refuse (unsafe names, links, too big). */
export class ArchiveRefused extends Error {
  override name = 'ArchiveRefused';
}

/** Files of an artifact by their path inside it (forward slashes, never absolute, never ".."). */
export type ArtifactFiles = ReadonlyMap<string, Buffer>;

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;

function checkName(name: string): string {
  const segments = name.split('/');
  if (
    name.length === 0 ||
    name.length > 1024 ||
    name.startsWith('/') ||
    /^[A-Za-z]:/.test(name) ||
    name.includes('\\') ||
    /[\0-\x1f]/.test(name) ||
    segments.some((segment) => segment === '..' || segment === '.')
  ) {
    throw new ArchiveRefused(`unsafe entry name ${JSON.stringify(name).slice(0, 200)}`);
  }
  return name;
}

/** Unix-made entries carry st_mode in the high 16 bits; anything but a regular file (symlinks, devices) is refused. */
function isSpecialFile(entry: yauzl.Entry): boolean {
  if (entry.versionMadeBy >> 8 !== 3) return false;
  const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  return mode !== 0 && mode !== S_IFREG && mode !== 0o040000;
}

function open(zip: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true, decodeStrings: true }, (error, file) =>
      error ? reject(new ArchiveRefused(`not a readable zip: ${error.message}`)) : resolve(file!),
    );
  });
}

/**
 * The files of a zip, read in memory. Refused: names that are absolute, hold "..", backslashes or
 * control characters; symlinks and other special files; duplicate names; more entries or more
 * uncompressed bytes than the limits (counted from the data, not the declared sizes, so a zip bomb
 * stops at the cap).
 */
export async function unzipInMemory(zip: Buffer, limits: UnzipLimits = {}): Promise<ArtifactFiles> {
  const maxTotal = limits.maxTotalBytes ?? 256 * 1024 * 1024;
  const maxEntries = limits.maxEntries ?? 10_000;
  const archive = await open(zip);
  const files = new Map<string, Buffer>();
  const seen = new Set<string>();
  let total = 0;
  let entries = 0;

  const readEntry = (entry: yauzl.Entry): Promise<void> =>
    new Promise((resolve, reject) => {
      entries += 1;
      if (entries > maxEntries) return reject(new ArchiveRefused(`more than ${maxEntries} entries`));
      const name = checkName(entry.fileName.endsWith('/') ? entry.fileName.slice(0, -1) || '.' : entry.fileName);
      if (entry.fileName.endsWith('/')) return resolve();
      if (isSpecialFile(entry)) return reject(new ArchiveRefused(`${name}: links and special files are refused`));
      if (seen.has(name)) return reject(new ArchiveRefused(`${name}: duplicate entry`));
      seen.add(name);
      if (limits.include && !limits.include(name)) return resolve();
      if (total + entry.uncompressedSize > maxTotal) return reject(new ArchiveRefused(`more than ${maxTotal} uncompressed bytes`));
      archive.openReadStream(entry, (error, stream) => {
        if (error || !stream) return reject(new ArchiveRefused(`${name}: ${error?.message ?? 'unreadable'}`));
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > maxTotal) {
            stream.destroy(new ArchiveRefused(`more than ${maxTotal} uncompressed bytes`));
            return;
          }
          chunks.push(chunk);
        });
        stream.on('error', (streamError) => reject(streamError instanceof ArchiveRefused ? streamError : new ArchiveRefused(`${name}: ${streamError.message}`)));
        stream.on('end', () => {
          files.set(name, Buffer.concat(chunks));
          resolve();
        });
      });
    });

  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      archive.close();
      reject(error instanceof ArchiveRefused ? error : new ArchiveRefused(`not a readable zip: ${(error as Error).message}`));
    };
    archive.on('error', fail);
    archive.on('end', () => {
      if (settled) return;
      settled = true;
      resolve();
    });
    archive.on('entry', (entry: yauzl.Entry) => {
      readEntry(entry).then(() => archive.readEntry(), fail);
    });
    archive.readEntry();
  });
  return files;
}
