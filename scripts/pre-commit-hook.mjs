#!/usr/bin/env node
// The entry of Gatehouse's pre-commit hook (`language: script` in .pre-commit-hooks.yaml). pre-commit
// clones this repository into its cache and runs this file from the user's repository. `language: node`
// cannot work here: it runs `npm install` on the root package, whose workspace dependencies npm refuses.
// So the hook bootstraps its clone the way the Quick start does (the pinned pnpm through npx; quick
// once installed), then scans what is staged in the user's repository.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bootstrap = spawnSync(process.execPath, [`${root}scripts/bootstrap.mjs`], { stdio: ['ignore', process.stderr, 'inherit'] });
if (bootstrap.status !== 0) {
  console.error('gatehouse pre-commit hook: could not install Gatehouse in the pre-commit cache (see above); the commit is not checked');
  process.exit(2);
}
const scan = spawnSync(process.execPath, [`${root}packages/cli/bin/gatehouse.js`, 'scan', '--staged', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(scan.status ?? 2);
