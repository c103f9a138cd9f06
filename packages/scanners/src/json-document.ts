import { lineColumnAt, ParseError, parseJsonDocument } from '@gatehouse/findings';

// JSON reading with positioned errors lives in packages/findings (policy and VEX need it too).
export { isJsonObject, lineColumnAt, parseJsonDocument, parseJsonLines, type JsonLinesResult } from '@gatehouse/findings';

/**
 * A report's text as JSON, refusing text that was decoded from UTF-16 as if it were UTF-8 (BOM
 * remnants, replacement characters, NULs between characters): adapters get strings from callers
 * that may not have gone through `decodeReport`.
 */
export function readJsonReport(content: string, file: string): unknown {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  if (/^[\ufffd\ufeff\ufffe]{1,2}/.test(text) || /^.?\u0000/.test(text)) {
    throw new ParseError('report looks UTF-16 encoded; write it as UTF-8', file, 1, 1);
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const { line, column } = lineColumnAt(text, nul);
    throw new ParseError('report holds a NUL character; not a text report (UTF-16?)', file, line, column);
  }
  return parseJsonDocument(text, file);
}
