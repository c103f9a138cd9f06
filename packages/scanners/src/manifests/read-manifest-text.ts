import { ParseError } from '@gatehouse/findings';
import { readJsonReport } from '../json-document';

/** Lockfiles larger than this are refused: no real lockfile comes close, and the text is held in memory. */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/** JSON manifests are read like reports: UTF-16 and truncation are errors naming file, line and column. */
export function readManifestJson(text: string, manifest: string): unknown {
  if (text.length > MAX_MANIFEST_BYTES) throw new ParseError(`larger than ${MAX_MANIFEST_BYTES} bytes; refused`, manifest);
  return readJsonReport(text, manifest);
}
