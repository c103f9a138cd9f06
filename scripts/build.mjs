// pnpm build: every action bundle (committed) and the local bundles (the CLI). `--local` builds only the latter.
import { build } from 'esbuild';
import { actionTargets, bundleOptions, localTargets } from './build-targets.mjs';

async function buildAll(targets) {
  for (const { name, ...target } of targets) {
    await build({ ...bundleOptions, ...target });
    console.error(`built ${name}`);
  }
}

export async function buildCli() {
  await buildAll(localTargets());
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const localOnly = process.argv.includes('--local');
  await buildAll(localOnly ? localTargets() : [...actionTargets(), ...localTargets()]);
}
