import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a stub scanner does once its argv has been checked. */
export type StubBehaviour =
  /** Writes `content` to the path after `flag` in its argv (the tool's --report-path), exits with `exitCode`. */
  | { kind: 'report-file'; flag: string; content: string; exitCode: number }
  /** Prints `content` on stdout, exits with `exitCode`. */
  | { kind: 'stdout'; content: string; exitCode: number; stderr?: string }
  /** Kills itself with SIGSEGV. */
  | { kind: 'crash' }
  /** Never exits. */
  | { kind: 'hang' }
  /** Prints `bytes` bytes on stdout. */
  | { kind: 'flood'; bytes: number }
  /** Prints a last stderr line and exits with `code`, writing nothing. */
  | { kind: 'exit'; code: number; stderr: string };

/** Exit code of a stub given an argv it did not expect: no scanner uses it, so a test sees the mismatch. */
export const ARGV_MISMATCH_EXIT = 97;

/**
 * Writes an executable Node script standing in for a scanner that is not installed here. It
 * asserts the exact argv (else prints both and exits 97), then does what `behaviour` says.
 */
export function writeStubExecutable(dir: string, name: string, expectedArgv: readonly string[], behaviour: StubBehaviour): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  const source = `#!/usr/bin/env node
const fs = require('node:fs');
const expected = ${JSON.stringify(expectedArgv)};
const actual = process.argv.slice(2);
if (JSON.stringify(actual) !== JSON.stringify(expected)) {
  process.stderr.write('stub ${name}: unexpected argv\\n  expected ' + JSON.stringify(expected) + '\\n  actual   ' + JSON.stringify(actual) + '\\n');
  process.exit(${ARGV_MISMATCH_EXIT});
}
const behaviour = ${JSON.stringify(behaviour)};
switch (behaviour.kind) {
  case 'report-file': {
    const at = actual.indexOf(behaviour.flag);
    fs.writeFileSync(actual[at + 1], behaviour.content);
    process.exit(behaviour.exitCode);
  }
  case 'stdout':
    if (behaviour.stderr) process.stderr.write(behaviour.stderr);
    process.stdout.write(behaviour.content, () => process.exit(behaviour.exitCode));
    break;
  case 'crash':
    process.kill(process.pid, 'SIGSEGV');
    break;
  case 'hang':
    setInterval(() => {}, 1000);
    break;
  case 'flood': {
    const chunk = Buffer.alloc(65536, 120);
    let left = behaviour.bytes;
    const write = () => {
      while (left > 0) {
        left -= chunk.length;
        if (!process.stdout.write(chunk)) return process.stdout.once('drain', write);
      }
    };
    write();
    break;
  }
  case 'exit':
    process.stderr.write(behaviour.stderr + '\\n');
    process.exit(behaviour.code);
}
`;
  writeFileSync(path, source);
  chmodSync(path, 0o755);
  return path;
}
