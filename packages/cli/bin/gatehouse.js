#!/usr/bin/env node
// The published bin: runs the bundled CLI. The bundle is built by `npm run bootstrap` (or `pnpm build`).
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/gatehouse.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('gatehouse: the CLI is not built yet; run `npm run bootstrap` at the repository root\n');
  process.exit(2);
}
await import(bundle.href);
