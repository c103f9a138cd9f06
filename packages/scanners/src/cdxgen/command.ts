import { posix } from 'node:path';
import type { ExitCodeTable } from '@gatehouse/toolchain';
import { checkNotFlag, type SbomCommand, type SbomGenerationRequest, type SbomToolProfile } from '../sbom/sbom-generator';

/** Both programs exit 0 when the SBOM was written, and non-zero when they could not write a valid one. */
export const CDXGEN_EXIT_CODES: ExitCodeTable = {
  clean: [0],
  findings: [],
  failures: { 1: 'the SBOM generator failed (no lockfile, a manifest it could not read, or an SBOM that did not validate)' },
};

function cycloneDxOutput(request: SbomGenerationRequest, tool: string): string {
  if (request.outputs['spdx-json']) throw new Error(`${tool} writes CycloneDX only: SPDX JSON needs syft or trivy`);
  const out = request.outputs['cyclonedx-json'];
  if (!out) throw new Error(`${tool}: no CycloneDX output requested`);
  return out;
}

function directoryOf(request: SbomGenerationRequest, tool: string): string {
  if (request.subject.kind !== 'directory') throw new Error(`${tool} describes a directory of the repository, not an image: use syft or trivy for images`);
  return checkNotFlag(posix.normalize(request.subject.path.replace(/\\/g, '/')), 'directory');
}

/**
 * `cyclonedx-npm --package-lock-only --output-format JSON --output-file <file> --spec-version 1.6
 * --mc-type application package.json`, run in the npm project's directory: the SBOM comes from
 * package-lock.json alone, without node_modules and without running npm install (no lifecycle
 * scripts, no network). cyclonedx-npm validates what it writes against the CycloneDX schema.
 */
export function cycloneDxNpmCommands(request: SbomGenerationRequest): SbomCommand[] {
  const out = cycloneDxOutput(request, 'cyclonedx-npm');
  const dir = directoryOf(request, 'cyclonedx-npm');
  return [
    {
      command: {
        executable: request.executable,
        args: [...(request.prefixArgs ?? []), '--package-lock-only', '--output-format', 'JSON', '--output-file', out, '--spec-version', request.specVersion ?? '1.6', '--mc-type', 'application', 'package.json'],
        cwd: posix.join(request.workspace, dir),
      },
      writes: { 'cyclonedx-json': out },
    },
  ];
}

/**
 * `cdxgen -o <file> --spec-version 1.6 --no-install-deps --fail-on-error <dir>`: every language
 * cdxgen knows, recursively, from manifests and lockfiles; `--no-install-deps` keeps it from
 * running package managers (which would run install scripts and reach the network).
 */
export function cdxgenCommands(request: SbomGenerationRequest): SbomCommand[] {
  const out = cycloneDxOutput(request, 'cdxgen');
  const dir = directoryOf(request, 'cdxgen');
  return [
    {
      command: {
        executable: request.executable,
        args: [...(request.prefixArgs ?? []), '-o', out, '--spec-version', request.specVersion ?? '1.6', '--no-install-deps', '--fail-on-error', dir],
        env: { FETCH_LICENSE: 'false', CDXGEN_TELEMETRY: 'false' },
        cwd: request.workspace,
      },
      writes: { 'cyclonedx-json': out },
    },
  ];
}

export const CYCLONEDX_NPM_SBOM: SbomToolProfile = {
  tool: 'cyclonedx-npm',
  engine: 'cdxgen',
  formats: ['cyclonedx-json'],
  subjects: ['directory'],
  exitCodes: CDXGEN_EXIT_CODES,
  commands: cycloneDxNpmCommands,
};

export const CDXGEN_SBOM: SbomToolProfile = {
  tool: 'cdxgen',
  engine: 'cdxgen',
  formats: ['cyclonedx-json'],
  subjects: ['directory'],
  exitCodes: CDXGEN_EXIT_CODES,
  commands: cdxgenCommands,
};
