import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { lintAddedLines } from './added-lines-input';
import { collectFiles, loadIgnore } from './collect-files';
import { lintText } from './lint-text';
import { notScannedResult, RUNNER_RULE_ID, type RunnerFileResult } from './report-format';

export const DEFAULT_MAX_FILE_BYTES = 25 * 1024 * 1024;
const CONCURRENCY = 8;

export interface RunnerIo {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
}

interface RunnerArgs {
  targets: string[];
  output?: string;
  filesFrom?: string;
  ignoreFile?: string;
  stdinFileName?: string;
  addedLines?: string;
  maxFileBytes: number;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): RunnerArgs {
  const args: RunnerArgs = { targets: [], maxFileBytes: DEFAULT_MAX_FILE_BYTES };
  const value = (i: number, flag: string) => {
    const v = argv[i + 1];
    if (v === undefined) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      args.targets.push(...argv.slice(i + 1));
      break;
    }
    switch (arg) {
      case '--format': {
        const format = value(i++, arg);
        if (format !== 'json') throw new UsageError(`only --format json is supported, not ${format}`);
        break;
      }
      case '--output':
        args.output = value(i++, arg);
        break;
      case '--files-from':
        args.filesFrom = value(i++, arg);
        break;
      case '--ignore-file':
        args.ignoreFile = value(i++, arg);
        break;
      case '--stdin-file-name':
        args.stdinFileName = value(i++, arg);
        break;
      case '--added-lines':
        args.addedLines = value(i++, arg);
        break;
      case '--max-file-bytes': {
        const n = Number(value(i++, arg));
        if (!Number.isInteger(n) || n <= 0) throw new UsageError('--max-file-bytes needs a positive integer');
        args.maxFileBytes = n;
        break;
      }
      default:
        if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
        args.targets.push(arg);
    }
  }
  return args;
}

/** Binary as git decides it: a NUL byte in the first 8000 bytes. */
const looksBinary = (bytes: Buffer) => bytes.subarray(0, 8000).includes(0);

async function lintFile(path: string, cwd: string, maxBytes: number): Promise<RunnerFileResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(resolve(cwd, path));
  } catch (error) {
    return notScannedResult(path, `file cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (bytes.length > maxBytes) return notScannedResult(path, `file is ${bytes.length} bytes, more than the ${maxBytes}-byte limit; not scanned`);
  try {
    return await lintText(bytes.toString('utf8'), path, looksBinary(bytes) ? 'binary' : 'text');
  } catch (error) {
    return notScannedResult(path, `a rule failed on this file: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * The runner's command line: `[--format json] [--output FILE] [--files-from FILE]
 * [--ignore-file FILE] [--stdin-file-name NAME] [--added-lines FILE] [--max-file-bytes N] [--] TARGET...`.
 * `--added-lines` lints the lines a range of commits added (see added-lines-input.ts) instead of files.
 * Exit codes as secretlint's: 0 nothing found, 1 something to report (a secret not suppressed,
 * or a file that could not be scanned), 2 the runner itself failed.
 */
export async function runSecretlintRunner(argv: readonly string[], io: RunnerIo): Promise<number> {
  try {
    const args = parseArgs(argv);
    let results: RunnerFileResult[];
    if (args.stdinFileName !== undefined) {
      results = [await lintText(await io.readStdin(), args.stdinFileName)];
    } else if (args.addedLines !== undefined) {
      if (args.targets.length > 0 || args.filesFrom) throw new UsageError('--added-lines takes no other targets');
      results = await lintAddedLines(resolve(io.cwd, args.addedLines), loadIgnore(io.cwd, args.ignoreFile));
    } else {
      const targets = [...args.targets];
      if (args.filesFrom) {
        const list = await readFile(resolve(io.cwd, args.filesFrom), 'utf8');
        // A loop, not push(...lines): a list of a million files must not overflow the stack.
        for (const line of list.split(/\r?\n/)) if (line.trim() !== '') targets.push(line);
      }
      if (targets.length === 0) throw new UsageError('no files or directories to scan');
      const collected = await collectFiles(targets, io.cwd, loadIgnore(io.cwd, args.ignoreFile));
      results = [
        ...collected.problems.map((p) => notScannedResult(p.path, p.reason)),
        ...(await mapLimited(collected.files, CONCURRENCY, (file) => lintFile(file, io.cwd, args.maxFileBytes))),
      ];
    }
    const json = JSON.stringify(results);
    if (args.output) await writeFile(resolve(io.cwd, args.output), json, { mode: 0o600 });
    else io.stdout(json);
    const reportable = results.some((r) => r.messages.some((m) => !m.gatehouse?.suppressedBy || m.ruleId === RUNNER_RULE_ID));
    return reportable ? 1 : 0;
  } catch (error) {
    io.stderr(`gatehouse secretlint runner: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}
