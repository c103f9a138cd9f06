import { errorMessage, ParseError } from '@gatehouse/findings';
import { readJsonReport } from '../json-document';
import { readSbom, sbomFormatOf } from './read-sbom';
import type { SbomDocument } from './sbom-document';
import { validateCycloneDx } from './validate-cyclonedx';

export type SbomCheck =
  | { ok: true; sbom: SbomDocument; notes: string[] }
  | { ok: false; reason: string };

/**
 * Checks an SBOM Gatehouse wrote or was given before anyone relies on it: CycloneDX against the
 * official JSON schema (the CycloneDX library's validator; a validator that cannot run is a failure
 * too, never a pass), SPDX and syft JSON by reading them. Components that could not be read fail
 * the check: an SBOM that silently lost packages would make every later scan of it look cleaner.
 */
export async function checkSbom(content: string, file: string): Promise<SbomCheck> {
  let sbom: SbomDocument;
  try {
    const format = sbomFormatOf(readJsonReport(content, file));
    sbom = readSbom(content, file);
    if (format === 'cyclonedx') {
      const validation = await validateCycloneDx(content);
      if (validation.valid === 'unknown') return { ok: false, reason: `${file}: ${validation.reason}` };
      if (!validation.valid) return { ok: false, reason: `${file} is not valid CycloneDX ${validation.specVersion ?? ''}: ${validation.errors.join('; ')}`.replace(/\s+/g, ' ') };
    }
  } catch (error) {
    return { ok: false, reason: error instanceof ParseError ? error.message : `${file}: ${errorMessage(error)}` };
  }
  if (sbom.skipped.length > 0) {
    return { ok: false, reason: `${file}: ${sbom.skipped.length} entries could not be read (${sbom.skipped.slice(0, 3).map((s) => `${s.at}: ${s.reason}`).join('; ')})` };
  }
  const notes = [`${file}: ${sbom.format} ${sbom.specVersion ?? ''}, ${sbom.components.length} components${sbom.format === 'cyclonedx' ? ', valid against the official schema' : ''}`.replace(/\s+/g, ' ')];
  return { ok: true, sbom, notes };
}
