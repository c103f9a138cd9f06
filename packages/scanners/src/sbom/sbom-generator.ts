import type { ExitCodeTable, ToolCommand } from '@gatehouse/toolchain';

/** The SBOM formats Gatehouse writes: CycloneDX JSON always, SPDX JSON on request. */
export type SbomOutputFormat = 'cyclonedx-json' | 'spdx-json';

/** What an SBOM describes: a directory of the repository, or an image (an image source string, see container-image). */
export type SbomSubjectSpec = { kind: 'directory'; path: string } | { kind: 'image'; image: string };

/**
 * The tools that write SBOMs. `cdxgen` is one engine id for two programs: cdxgen itself (any
 * language, whole repository) and cyclonedx-npm (npm projects from their lockfile), which Gatehouse
 * carries as a dependency and so always has. Their CycloneDX is read by the `cyclonedx` adapter.
 */
export type SbomTool = 'syft' | 'trivy' | 'cdxgen' | 'cyclonedx-npm';

export interface SbomGenerationRequest {
  tool: SbomTool;
  executable: string;
  /** Arguments before the tool's own (`node <script>` for a tool run from node_modules). */
  prefixArgs?: readonly string[];
  workspace: string;
  subject: SbomSubjectSpec;
  /** Absolute paths, per format requested. */
  outputs: Partial<Record<SbomOutputFormat, string>>;
  /** A private directory for this run (an empty configuration file for syft). */
  workDir: string;
  /** CycloneDX spec version to write where the tool lets us choose. */
  specVersion?: '1.5' | '1.6';
}

/** One run of a tool; some tools write one format per run, so a request can be several commands. */
export interface SbomCommand {
  command: ToolCommand;
  /** The files this command writes. */
  writes: Partial<Record<SbomOutputFormat, string>>;
  /** Files the runner writes into the work directory first (an empty configuration). */
  files?: { path: string; content: string }[];
}

export interface SbomToolProfile {
  tool: SbomTool;
  /** The engine id the run is reported under. */
  engine: 'syft' | 'trivy' | 'cdxgen';
  formats: readonly SbomOutputFormat[];
  subjects: readonly SbomSubjectSpec['kind'][];
  exitCodes: ExitCodeTable;
  commands(request: SbomGenerationRequest): SbomCommand[];
}

/** Arguments that would be read as flags are refused before they reach an argv. */
export function checkNotFlag(value: string, what: string): string {
  if (value.startsWith('-')) throw new Error(`${what} ${JSON.stringify(value.slice(0, 100))} starts with "-" and would be read as a flag`);
  return value;
}
