import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { Ignore } from 'ignore';
import { lintText } from './lint-text';
import { notScannedResult, type RunnerFileResult } from './report-format';

/**
 * The runner's `--added-lines FILE`: the lines a range of commits (or the index) added, as
 * packages/scanners/src/git/added-lines.ts writes them. Each file of each commit is linted as a text
 * whose line N is the added line N and whose other lines are empty, so line numbers (and multi-line
 * secrets added together, such as PEM keys) are exactly those of the commit, and each result names
 * its commit and author.
 */

interface CommitRecord {
  type: 'commit';
  sha: string;
  author?: string;
  email?: string;
  date?: string;
}

interface FileRecord {
  type: 'file';
  commit?: string;
  path: string;
  lines: [number, string][];
}

/** Lines beyond this in one file are not rebuilt (a generated file of millions of lines): the file is reported as not scanned. */
const MAX_LINE_NUMBER = 5_000_000;

function isFileRecord(value: unknown): value is FileRecord {
  const v = value as FileRecord;
  return (
    typeof v === 'object' && v !== null && v.type === 'file' && typeof v.path === 'string' && v.path !== '' && Array.isArray(v.lines) &&
    (v.commit === undefined || typeof v.commit === 'string') &&
    v.lines.every((l) => Array.isArray(l) && Number.isInteger(l[0]) && l[0] >= 1 && typeof l[1] === 'string')
  );
}

function isCommitRecord(value: unknown): value is CommitRecord {
  const v = value as CommitRecord;
  return typeof v === 'object' && v !== null && v.type === 'commit' && typeof v.sha === 'string';
}

/** A text holding the added lines at their own line numbers. */
export function textOfAddedLines(lines: readonly [number, string][]): string {
  const max = lines.reduce((m, [n]) => Math.max(m, n), 0);
  const out = new Array<string>(max).fill('');
  for (const [n, text] of lines) out[n - 1] = text;
  return out.join('\n');
}

/** JSON.parse, with an error that does not quote the text (it is source code, secrets included). */
function parseRecord(text: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`--added-lines: line ${line} is not JSON`);
  }
}

async function* records(path: string): AsyncGenerator<{ line: number; value: unknown }> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let lineNo = 0;
  for await (const chunk of createReadStream(path)) {
    const text = rest + decoder.write(chunk as Buffer);
    const parts = text.split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) {
      lineNo++;
      if (part.trim() !== '') yield { line: lineNo, value: parseRecord(part, lineNo) };
    }
  }
  rest += decoder.end();
  if (rest.trim() !== '') yield { line: lineNo + 1, value: parseRecord(rest, lineNo + 1) };
}

/**
 * Lints every file record of the added-lines file. Only files with messages are returned (a
 * history has far more clean files than findings). A malformed line is a runner failure: the
 * file is ours, so it never is.
 */
export async function lintAddedLines(path: string, ignore: Ignore): Promise<RunnerFileResult[]> {
  const commits = new Map<string, CommitRecord>();
  const results: RunnerFileResult[] = [];
  for await (const { line, value } of records(path)) {
    if (isCommitRecord(value)) {
      commits.set(value.sha, value);
      continue;
    }
    if (!isFileRecord(value)) throw new Error(`--added-lines: line ${line} is neither a commit nor a file record`);
    if (ignore.ignores(value.path)) continue;
    const commit = value.commit !== undefined ? commits.get(value.commit) : undefined;
    const origin = {
      ...(value.commit ? { commit: value.commit } : {}),
      ...(commit?.author ? { author: commit.author } : {}),
      ...(commit?.email ? { email: commit.email } : {}),
      ...(commit?.date ? { committedAt: commit.date } : {}),
    };
    const maxLine = value.lines.reduce((m, [n]) => Math.max(m, n), 0);
    let result: RunnerFileResult;
    if (maxLine > MAX_LINE_NUMBER) {
      result = notScannedResult(value.path, `added lines up to line ${maxLine}, beyond the ${MAX_LINE_NUMBER}-line limit; not scanned`);
    } else {
      try {
        result = await lintText(textOfAddedLines(value.lines), value.path);
      } catch (error) {
        result = notScannedResult(value.path, `a rule failed on this file: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (result.messages.length > 0) results.push({ ...result, ...(Object.keys(origin).length > 0 ? { gatehouse: origin } : {}) });
  }
  return results;
}
