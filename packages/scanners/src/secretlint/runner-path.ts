import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CommandError } from '@gatehouse/toolchain';

/** Overrides where the runner bundle is looked for (e.g. an action that ships it elsewhere). */
export const SECRETLINT_RUNNER_ENV = 'GATEHOUSE_SECRETLINT_RUNNER';

/**
 * Where the bundled secretlint runner is: `$GATEHOUSE_SECRETLINT_RUNNER`; else, from source,
 * packages/scanners/dist/secretlint-runner.js (built by `node scripts/build.mjs --local`, which
 * bootstrap runs); else, from a bundle, the file next to it, or packages/scanners/dist seen from
 * packages/cli/dist. Throws a `not-found` CommandError, so the engine is not-run/incomplete.
 */
export function secretlintRunnerPath(env: NodeJS.ProcessEnv = process.env): string {
  const override = env[SECRETLINT_RUNNER_ENV];
  const candidates = override
    ? [override]
    : [
        fileURLToPath(new URL('../../dist/secretlint-runner.js', import.meta.url)),
        fileURLToPath(new URL('./secretlint-runner.js', import.meta.url)),
        fileURLToPath(new URL('../../scanners/dist/secretlint-runner.js', import.meta.url)),
      ];
  const found = candidates.find((path) => existsSync(path));
  if (found) return found;
  throw new CommandError(
    'not-found',
    ['node', 'secretlint-runner.js'],
    null,
    '',
    null,
    `the secretlint runner bundle is missing (looked in ${candidates.join(', ')}); build it with \`node scripts/build.mjs --local\``,
  );
}
