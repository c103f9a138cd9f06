import { ConfigurationError } from '@gatehouse/findings';
import type { ExitCodeTable, ToolCommand } from '@gatehouse/toolchain';
import type { RunOptions } from '../adapter';

/**
 * `osv-scanner scan source --format json --output <report> --all-vulns --lockfile <path>…` in the
 * workspace, every lockfile of the plan in one invocation (osv-scanner batches its queries).
 * `--all-vulns` keeps uncalled and unimportant vulnerabilities in the report (Gatehouse tags them
 * instead of losing them). With `cacheDir`, it matches offline against osv-scanner's own local
 * databases kept there (`--offline-vulnerabilities --download-offline-databases`).
 *
 * osv-scanner reads `type:path` in `--lockfile` as "parse path as type", so a path with a colon
 * would be misread: such paths are refused (the plan leaves them out with a note).
 */
export function osvScannerCommand(opts: RunOptions): ToolCommand {
  const lockfiles = opts.targets.filter((t) => t !== '' && t !== '.');
  if (lockfiles.length === 0) throw new ConfigurationError('osv-scanner needs the lockfiles to scan');
  const colon = lockfiles.find((l) => l.includes(':'));
  if (colon) throw new ConfigurationError(`osv-scanner would misread the lockfile path ${colon} (a colon means "parse as"); rename it or scan it with osv-offline`);
  const offline = opts.cacheDir ? ['--offline-vulnerabilities', '--download-offline-databases'] : [];
  return {
    executable: opts.executable,
    args: ['scan', 'source', '--format', 'json', '--output', opts.reportPath, '--all-vulns', ...offline, ...lockfiles.flatMap((l) => ['--lockfile', l]), ...(opts.extraArgs ?? [])],
    cwd: opts.workspace,
    reportPath: opts.reportPath,
    ...(opts.cacheDir ? { env: { OSV_SCANNER_LOCAL_DB_CACHE_DIRECTORY: opts.cacheDir } } : {}),
  };
}

/** 0: nothing found; 1: vulnerabilities or license violations; 127: an error; 128: no packages found. */
export const OSV_SCANNER_EXIT_CODES: ExitCodeTable = {
  clean: [0],
  findings: [1],
  failures: {
    127: 'osv-scanner failed (a general error: see its last stderr line)',
    128: 'osv-scanner found no packages in the lockfiles (empty, or a format it did not recognise)',
  },
};
