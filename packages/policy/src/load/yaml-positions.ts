import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export interface SourcePosition {
  line: number;
  column: number;
}

type PathSegment = string | number;

/**
 * Maps a key path of the parsed data (as zod reports it) back to where it is written in the YAML.
 * It walks the node tree as far as the path exists: a value that is wrong points at the value, an
 * unknown key at the key, and a missing key at the mapping that should hold it.
 */
export class YamlPositions {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  at(offset: number): SourcePosition {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  /** Where the value at `path` is written (or the closest enclosing node that exists). */
  valueAt(path: readonly PathSegment[]): SourcePosition {
    return this.at(this.walk(path).valueOffset);
  }

  /** Where the key at the end of `path` is written (for unknown keys); falls back to the value. */
  keyAt(path: readonly PathSegment[]): SourcePosition {
    const found = this.walk(path);
    return this.at(found.complete && found.keyOffset !== undefined ? found.keyOffset : found.valueOffset);
  }

  private walk(path: readonly PathSegment[]): { valueOffset: number; keyOffset?: number; complete: boolean } {
    let node: unknown = this.doc.contents;
    let valueOffset = offsetOf(node) ?? 0;
    let keyOffset: number | undefined;
    for (const segment of path) {
      keyOffset = undefined;
      let next: unknown;
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && keyText(item.key) === String(segment));
        if (!pair) return { valueOffset, complete: false };
        keyOffset = offsetOf(pair.key);
        // `key:` with nothing after it has a null value node with no range of its own.
        next = pair.value;
        const offset = offsetOf(next) ?? keyOffset;
        if (offset === undefined) return { valueOffset, complete: false };
        valueOffset = offset;
      } else if (isSeq(node) && typeof segment === 'number') {
        next = node.items[segment];
        const offset = offsetOf(next);
        if (offset === undefined) return { valueOffset, complete: false };
        valueOffset = offset;
      } else {
        return { valueOffset, complete: false };
      }
      node = next;
    }
    return { valueOffset, ...(keyOffset === undefined ? {} : { keyOffset }), complete: true };
  }
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function offsetOf(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
