import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExitCodeTable, ToolCommand } from '@gatehouse/toolchain';
import type { RunOptions } from '../adapter';
import { trivyImageCommand } from '../trivy-image/image-command';

/** The exit code trivy is told to use when it found something (`--exit-code`); 1 stays "trivy failed". */
export const TRIVY_FINDINGS_EXIT_CODE = 10;

/**
 * trivy exits 0 (or `--exit-code` when it found something) after a scan, and 1 on any error. Image
 * scans pass no `--exit-code` (TRIVY_IMAGE_EXIT_CODES: 0 scanned, 1 failed), which this table reads
 * the same way.
 */
export const TRIVY_EXIT_CODES: ExitCodeTable = {
  clean: [0],
  findings: [TRIVY_FINDINGS_EXIT_CODE],
  failures: { 1: 'trivy failed (bad arguments, an unreadable target, a database or checks bundle it could not load, or a timeout)' },
};

/** Files `prepare` writes into the run's private work directory. */
export const trivyRunFiles = (workDir: string) => ({
  /** Empty: a `.trivyignore` in the scanned tree (which a pull request can change) is not honoured. */
  ignoreFile: join(workDir, 'trivy-ignore'),
  /** Empty: a `trivy.yaml` in the scanned tree cannot change flags (severities, skip-dirs, exit code). */
  configFile: join(workDir, 'trivy-config.yaml'),
  /** Empty and private: with --skip-check-update trivy then uses the checks embedded in the pinned release. */
  cacheDir: join(workDir, 'trivy-cache'),
});

export async function prepareTrivyRun(opts: RunOptions): Promise<RunOptions> {
  if (!opts.workDir) throw new Error('trivy: prepare needs opts.workDir for its empty ignore file, config and cache');
  const files = trivyRunFiles(opts.workDir);
  await writeFile(files.ignoreFile, '', { mode: 0o600 });
  await writeFile(files.configFile, '{}\n', { mode: 0o600 });
  await mkdir(files.cacheDir, { recursive: true, mode: 0o700 });
  return opts;
}

/** Directories never worth a misconfiguration scan. */
export const TRIVY_CONFIG_SKIP_DIRS = ['.git', '.gatehouse', '**/node_modules'] as const;

/**
 * `trivy config --format json --output <report> ... <dir>` (trivy 0.75): IaC misconfigurations in
 * Dockerfiles, Kubernetes manifests, Helm charts, Terraform, CloudFormation and ARM templates.
 *
 * - `--skip-check-update` with a fresh cache: the checks embedded in the pinned trivy release, so a
 *   run needs no network and gives the same answer twice (bump trivy in versions.json for newer
 *   checks); there is no checks bundle download that could fail;
 * - `--ignorefile`, `--config`: empty files from `prepare`, so the scanned tree cannot silence checks;
 * - `--exit-code 10`: 10 means "found something", 1 stays "failed";
 * - one directory per run (trivy config takes one); `extraArgs` add user Rego checks
 *   (`--config-check <dir> --check-namespaces user`) and come before the target.
 */
export function trivyCommand(opts: RunOptions): ToolCommand {
  if (opts.mode === 'image') {
    if (!opts.workDir) throw new Error('trivy: the image command needs opts.workDir (see prepareTrivyRun)');
    // docs/image-scan.md: the image argv and its database handling live in trivy-image/.
    return trivyImageCommand(opts, trivyRunFiles(opts.workDir));
  }
  if (opts.mode !== 'config') {
    throw new Error(`trivy: the command for mode "${opts.mode}" is not built here; this adapter runs "trivy config" (mode "config") and "trivy image" (mode "image")`);
  }
  if (!opts.workDir) throw new Error('trivy: the config command needs opts.workDir (see prepareTrivyRun)');
  if (opts.targets.length > 1) throw new Error('trivy config scans one directory per run: plan one invocation per target');
  const files = trivyRunFiles(opts.workDir);
  return {
    executable: opts.executable,
    args: [
      'config',
      '--format',
      'json',
      '--output',
      opts.reportPath,
      '--exit-code',
      String(TRIVY_FINDINGS_EXIT_CODE),
      '--skip-check-update',
      '--skip-version-check',
      '--disable-telemetry',
      '--quiet',
      '--cache-dir',
      files.cacheDir,
      '--config',
      files.configFile,
      '--ignorefile',
      files.ignoreFile,
      ...TRIVY_CONFIG_SKIP_DIRS.flatMap((d) => ['--skip-dirs', d]),
      ...(opts.extraArgs ?? []),
      opts.targets[0] ?? '.',
    ],
    cwd: opts.workspace,
    reportPath: opts.reportPath,
  };
}
