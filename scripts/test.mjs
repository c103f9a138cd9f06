// npm test: typecheck, then every vitest test; ends with the line "N passed, N failed".
// Extra arguments go to vitest (e.g. `npm test -- packages/findings`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const bin = (name) => new URL(`node_modules/.bin/${name}`, root).pathname;
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status;

const extra = process.argv.slice(2);
let failed = 0;

if (extra.length === 0) {
  console.error('typecheck: tsc --noEmit');
  if (run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']) !== 0) {
    console.error('typecheck failed');
    failed += 1;
  }
}

mkdirSync(new URL('.vitest/', root), { recursive: true });
const resultsFile = new URL('.vitest/results.json', root);
rmSync(resultsFile, { force: true });
const status = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile.pathname}`, ...extra]);

let passed = 0;
if (existsSync(resultsFile)) {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  passed = results.numPassedTests;
  failed += results.numFailedTests;
  // A file that fails to load has no failed test of its own; count it so it cannot pass unnoticed.
  failed += results.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
} else {
  failed += 1;
}
if (status !== 0 && failed === 0) failed = 1;
const line = `${passed} passed, ${failed} failed`;
writeFileSync(new URL('.vitest/summary.txt', root), `${line}\n`);
console.log(line);
process.exit(failed === 0 ? 0 : 1);
