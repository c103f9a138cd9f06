import { join, posix } from 'node:path';
import type { ExitCodeTable, ToolCommand } from '@gatehouse/toolchain';
import type { RunOptions } from '../adapter';

export const PUBLIC_NPM_REGISTRY = 'https://registry.npmjs.org/';

/**
 * `npm audit --json --package-lock-only` in the lockfile's folder, one invocation per
 * package-lock.json / npm-shrinkwrap.json. `--package-lock-only` audits the lockfile without
 * node_modules and installs nothing.
 *
 * The flags after it pin what a repository's own `.npmrc` could otherwise weaken: the registry the
 * advisories come from (the public registry, or the one the action passes as `--registry=<url>` in
 * `extraArgs`, e.g. from its own NPM_CONFIG_REGISTRY), every dependency type audited (`--include`
 * wins over an `omit` in .npmrc), and the level at which npm reports (`--audit-level=info`, so no
 * .npmrc can set it to `none`).
 */
export function npmAuditCommand(opts: RunOptions): ToolCommand {
  const lockfile = opts.targets[0];
  if (!lockfile || opts.targets.length !== 1) throw new Error('npm audit audits exactly one package-lock.json per invocation');
  const folder = posix.dirname(lockfile);
  const extra = opts.extraArgs ?? [];
  const registry = extra.some((a) => a.startsWith('--registry=')) ? [] : [`--registry=${PUBLIC_NPM_REGISTRY}`];
  return {
    executable: opts.executable,
    args: ['audit', '--json', '--package-lock-only', '--audit-level=info', '--include=prod', '--include=dev', '--include=optional', '--include=peer', ...registry, ...extra],
    cwd: folder === '.' ? opts.workspace : join(opts.workspace, folder),
  };
}

/**
 * npm audit exits 0 when it found nothing at or above the audit level and 1 when it found
 * vulnerabilities — and also 1 when it failed (no lockfile, registry unreachable), printing
 * `{"error": ...}`; the parser turns that into an incomplete run, never "clean".
 */
export const NPM_AUDIT_EXIT_CODES: ExitCodeTable = { clean: [0], findings: [1] };
