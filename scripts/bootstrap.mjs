// Makes a fresh clone runnable: installs the locked dependencies with the pinned pnpm when they are
// missing or stale, then builds what is not committed (the CLI bundle). Idempotent and quick when
// nothing changed, so both Quick start commands can start with it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { pnpm } from './pnpm.mjs';

const root = new URL('..', import.meta.url);
const lockHash = createHash('sha256').update(readFileSync(new URL('pnpm-lock.yaml', root))).digest('hex');
const marker = new URL('node_modules/.gatehouse-installed', root);
const installed = existsSync(marker) && readFileSync(marker, 'utf8') === lockHash;

if (!installed) {
  console.error('bootstrap: installing locked dependencies…');
  pnpm(['install', '--frozen-lockfile', '--reporter=append-only']);
  writeFileSync(marker, lockHash);
}

const { buildCli } = await import('./build.mjs');
await buildCli();
