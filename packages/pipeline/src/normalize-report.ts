import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { ParseError } from '@gatehouse/findings';
import { decodeReport, MAX_WHOLE_DOCUMENT_BYTES, type ParseContext, type ScannerAdapter } from '@gatehouse/scanners';
import type { EngineOutcome } from './engine-outcome';
import { outcomeFromParse } from './parse-outcome';

/** Reads a report file whole, refusing what is not a regular file or too large to be one document. */
export function readReportBytes(path: string, displayName: string, maxBytes = MAX_WHOLE_DOCUMENT_BYTES): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ParseError(code === 'ENOENT' ? 'report file not found' : `report cannot be opened (${code})`, displayName);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new ParseError('not a regular file', displayName);
    if (stat.size > maxBytes) {
      throw new ParseError(`report is ${stat.size} bytes, over the ${maxBytes}-byte limit for one document`, displayName);
    }
    const buffer = Buffer.alloc(stat.size);
    let offset = 0;
    while (offset < stat.size) {
      const n = readSync(fd, buffer, offset, stat.size - offset, offset);
      if (n === 0) break;
      offset += n;
    }
    return buffer.subarray(0, offset);
  } finally {
    closeSync(fd);
  }
}

/**
 * `gatehouse normalize`: a report produced elsewhere becomes findings. Unlike a scan, an unreadable
 * report is the user's error (exit 2 naming the file), so ParseError propagates.
 */
export function normalizeReportFile(adapter: ScannerAdapter, path: string, ctx: ParseContext): EngineOutcome {
  const text = decodeReport(readReportBytes(path, ctx.file), ctx.file);
  const started = Date.now();
  const result = adapter.parse(text, ctx);
  return outcomeFromParse(adapter.id, result, [ctx.file], Date.now() - started);
}
