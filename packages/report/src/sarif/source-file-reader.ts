import { errorMessage, type Logger } from '@gatehouse/findings';
import { lineHashes } from './line-hash';

/** Reads a whole workspace file (repository-relative path) as `readFileSync(path, 'utf8')` would, or undefined. */
export type SourceFileReader = (path: string) => string | undefined;

/** Reads one line (1-based) of a workspace file, or undefined (the reader `finalizeFindings` takes). */
export type SourceLineReader = (path: string, line: number) => string | undefined;

const MAX_LINES_FROM_LINE_READER = 1_000_000;

/**
 * Line hashes per file, each file read and hashed once however many findings point into it.
 *
 * The exact hash needs the whole file (see line-hash.ts). Given only a line reader, the file is
 * rebuilt line by line with `\n` line ends and a final newline: identical to GitHub's result for
 * files that end with a newline, which is the common case; the last lines of a file without one can
 * differ. Prefer a file reader.
 */
export class LineHashCache {
  private readonly byPath = new Map<string, string[] | null>();

  constructor(
    private readonly readFile: SourceFileReader | undefined,
    private readonly readLine: SourceLineReader | undefined,
    private readonly logger?: Logger,
  ) {}

  get available(): boolean {
    return this.readFile !== undefined || this.readLine !== undefined;
  }

  hashOf(path: string, line: number): string | undefined {
    if (!this.available) return undefined;
    let hashes = this.byPath.get(path);
    if (hashes === undefined) {
      const content = this.content(path);
      hashes = content === undefined ? null : lineHashes(content);
      this.byPath.set(path, hashes);
    }
    return hashes?.[line - 1];
  }

  private content(path: string): string | undefined {
    try {
      if (this.readFile) return this.readFile(path);
      if (this.readLine) return rebuildFromLines(path, this.readLine);
    } catch (error) {
      this.logger?.debug(`SARIF fingerprint: could not read ${path}: ${errorMessage(error)}`);
    }
    return undefined;
  }
}

function rebuildFromLines(path: string, readLine: SourceLineReader): string | undefined {
  const lines: string[] = [];
  for (let n = 1; n <= MAX_LINES_FROM_LINE_READER; n += 1) {
    const line = readLine(path, n);
    if (line === undefined) break;
    lines.push(line);
  }
  return lines.length === 0 ? undefined : `${lines.join('\n')}\n`;
}
