import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { errorMessage, type Logger } from '@gatehouse/findings';
import { CommandError, formatCommand, interpretExit, runCommand, type RunLimits } from '@gatehouse/toolchain';
import { decodeReport } from '../report-text';
import type { SbomDocument } from './sbom-document';
import type { SbomGenerationRequest, SbomOutputFormat, SbomToolProfile } from './sbom-generator';
import { checkSbom } from './validate-sbom';

export type SbomGeneration =
  | {
      status: 'generated';
      engine: SbomToolProfile['engine'];
      tool: SbomToolProfile['tool'];
      /** Each file written, read back and checked (CycloneDX against the official schema). */
      files: Partial<Record<SbomOutputFormat, { path: string; sbom: SbomDocument }>>;
      notes: string[];
    }
  | { status: 'incomplete'; engine: SbomToolProfile['engine']; tool: SbomToolProfile['tool']; reason: string };

export interface GenerateSbomOptions {
  profile: SbomToolProfile;
  request: SbomGenerationRequest;
  logger: Logger;
  limits?: Partial<RunLimits>;
}

const MAX_SBOM_BYTES = 512 * 1024 * 1024;

/**
 * Runs one SBOM generator (syft, trivy, cdxgen or cyclonedx-npm) through the toolchain's runner
 * and checks what it wrote. Everything that goes wrong (a request the tool cannot serve, a crash, a
 * timeout, a missing or empty file, an SBOM that is not valid against the official schema) makes
 * the result `incomplete` with the cause: an SBOM Gatehouse cannot vouch for is never published.
 */
export async function generateSbom(options: GenerateSbomOptions): Promise<SbomGeneration> {
  const { profile, request, logger } = options;
  const base = { engine: profile.engine, tool: profile.tool };
  const fail = (reason: string): SbomGeneration => {
    logger.warning(`${profile.tool}: SBOM incomplete: ${reason}`);
    return { status: 'incomplete', ...base, reason: `${profile.tool}: ${reason}` };
  };
  if (!profile.subjects.includes(request.subject.kind)) return fail(`cannot describe ${request.subject.kind === 'image' ? 'an image' : 'a directory'}`);
  for (const format of Object.keys(request.outputs) as SbomOutputFormat[]) {
    if (!profile.formats.includes(format)) return fail(`does not write ${format}${format === 'spdx-json' ? ' (SPDX JSON needs syft or trivy)' : ''}`);
  }
  let commands;
  try {
    commands = profile.commands(request);
  } catch (error) {
    return fail(errorMessage(error));
  }
  const files: Partial<Record<SbomOutputFormat, { path: string; sbom: SbomDocument }>> = {};
  const notes: string[] = [];
  for (const { command, writes, files: inputs } of commands) {
    try {
      for (const file of inputs ?? []) writeFileSync(file.path, file.content, { mode: 0o600 });
      for (const path of Object.values(writes)) mkdirSync(dirname(path!), { recursive: true });
      logger.info(`${profile.tool}: running ${formatCommand([command.executable, ...command.args])}`);
      const result = await runCommand(command, { timeoutMs: 15 * 60_000, outputCapBytes: 16 * 1024 * 1024, ...options.limits });
      interpretExit(result, profile.exitCodes);
    } catch (error) {
      return fail(error instanceof CommandError ? error.message : errorMessage(error));
    }
    for (const [format, path] of Object.entries(writes) as [SbomOutputFormat, string][]) {
      let size: number;
      try {
        size = statSync(path).size;
      } catch {
        return fail(`exited 0 but wrote no ${format} file at ${path}`);
      }
      if (size === 0) return fail(`wrote an empty ${format} file`);
      if (size > MAX_SBOM_BYTES) return fail(`wrote a ${format} file of ${size} bytes, more than ${MAX_SBOM_BYTES} Gatehouse reads`);
      let text: string;
      try {
        text = decodeReport(readFileSync(path), path);
      } catch (error) {
        return fail(errorMessage(error));
      }
      const check = await checkSbom(text, path);
      if (!check.ok) return fail(check.reason);
      files[format] = { path, sbom: check.sbom };
      notes.push(...check.notes);
    }
  }
  return { status: 'generated', ...base, files, notes };
}
