import { ParseError } from '@gatehouse/findings';

/** Just under V8's maximum string length: a whole document beyond it cannot be held as one string. */
export const MAX_WHOLE_DOCUMENT_BYTES = 0x1fff_ffe8 - 1024;

/**
 * Turns a report's bytes into text, refusing what is not UTF-8: scanners write UTF-8, and a report
 * in UTF-16 (PowerShell's `>` redirect) or binary garbage must be an error naming the file, never
 * "0 findings".
 */
export function decodeReport(bytes: Uint8Array, file: string): string {
  if (bytes.length > MAX_WHOLE_DOCUMENT_BYTES) {
    throw new ParseError(
      `report is ${bytes.length} bytes, more than one document can hold in memory; write it as JSON lines or split it`,
      file,
    );
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new ParseError('report is UTF-16 encoded; write it as UTF-8 (e.g. `Out-File -Encoding utf8`)', file);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const likelyUtf16 = bytes.length > 1 && (bytes[1] === 0 || bytes[0] === 0);
    throw new ParseError(
      likelyUtf16 ? 'report looks UTF-16 encoded (NUL bytes between characters); write it as UTF-8' : `report holds a NUL byte at offset ${nul}; not a text report`,
      file,
      ...positionOf(bytes, nul),
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ParseError('report is not valid UTF-8', file);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function positionOf(bytes: Uint8Array, offset: number): [number, number] {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return [line, offset - lineStart + 1];
}
