import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { z } from 'zod';
import { ParseError } from '@gatehouse/findings';
import { formatKeyPath } from '../load/policy-error';
import { CycloneDxVexDocumentSchema, cycloneDxStatements, isCycloneDx } from './cyclonedx-vex';
import { jsonPositionOf, MAX_VEX_CHARS, parseJsonText } from './json-text';
import { OpenVexDocumentSchema, isOpenVex, openVexStatements } from './openvex';
import type { VexStatement } from './vex-statement';

/**
 * Reads an OpenVEX or CycloneDX (VEX or SBOM with analyses) document into statements. A document
 * that is neither, or whose statements do not hold what the policy acts on, is a ParseError naming
 * the file and position: a VEX file the policy lists but cannot read must stop the run, not be
 * quietly ignored.
 */
export function parseVexDocument(text: string, file: string): VexStatement[] {
  const data = parseJsonText(text, file);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ParseError('is not a VEX document (expected a JSON object)', file);
  }
  const document = data as Record<string, unknown>;
  try {
    if (isOpenVex(document)) return openVexStatements(validate(OpenVexDocumentSchema, document, text, file), file);
    if (isCycloneDx(document)) return cycloneDxStatements(validate(CycloneDxVexDocumentSchema, document, text, file), file);
  } catch (error) {
    if (error instanceof RangeError) throw new ParseError('is nested too deeply to read', file);
    throw error;
  }
  throw new ParseError(
    'is neither OpenVEX (@context https://openvex.dev/ns...) nor CycloneDX (bomFormat "CycloneDX")',
    file,
  );
}

function validate<T>(schema: z.ZodType<T>, document: unknown, text: string, file: string): T {
  const result = schema.safeParse(document);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : '';
  const position = jsonPositionOf(text, path);
  throw new ParseError(`${formatKeyPath(path) || '(document)'}: ${issue.message}${more}`, file, position?.line, position?.column);
}

/** Reads a VEX file from disk with a size cap; the caller decides which files (from the base ref on PRs). */
export function loadVexFile(path: string): VexStatement[] {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new ParseError(`cannot read the VEX document (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`, path);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new ParseError('is not a regular file', path);
    if (stat.size > MAX_VEX_CHARS) throw new ParseError(`is larger than ${MAX_VEX_CHARS} bytes`, path);
    const buffer = Buffer.alloc(stat.size);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, length));
    } catch {
      throw new ParseError('is not valid UTF-8 text', path);
    }
    return parseVexDocument(text, path);
  } finally {
    closeSync(fd);
  }
}
