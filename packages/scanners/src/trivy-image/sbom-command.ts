import { join } from 'node:path';
import { parseImageSource } from '../container-image/image-source';
import { checkNotFlag, type SbomCommand, type SbomGenerationRequest, type SbomOutputFormat, type SbomToolProfile } from '../sbom/sbom-generator';
import { TRIVY_IMAGE_EXIT_CODES } from './image-command';

const TRIVY_FORMATS: Record<SbomOutputFormat, string> = { 'cyclonedx-json': 'cyclonedx', 'spdx-json': 'spdx-json' };

/**
 * `trivy image|fs --format cyclonedx|spdx-json --output <file> …`: one run per format (trivy
 * writes one report per run). SBOM formats carry no vulnerabilities unless `--scanners vuln` is
 * given, so no vulnerability database is needed. An empty `--config` keeps a `trivy.yaml` in the
 * workspace from changing the run.
 */
export function trivySbomCommands(request: SbomGenerationRequest): SbomCommand[] {
  const config = join(request.workDir, 'trivy-sbom-config.yaml');
  const target =
    request.subject.kind === 'directory'
      ? ['fs', '--skip-dirs', '.gatehouse', '--skip-dirs', '.git', checkNotFlag(request.subject.path, 'directory')]
      : (() => {
          const source = parseImageSource(request.subject.image);
          return source.kind === 'archive' ? ['image', '--input', source.path] : ['image', '--image-src', source.kind === 'daemon' ? 'docker' : 'remote', source.ref];
        })();
  const [subcommand, ...rest] = target as [string, ...string[]];
  return (Object.keys(TRIVY_FORMATS) as SbomOutputFormat[])
    .filter((format) => request.outputs[format])
    .map((format) => ({
      command: {
        executable: request.executable,
        args: [...(request.prefixArgs ?? []), subcommand, '--format', TRIVY_FORMATS[format], '--output', request.outputs[format]!, '--no-progress', '--skip-version-check', '--disable-telemetry', '--config', config, ...rest],
        cwd: request.workspace,
      },
      writes: { [format]: request.outputs[format]! },
      files: [{ path: config, content: '{}\n' }],
    }));
}

export const TRIVY_SBOM: SbomToolProfile = {
  tool: 'trivy',
  engine: 'trivy',
  formats: ['cyclonedx-json', 'spdx-json'],
  subjects: ['directory', 'image'],
  exitCodes: TRIVY_IMAGE_EXIT_CODES,
  commands: trivySbomCommands,
};
