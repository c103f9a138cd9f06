import { existsSync, readFileSync } from 'node:fs';

// The text of a stub scanner for end-to-end tests of scanning actions: a Node script (run through
// `#!/usr/bin/env node`, as the toolchain runs any executable) that asserts its argv, records each
// call, and then behaves like the scanner would (a recorded report), or crashes, hangs, or prints
// garbage. Seed it with SeededToolCache, where the action's toolchain finds pinned engines.
//
// Report paths and private directories are made at run time inside RUNNER_TEMP, so an expected
// argument may be a pattern: { re: '…' } must match the whole argument.

export type ExpectedArg = string | { re: string };

export type StubAction =
  /** Writes `content` to the path following `flag`, exits with `exitCode`. */
  | { kind: 'report-file'; flag: string; content: string; exitCode: number }
  /** Prints `content` on stdout, exits with `exitCode`. */
  | { kind: 'stdout'; content: string; exitCode: number }
  /** Kills itself with SIGSEGV, as a crashing Go or Python runtime does. */
  | { kind: 'crash'; stderr?: string }
  /** Never exits. */
  | { kind: 'hang' }
  /** Writes `garbage` where its report goes (after `flag`, else stdout) and exits with `exitCode`. */
  | { kind: 'garbage'; flag?: string; garbage: string; exitCode: number };

export interface StubScannerSpec {
  name: string;
  /** The exact argv, element by element; null accepts any argv (still recorded). */
  argv: readonly ExpectedArg[] | null;
  /** Absolute path of a JSON-lines file where every call is recorded: `{ argv, cwd }`. */
  callLog: string;
  /** Files named by the argument after a flag, checked before acting: each must contain every `contains` text and none of `lacks`. */
  files?: readonly { flag: string; contains?: readonly string[]; lacks?: readonly string[] }[];
  action: StubAction;
}

/** Exit code of a stub whose expectations failed: no scanner uses it, so a test sees the mismatch. */
export const STUB_MISMATCH_EXIT = 97;

export function stubScannerScript(spec: StubScannerSpec): string {
  return `#!/usr/bin/env node
'use strict';
const fs = require('node:fs');
const spec = ${JSON.stringify(spec)};
const argv = process.argv.slice(2);
fs.appendFileSync(spec.callLog, JSON.stringify({ argv, cwd: process.cwd() }) + '\\n');
const fail = (why) => {
  process.stderr.write('stub ' + spec.name + ': ' + why + '\\n  expected ' + JSON.stringify(spec.argv) + '\\n  actual   ' + JSON.stringify(argv) + '\\n');
  process.exit(${STUB_MISMATCH_EXIT});
};
if (spec.argv !== null) {
  if (argv.length !== spec.argv.length) fail('argv has ' + argv.length + ' arguments, expected ' + spec.argv.length);
  spec.argv.forEach((want, i) => {
    const ok = typeof want === 'string' ? argv[i] === want : new RegExp('^(?:' + want.re + ')$').test(argv[i]);
    if (!ok) fail('argument ' + i + ' is ' + JSON.stringify(argv[i]));
  });
}
for (const check of spec.files || []) {
  const at = argv.indexOf(check.flag);
  if (at < 0) fail('no ' + check.flag);
  const text = fs.readFileSync(argv[at + 1], 'utf8');
  for (const want of check.contains || []) if (!text.includes(want)) fail(check.flag + ' file lacks ' + JSON.stringify(want));
  for (const unwanted of check.lacks || []) if (text.includes(unwanted)) fail(check.flag + ' file holds ' + JSON.stringify(unwanted));
}
const action = spec.action;
switch (action.kind) {
  case 'report-file':
    fs.writeFileSync(argv[argv.indexOf(action.flag) + 1], action.content);
    process.exit(action.exitCode);
    break;
  case 'stdout':
    process.stdout.write(action.content, () => process.exit(action.exitCode));
    break;
  case 'crash':
    if (action.stderr) process.stderr.write(action.stderr + '\\n');
    process.kill(process.pid, 'SIGSEGV');
    break;
  case 'hang':
    setInterval(() => {}, 1000);
    break;
  case 'garbage':
    if (action.flag) fs.writeFileSync(argv[argv.indexOf(action.flag) + 1], action.garbage);
    else process.stdout.write(action.garbage);
    process.exitCode = action.exitCode;
    break;
}
`;
}

/** The calls a stub recorded, in order (none when it never ran). */
export function stubCalls(callLog: string): { argv: string[]; cwd: string }[] {
  if (!existsSync(callLog)) return [];
  return readFileSync(callLog, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { argv: string[]; cwd: string });
}
