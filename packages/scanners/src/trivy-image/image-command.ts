import type { ExitCodeTable, ToolCommand } from '@gatehouse/toolchain';
import type { RunOptions } from '../adapter';
import { parseImageSource, type ImageSource } from '../container-image/image-source';
import { javaDbRepositoryFor, TRIVY_DB_REPOSITORIES } from './repositories';

/** Without `--exit-code`, trivy exits 0 after a scan whatever it found, and 1 on any error. */
export const TRIVY_IMAGE_EXIT_CODES: ExitCodeTable = {
  clean: [0],
  findings: [],
  failures: { 1: 'trivy failed (an image it could not read, a vulnerability database it could not download or open, or a timeout)' },
};

/** How the scan gets its databases. */
export type TrivyDatabaseUse =
  /** Refreshed by `refreshTrivyDatabase` at most a day ago: the scan never downloads. */
  | { kind: 'managed'; cacheDir: string }
  /** Left to trivy, which tries each repository in order. */
  | { kind: 'trivy'; repositories: readonly string[] };

export interface TrivyImageScan {
  source: ImageSource;
  reportPath: string;
  database: TrivyDatabaseUse;
  /** Empty files from the trivy adapter's `prepare`: a `.trivyignore` or `trivy.yaml` in the workspace (which a pull request can change) is not honoured. */
  ignoreFile: string;
  configFile: string;
  /** trivy's own time limit (`--timeout`), below the runner's, so a slow registry ends with trivy's message. */
  timeout?: string;
  extraArgs?: readonly string[];
}

/** `--image-src docker` for a daemon image: never silently pull a registry image of the same name instead of the one just built. */
function sourceArgs(source: ImageSource): string[] {
  switch (source.kind) {
    case 'daemon':
      return ['--image-src', 'docker', source.ref];
    case 'registry':
      return ['--image-src', 'remote', source.ref];
    case 'archive':
      return ['--input', source.path];
  }
}

function databaseArgs(database: TrivyDatabaseUse): string[] {
  if (database.kind === 'managed') return ['--cache-dir', database.cacheDir, '--skip-db-update', '--skip-java-db-update'];
  const java = database.repositories.map(javaDbRepositoryFor).filter((r): r is string => r !== undefined);
  return ['--db-repository', database.repositories.join(','), ...(java.length > 0 ? ['--java-db-repository', java.join(',')] : [])];
}

/**
 * `trivy image --format json --output <report> --scanners vuln …` (trivy 0.75) for a local daemon
 * image (`--image-src docker <ref>`), a registry image (`--image-src remote <ref>`) or a
 * `docker save` tarball (`--input <tar>`). With a managed database the scan runs with
 * `--skip-db-update --skip-java-db-update` against the refreshed cache; otherwise trivy downloads
 * from the repositories in order (`--db-repository a,b`).
 */
export function trivyImageArgs(scan: TrivyImageScan): string[] {
  return [
    'image',
    '--format',
    'json',
    '--output',
    scan.reportPath,
    '--scanners',
    'vuln',
    '--no-progress',
    '--skip-version-check',
    '--disable-telemetry',
    ...databaseArgs(scan.database),
    '--config',
    scan.configFile,
    '--ignorefile',
    scan.ignoreFile,
    ...(scan.timeout ? ['--timeout', scan.timeout] : []),
    ...(scan.extraArgs ?? []),
    ...sourceArgs(scan.source),
  ];
}

/**
 * The trivy adapter's `command()` for mode "image": `opts.image` is the image source string
 * (`docker:<ref>`, `registry:<ref>`, `docker-archive:<tar>`), `opts.cacheDir` a database directory
 * refreshed by `refreshTrivyDatabase` (absent: trivy manages its own). `files` are the empty ignore
 * and config files the adapter's `prepare` writes into `opts.workDir`.
 */
export function trivyImageCommand(opts: RunOptions, files: { ignoreFile: string; configFile: string }, repositories: readonly string[] = TRIVY_DB_REPOSITORIES): ToolCommand {
  if (opts.mode !== 'image') throw new Error(`trivy image: mode "${opts.mode}" is not an image scan`);
  const scan: TrivyImageScan = {
    source: parseImageSource(opts.image),
    reportPath: opts.reportPath,
    database: opts.cacheDir ? { kind: 'managed', cacheDir: opts.cacheDir } : { kind: 'trivy', repositories },
    ...files,
    ...(opts.extraArgs ? { extraArgs: opts.extraArgs } : {}),
  };
  return { executable: opts.executable, args: trivyImageArgs(scan), cwd: opts.workspace, reportPath: opts.reportPath };
}
