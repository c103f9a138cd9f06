import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExitCodeTable, ToolCommand } from '@gatehouse/toolchain';
import type { RunOptions } from '../adapter';
import { parseImageSource, type ImageSource } from '../container-image/image-source';

/** grype exits 0 after a scan whatever it found, 2 only with `--fail-on` (never passed), 1 on any error. */
export const GRYPE_EXIT_CODES: ExitCodeTable = {
  clean: [0],
  findings: [2],
  failures: { 1: 'grype failed (bad arguments, an image it could not read, or a vulnerability database it could not load)' },
};

/** The empty configuration `prepare` writes: a `.grype.yaml` in the scanned tree (which a pull request can change) cannot add ignore rules. */
export const grypeConfigFile = (workDir: string) => join(workDir, 'grype-config.yaml');

export async function prepareGrypeRun(opts: RunOptions): Promise<RunOptions> {
  if (!opts.workDir) throw new Error('grype: prepare needs opts.workDir for its empty configuration');
  await writeFile(grypeConfigFile(opts.workDir), '{}\n', { mode: 0o600 });
  return opts;
}

/** grype's input syntax for each image source. */
export function grypeImageInput(source: ImageSource): string {
  switch (source.kind) {
    case 'daemon':
      return `docker:${source.ref}`;
    case 'registry':
      return `registry:${source.ref}`;
    case 'archive':
      return `docker-archive:${source.path}`;
  }
}

/** What grype reads in each mode: the image, an SBOM file (`sbom:`), or a directory (`dir:`). */
export function grypeInput(opts: RunOptions): string {
  if (opts.mode === 'image') return grypeImageInput(parseImageSource(opts.image));
  const target = opts.targets[0] ?? '.';
  if (opts.targets.length > 1) throw new Error('grype reads one input per run: plan one invocation per SBOM or directory');
  if (target.startsWith('-')) throw new Error('grype: a target starting with "-" would be read as a flag');
  if (opts.mode === 'sbom') return `sbom:${target}`;
  if (opts.mode === 'full') return `dir:${target}`;
  throw new Error(`grype: mode "${opts.mode}" is not supported (image, sbom or full)`);
}

/**
 * The environment grype runs with. With a managed database (`opts.cacheDir`, refreshed at most a
 * day ago by `refreshGrypeDatabase`) grype must not update it itself: a scan never downloads, and
 * a database grype cannot load fails the run. Without one, grype manages its own cache and must
 * fail when it cannot check for updates, rather than scan with whatever it has.
 */
export function grypeEnvironment(cacheDir: string | undefined): Record<string, string> {
  const common = { GRYPE_CHECK_FOR_APP_UPDATE: 'false', GRYPE_DB_VALIDATE_AGE: 'true' };
  if (cacheDir) return { ...common, GRYPE_DB_CACHE_DIR: cacheDir, GRYPE_DB_AUTO_UPDATE: 'false' };
  return { ...common, GRYPE_DB_AUTO_UPDATE: 'true', GRYPE_DB_REQUIRE_UPDATE_CHECK: 'true' };
}

/**
 * `grype <input> -o json --file <report> -c <empty config>` (grype 0.120):
 * `docker:<ref>` for an image in the local daemon, `registry:<ref>` for one in a registry,
 * `docker-archive:<tar>` for a `docker save` tarball, `sbom:<file>` for an SBOM, `dir:<path>`.
 * No `--only-fixed` and no `--fail-on`: what blocks is the policy's decision, not grype's.
 */
export function grypeCommand(opts: RunOptions): ToolCommand {
  const input = grypeInput(opts);
  return {
    executable: opts.executable,
    args: [input, '-o', 'json', '--file', opts.reportPath, ...(opts.workDir ? ['-c', grypeConfigFile(opts.workDir)] : []), ...(opts.extraArgs ?? [])],
    env: grypeEnvironment(opts.cacheDir),
    cwd: opts.workspace,
    reportPath: opts.reportPath,
  };
}
