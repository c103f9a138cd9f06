import { ParseError } from './errors';

/** Line and column (1-based) of a character offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

function offsetFromMessage(message: string, text: string): number | undefined {
  const position = /position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) {
    let offset = 0;
    for (let line = 1; line < Number(lineCol[1]); line++) offset = text.indexOf('\n', offset) + 1;
    return offset + Number(lineCol[2]) - 1;
  }
  if (/Unexpected end of JSON input/.test(message)) return text.length;
  return undefined;
}

/**
 * V8's JSON.parse messages quote up to ten characters of the text around the error
 * (`Unexpected token 'g', ..."abc", g"... is not valid JSON`). In a secret scanner's report that
 * can be part of a secret, so the quote (and the position, given separately) is left out.
 */
export function withoutQuotedText(message: string): string {
  return message.replace(/\s+in JSON at position \d+.*$/s, '').replace(/,\s*(?:\.\.\.)?".*$/s, '');
}

/** JSON.parse with an error that names the file, line and column, and says "truncated" when it is. */
export function parseJsonDocument(text: string, file: string): unknown {
  if (text.trim() === '') throw new ParseError('report is empty', file);
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof RangeError) throw new ParseError('report is nested too deeply to read', file);
    const message = error instanceof Error ? error.message : String(error);
    const offset = offsetFromMessage(message, text);
    const truncated = offset !== undefined && offset >= text.trimEnd().length;
    const reason = truncated ? 'report is truncated (JSON ends early)' : `invalid JSON: ${withoutQuotedText(message)}`;
    if (offset === undefined) throw new ParseError(reason, file);
    const { line, column } = lineColumnAt(text, offset);
    throw new ParseError(reason, file, line, column);
  }
}

export interface JsonLinesResult {
  records: { line: number; value: unknown }[];
  errors: { line: number; reason: string }[];
}

/** JSON lines: each non-empty line one document. A bad line is an error of its own; the others still count. */
export function parseJsonLines(text: string): JsonLinesResult {
  const result: JsonLinesResult = { records: [], errors: [] };
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    try {
      result.records.push({ line: index + 1, value: JSON.parse(line) });
    } catch (error) {
      result.errors.push({ line: index + 1, reason: withoutQuotedText(error instanceof Error ? error.message : String(error)) });
    }
  });
  return result;
}

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
