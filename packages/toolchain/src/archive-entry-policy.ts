/**
 * What an archive may contain before we extract it. Scanner release archives hold a binary and a few
 * text files; anything that could write outside the extraction directory is refused outright rather
 * than sanitised, because an archive that tries is not the one we pinned.
 */
export class ArchiveRejectedError extends Error {
  override name = 'ArchiveRejectedError';
}

export interface ArchiveLimits {
  maxEntries: number;
  /** Sum of the entries' uncompressed sizes. */
  maxTotalBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = { maxEntries: 10_000, maxTotalBytes: 1024 * 1024 * 1024 };

/**
 * The entry's path made canonical (no `.` or empty segments, no trailing slash), or a rejection:
 * absolute paths, drive letters, backslashes, NUL and `..` segments are never accepted.
 */
export function checkEntryPath(raw: string): string {
  if (raw.length === 0 || raw.length > 4096) throw new ArchiveRejectedError(`entry with an empty or oversized path`);
  if (raw.includes('\0')) throw new ArchiveRejectedError(`entry path contains NUL`);
  if (raw.startsWith('/') || /^[a-zA-Z]:/.test(raw)) throw new ArchiveRejectedError(`entry with an absolute path: ${raw}`);
  if (raw.includes('\\')) throw new ArchiveRejectedError(`entry path with a backslash: ${raw}`);
  const segments = raw.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw new ArchiveRejectedError(`entry path escapes the target with "..": ${raw}`);
  if (segments.length === 0) throw new ArchiveRejectedError(`entry path names the archive root: ${raw}`);
  return segments.join('/');
}

/**
 * A symbolic link may only point below its own directory: relative, no `..`. That rule is stricter
 * than "resolves inside the target", on purpose: lexical checks of upward links can be defeated by
 * chaining links, while downward-only links cannot leave the tree however they are chained.
 */
export function checkSymlinkTarget(entryPath: string, target: string): void {
  if (target.length === 0 || target.includes('\0')) throw new ArchiveRejectedError(`symlink ${entryPath} has an empty target`);
  if (target.startsWith('/') || /^[a-zA-Z]:/.test(target) || target.includes('\\')) {
    throw new ArchiveRejectedError(`symlink ${entryPath} points outside the target: ${target}`);
  }
  if (target.split('/').includes('..')) {
    throw new ArchiveRejectedError(`symlink ${entryPath} points outside the target: ${target}`);
  }
}

/** Counts entries and bytes against the limits as they are read. */
export class ArchiveBudget {
  private entries = 0;
  private bytes = 0;
  constructor(private readonly limits: ArchiveLimits) {}

  add(size: number): void {
    this.entries += 1;
    this.bytes += Math.max(0, size);
    if (this.entries > this.limits.maxEntries) throw new ArchiveRejectedError(`more than ${this.limits.maxEntries} entries`);
    if (this.bytes > this.limits.maxTotalBytes) throw new ArchiveRejectedError(`more than ${this.limits.maxTotalBytes} bytes uncompressed`);
  }
}
