import { createWriteStream } from 'node:fs';
import { mkdir, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { ArchiveBudget, ArchiveRejectedError, checkEntryPath, checkSymlinkTarget, type ArchiveLimits } from './archive-entry-policy';

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const MAX_LINK_TARGET = 4096;

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: true, strictFileNames: true, validateEntrySizes: true }, (error, zip) =>
      error ? reject(error) : resolve(zip!),
    );
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream!)));
  });
}

async function readSmall(stream: Readable, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new ArchiveRejectedError(`symlink target longer than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function isSymlink(entry: yauzl.Entry): boolean {
  // Unix "made by" (high byte 3) keeps the st_mode in the high 16 bits of the external attributes.
  return entry.versionMadeBy >> 8 === 3 && ((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK;
}

/**
 * Extracts a zip into `directory` with yauzl, entry by entry: every name is checked (no absolute
 * paths, no `..`), symlinks may only point downwards, files are created exclusively (a duplicate name
 * is refused, not overwritten), and entry count and sizes are bounded (yauzl checks the declared sizes
 * against the data).
 */
export async function extractZip(file: string, directory: string, limits: ArchiveLimits): Promise<void> {
  const zip = await openZip(file);
  const budget = new ArchiveBudget(limits);
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
      settled = true;
      resolve();
    });
    zip.on('entry', (entry: yauzl.Entry) => {
      writeEntry(zip, entry, directory, budget).then(() => zip.readEntry(), fail);
    });
    zip.readEntry();
  });
}

async function writeEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, directory: string, budget: ArchiveBudget): Promise<void> {
  const path = checkEntryPath(entry.fileName);
  budget.add(entry.uncompressedSize);
  const target = join(directory, path);
  if (entry.fileName.endsWith('/')) {
    await mkdir(target, { recursive: true, mode: 0o755 });
    return;
  }
  await mkdir(dirname(target), { recursive: true, mode: 0o755 });
  const stream = await openEntry(zip, entry);
  if (isSymlink(entry)) {
    const linkTarget = await readSmall(stream, MAX_LINK_TARGET);
    checkSymlinkTarget(path, linkTarget);
    await symlink(linkTarget, target);
    return;
  }
  await pipeline(stream, createWriteStream(target, { flags: 'wx', mode: 0o644 }));
}
