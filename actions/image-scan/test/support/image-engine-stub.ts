// Stub trivy and grype executables for the end-to-end tests: Node scripts (run through
// `#!/usr/bin/env node`, as the toolchain runs any executable) that accept only the calls a test
// expects — each an exact argv (an element may be { re } matching the whole argument, for paths made
// at run time) and, optionally, environment variables — record every call, and then behave as the
// engine would: write a recorded report, fail with the engine's own stderr, crash, hang, or print
// garbage. A call no step expects exits 97 and says why, so the engine ends incomplete and the test sees it.
import { existsSync, readFileSync } from 'node:fs';

export type ExpectedArg = string | { re: string };

export type StepAction =
  | { kind: 'ok'; stdout?: string }
  | { kind: 'report'; flag: string; content: string }
  | { kind: 'fail'; stderr: string; exitCode: number }
  | { kind: 'crash' }
  | { kind: 'hang' }
  | { kind: 'garbage'; flag: string; garbage: string };

export interface StubStep {
  argv: readonly ExpectedArg[];
  env?: Record<string, string>;
  action: StepAction;
}

export const STUB_MISMATCH_EXIT = 97;

export function imageEngineStub(name: string, callLog: string, steps: readonly StubStep[]): string {
  return `#!/usr/bin/env node
'use strict';
const fs = require('node:fs');
const steps = ${JSON.stringify(steps)};
const argv = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(callLog)}, JSON.stringify({ argv }) + '\\n');
const argMatches = (want, got) => (typeof want === 'string' ? want === got : new RegExp('^(?:' + want.re + ')$').test(got));
const step = steps.find((s) => s.argv.length === argv.length && s.argv.every((want, i) => argMatches(want, argv[i])));
if (!step) {
  process.stderr.write('stub ${name}: unexpected call ' + JSON.stringify(argv) + '\\n');
  process.exit(${STUB_MISMATCH_EXIT});
}
for (const [key, value] of Object.entries(step.env || {})) {
  if (process.env[key] !== value) {
    process.stderr.write('stub ${name}: ' + key + ' is ' + JSON.stringify(process.env[key]) + ', expected ' + JSON.stringify(value) + '\\n');
    process.exit(${STUB_MISMATCH_EXIT});
  }
}
const a = step.action;
const after = (flag) => argv[argv.indexOf(flag) + 1];
switch (a.kind) {
  case 'ok':
    process.stdout.write(a.stdout || '', () => process.exit(0));
    break;
  case 'report':
    fs.writeFileSync(after(a.flag), a.content);
    process.exit(0);
    break;
  case 'fail':
    process.stderr.write(a.stderr + '\\n', () => process.exit(a.exitCode));
    break;
  case 'crash':
    process.stderr.write('panic: runtime error: invalid memory address or nil pointer dereference\\n');
    process.kill(process.pid, 'SIGSEGV');
    break;
  case 'hang':
    setInterval(() => {}, 1000);
    break;
  case 'garbage':
    fs.writeFileSync(after(a.flag), a.garbage);
    process.exit(0);
    break;
}
`;
}

/** The argv of every call a stub recorded, in order. */
export function stubCalls(callLog: string): string[][] {
  if (!existsSync(callLog)) return [];
  return readFileSync(callLog, 'utf8').split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { argv: string[] }).argv);
}
