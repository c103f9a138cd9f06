import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Parser, extract, type ReadEntry } from 'tar';
import { ArchiveBudget, ArchiveRejectedError, checkEntryPath, checkSymlinkTarget, type ArchiveLimits } from './archive-entry-policy';

const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);

function checkTarEntry(entry: ReadEntry, budget: ArchiveBudget): void {
  const path = checkEntryPath(entry.path);
  budget.add(entry.size ?? 0);
  if (FILE_TYPES.has(entry.type) || entry.type === 'Directory') return;
  if (entry.type === 'SymbolicLink') return checkSymlinkTarget(path, entry.linkpath ?? '');
  // A hard link names another entry of the archive, by its archive path.
  if (entry.type === 'Link') return void checkEntryPath(entry.linkpath ?? '');
  throw new ArchiveRejectedError(`entry ${path} has unsupported type ${entry.type}`);
}

/** Reads every header first and refuses the archive if any entry breaks the policy; writes nothing. */
async function inspectTar(file: string, limits: ArchiveLimits): Promise<void> {
  const budget = new ArchiveBudget(limits);
  const parser = new Parser({ strict: true });
  parser.on('entry', (entry: ReadEntry) => {
    try {
      checkTarEntry(entry, budget);
      entry.resume();
    } catch (error) {
      parser.abort(error as Error);
    }
  });
  await pipeline(createReadStream(file), parser as unknown as NodeJS.WritableStream);
}

/**
 * Extracts a .tar.gz into `directory` with node-tar, after a first pass has checked every entry:
 * no absolute paths, no `..`, no links out of the tree, no devices or FIFOs, bounded size and count.
 */
export async function extractTarGz(file: string, directory: string, limits: ArchiveLimits): Promise<void> {
  await inspectTar(file, limits);
  await extract({
    file,
    cwd: directory,
    strict: true,
    preservePaths: false,
    preserveOwner: false,
    noMtime: true,
    // Second line of defence: the same policy again, on the entries actually being written.
    filter: (path) => {
      checkEntryPath(path);
      return true;
    },
  });
}
