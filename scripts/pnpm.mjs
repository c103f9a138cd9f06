// The pinned pnpm, run through npx so a fresh machine needs only Node and npm.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const pinned = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).packageManager.split('+')[0];

export function pnpm(args, options = {}) {
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const result = spawnSync(npx, ['-y', pinned, ...args], { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`${pinned} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}
