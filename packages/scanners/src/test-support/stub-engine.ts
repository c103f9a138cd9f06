import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a stub engine does once its argv matched. */
export type StubBehaviour =
  | { kind: 'report'; report: string; to: 'stdout' | { argAfter: string }; exitCode: number }
  | { kind: 'no-report'; exitCode: number; stderr?: string }
  | { kind: 'crash' }
  | { kind: 'hang' }
  | { kind: 'flood'; bytes: number };

/** Exit code a stub uses when its argv is not the expected one: no engine uses it. */
export const ARGV_MISMATCH_EXIT = 97;

/**
 * Writes a stub engine: a Node script (shebang `#!/usr/bin/env node`) that checks it received
 * exactly `expectArgv` (and, when given, runs in `expectCwd`), exiting 97 with both argvs on stderr
 * otherwise, then behaves as told: writes a recorded report (to stdout or to the path following a
 * flag), exits without one, crashes with SIGSEGV, hangs, or floods stdout.
 */
export function writeStubEngine(dir: string, name: string, expectArgv: readonly string[], behaviour: StubBehaviour, expectCwd?: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  const source = `#!/usr/bin/env node
const expected = ${JSON.stringify(expectArgv)};
const actual = process.argv.slice(2);
if (JSON.stringify(actual) !== JSON.stringify(expected)) {
  process.stderr.write('stub ${name}: unexpected argv\\nexpected ' + JSON.stringify(expected) + '\\nactual   ' + JSON.stringify(actual) + '\\n');
  process.exit(${ARGV_MISMATCH_EXIT});
}
const expectCwd = ${JSON.stringify(expectCwd ?? null)};
if (expectCwd !== null && process.cwd() !== expectCwd) {
  process.stderr.write('stub ${name}: ran in ' + process.cwd() + ', expected ' + expectCwd + '\\n');
  process.exit(${ARGV_MISMATCH_EXIT});
}
const behaviour = ${JSON.stringify(behaviour)};
const fs = require('node:fs');
switch (behaviour.kind) {
  case 'report': {
    if (behaviour.to === 'stdout') process.stdout.write(behaviour.report);
    else fs.writeFileSync(actual[actual.indexOf(behaviour.to.argAfter) + 1], behaviour.report);
    process.exitCode = behaviour.exitCode;
    break;
  }
  case 'no-report':
    if (behaviour.stderr) process.stderr.write(behaviour.stderr);
    process.exit(behaviour.exitCode);
  case 'crash':
    process.kill(process.pid, 'SIGSEGV');
    break;
  case 'hang':
    setInterval(() => {}, 1000);
    break;
  case 'flood': {
    const chunk = Buffer.alloc(65536, 120);
    let left = behaviour.bytes;
    const write = () => { while (left > 0) { left -= chunk.length; if (!process.stdout.write(chunk)) return process.stdout.once('drain', write); } };
    write();
    break;
  }
}
`;
  writeFileSync(path, source);
  chmodSync(path, 0o755);
  return path;
}
