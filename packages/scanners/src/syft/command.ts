import { join } from 'node:path';
import type { ExitCodeTable, ToolCommand } from '@gatehouse/toolchain';
import type { RunOptions } from '../adapter';
import { parseImageSource } from '../container-image/image-source';
import { checkNotFlag, type SbomCommand, type SbomGenerationRequest, type SbomToolProfile } from '../sbom/sbom-generator';

/** syft exits 0 when it wrote its outputs and 1 on any error. */
export const SYFT_EXIT_CODES: ExitCodeTable = { clean: [0], findings: [], failures: { 1: 'syft failed (an image or directory it could not read, or bad arguments)' } };

const SYFT_ENV = { SYFT_CHECK_FOR_APP_UPDATE: 'false' };
/** Never catalogued: Gatehouse's own output, and git internals. */
export const SYFT_EXCLUDES = ['./.gatehouse/**', './.git/**'] as const;

/** syft's input syntax: the same schemes as grype (`docker:`, `registry:`, `docker-archive:`, `dir:`). */
function syftSource(subject: SbomGenerationRequest['subject']): string {
  if (subject.kind === 'directory') return `dir:${checkNotFlag(subject.path, 'directory')}`;
  const source = parseImageSource(subject.image);
  return source.kind === 'archive' ? `docker-archive:${source.path}` : `${source.kind === 'daemon' ? 'docker' : 'registry'}:${source.ref}`;
}

/** syft reads `.syft.yaml` from the directory it runs in (a pull request can change it); an empty one is passed instead. */
const emptyConfig = (workDir: string) => join(workDir, 'syft-config.yaml');

/**
 * `syft <source> -o cyclonedx-json@1.6=<file> [-o spdx-json=<file>] -c <empty config> --exclude …`:
 * one run writes every requested format.
 */
export function syftSbomCommands(request: SbomGenerationRequest): SbomCommand[] {
  const outputs: string[] = [];
  if (request.outputs['cyclonedx-json']) outputs.push('-o', `cyclonedx-json@${request.specVersion ?? '1.6'}=${request.outputs['cyclonedx-json']}`);
  if (request.outputs['spdx-json']) outputs.push('-o', `spdx-json=${request.outputs['spdx-json']}`);
  if (outputs.length === 0) throw new Error('syft: no SBOM output requested');
  const excludes = request.subject.kind === 'directory' ? SYFT_EXCLUDES.flatMap((e) => ['--exclude', e]) : [];
  const command: ToolCommand = {
    executable: request.executable,
    args: [...(request.prefixArgs ?? []), syftSource(request.subject), ...outputs, '-c', emptyConfig(request.workDir), ...excludes],
    env: SYFT_ENV,
    cwd: request.workspace,
  };
  return [{ command, writes: { ...request.outputs }, files: [{ path: emptyConfig(request.workDir), content: '{}\n' }] }];
}

export const SYFT_SBOM: SbomToolProfile = {
  tool: 'syft',
  engine: 'syft',
  formats: ['cyclonedx-json', 'spdx-json'],
  subjects: ['directory', 'image'],
  exitCodes: SYFT_EXIT_CODES,
  commands: syftSbomCommands,
};

/** The adapter's own run: syft JSON of an image or directory (an SBOM: no findings; components for osv-offline). */
export function syftCommand(opts: RunOptions): ToolCommand {
  const source = opts.mode === 'image' ? syftSource({ kind: 'image', image: opts.image ?? '' }) : syftSource({ kind: 'directory', path: opts.targets[0] ?? '.' });
  return { executable: opts.executable, args: [source, '-o', `syft-json=${opts.reportPath}`, ...(opts.extraArgs ?? [])], env: SYFT_ENV, cwd: opts.workspace, reportPath: opts.reportPath };
}
