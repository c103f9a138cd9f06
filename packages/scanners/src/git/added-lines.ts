import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { AddedLinesParser, COMMIT_FORMAT, type AddedLine, type DiffCommit } from './added-lines-parser';
import { assertSafeRevisionArgs } from './revision-args';
import { runGit } from './run-git';

/**
 * The added lines of a range of commits (or of the index), written as JSON lines for the secretlint
 * runner's `--added-lines`:
 *
 *   {"type":"commit","sha":"…","author":"Name","email":"a@b","date":"2024-…"}
 *   {"type":"file","commit":"…","path":"src/a.env","lines":[[3,"TOKEN=…"],[4,"…"]]}
 *
 * One `file` record per file per commit, after its commit's record. The file holds source text
 * (secrets included): it is written 0600 into the run's private directory and deleted with it.
 */
export type AddedLinesSource = { kind: 'range'; revisionArgs: readonly string[] } | { kind: 'staged' };

export interface AddedLinesStats {
  commits: number;
  files: number;
  lines: number;
}

export interface AddedLinesOptions {
  /** A private directory for git's raw output (deleted after reading). */
  workDir: string;
  timeoutMs?: number;
  /** Most bytes of `git log -p` output accepted; more makes the scan fail (incomplete), never silently short. */
  maxPatchBytes?: number;
}

const DIFF_OPTIONS = ['-U0', '--no-color', '--no-ext-diff', '--no-textconv', '--find-renames', '--src-prefix=a/', '--dst-prefix=b/'];

export function gitArgsFor(source: AddedLinesSource): string[] {
  if (source.kind === 'staged') return ['diff', '--cached', ...DIFF_OPTIONS, '--'];
  assertSafeRevisionArgs(source.revisionArgs);
  return ['log', '-p', '--cc', ...DIFF_OPTIONS, `--format=${COMMIT_FORMAT}`, ...source.revisionArgs, '--'];
}

/** Writes records while keeping one file's lines at a time in memory. */
class JsonLinesWriter {
  private current: { commit?: string; path: string; lines: [number, string][] } | undefined;
  readonly stats: AddedLinesStats = { commits: 0, files: 0, lines: 0 };

  constructor(private readonly out: WriteStream) {}

  commit(c: DiffCommit): void {
    this.flush();
    this.stats.commits++;
    this.write({ type: 'commit', sha: c.sha, author: c.authorName, email: c.authorEmail, date: c.date });
  }

  line(l: AddedLine): void {
    if (!this.current || this.current.commit !== l.commit || this.current.path !== l.path) {
      this.flush();
      this.current = { ...(l.commit ? { commit: l.commit } : {}), path: l.path, lines: [] };
    }
    this.current.lines.push([l.line, l.text]);
    this.stats.lines++;
  }

  flush(): void {
    if (!this.current) return;
    this.stats.files++;
    this.write({ type: 'file', ...this.current });
    this.current = undefined;
  }

  /** Resolves when the output has room again (backpressure: a long history is never held in memory). */
  async drained(): Promise<void> {
    if (this.out.writableNeedDrain) await once(this.out, 'drain');
  }

  private write(record: object): void {
    this.out.write(`${JSON.stringify(record)}\n`);
  }
}

async function splitLines(path: string, onLine: (line: string) => void, afterChunk: () => Promise<void>): Promise<void> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of createReadStream(path)) {
    const text = rest + decoder.write(chunk as Buffer);
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
      onLine(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
    await afterChunk();
  }
  rest += decoder.end();
  if (rest !== '') onLine(rest);
}

/** Runs git (streaming its output to a private file), then writes the added lines to `outFile`. */
export async function writeAddedLines(workspace: string, source: AddedLinesSource, outFile: string, options: AddedLinesOptions): Promise<AddedLinesStats> {
  const patch = join(options.workDir, `git-${source.kind}.patch`);
  try {
    await runGit(workspace, gitArgsFor(source), {
      stdoutPath: patch,
      timeoutMs: options.timeoutMs ?? 15 * 60_000,
      outputCapBytes: options.maxPatchBytes ?? 2 * 1024 * 1024 * 1024,
    });
    const out = createWriteStream(outFile, { mode: 0o600 });
    const writer = new JsonLinesWriter(out);
    const parser = new AddedLinesParser(writer);
    await splitLines(patch, (line) => parser.push(line), () => writer.drained());
    writer.flush();
    await new Promise<void>((resolve, reject) => {
      out.on('error', reject);
      out.end(resolve);
    });
    return writer.stats;
  } finally {
    await rm(patch, { force: true });
  }
}
