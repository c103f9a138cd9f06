import { LineCounter, parseDocument } from 'yaml';
import { ParseError, parseJsonDocument } from '@gatehouse/findings';
import { YamlPositions, type SourcePosition } from '../load/yaml-positions';

/** VEX documents can embed a whole SBOM; beyond this they are refused rather than read. */
export const MAX_VEX_CHARS = 64 * 1024 * 1024;

/** JSON.parse with an error that names the file, line and column (and says "truncated" when it is). */
export function parseJsonText(text: string, file: string): unknown {
  if (text.length > MAX_VEX_CHARS) throw new ParseError(`is larger than ${MAX_VEX_CHARS} characters`, file);
  return parseJsonDocument(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file);
}

/** Above this, an error names the key path without a line: re-reading a huge document to place it costs too much. */
const MAX_POSITION_LOOKUP_CHARS = 8 * 1024 * 1024;

/**
 * Where a key path is in a JSON text. Only called on the error path: YAML (a superset of JSON) keeps
 * node positions, which JSON.parse does not, at a cost we pay only when there is an error to place.
 */
export function jsonPositionOf(text: string, path: readonly (string | number)[]): SourcePosition | undefined {
  if (text.length > MAX_POSITION_LOOKUP_CHARS) return undefined;
  try {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, logLevel: 'silent' });
    return new YamlPositions(doc, lineCounter).valueAt(path);
  } catch {
    return undefined;
  }
}
