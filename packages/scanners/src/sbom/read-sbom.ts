import { ParseError } from '@gatehouse/findings';
import { cycloneDxSbom } from '../cyclonedx/components';
import { readCycloneDxDocument } from '../cyclonedx/document';
import { isJsonObject, readJsonReport } from '../json-document';
import { spdxSbom } from '../spdx/components';
import { readSpdxDocument } from '../spdx/document';
import { syftSbom } from '../syft/components';
import { readSyftDocument } from '../syft/document';
import type { SbomComponent, SbomDocument, SbomFormat } from './sbom-document';

/** Which SBOM format a parsed document is, from its signature; undefined for anything else. */
export function sbomFormatOf(doc: unknown): SbomFormat | undefined {
  if (!isJsonObject(doc)) return undefined;
  if (doc.bomFormat === 'CycloneDX') return 'cyclonedx';
  if (typeof doc.spdxVersion === 'string') return 'spdx';
  if (Array.isArray(doc.artifacts)) return 'syft';
  return undefined;
}

/**
 * Reads any SBOM Gatehouse knows (CycloneDX JSON 1.2–1.7, SPDX 2.2/2.3 JSON, syft JSON) into one
 * shape. Throws ParseError naming the file for anything else, including another tool's report.
 */
export function readSbom(content: string, file: string): SbomDocument {
  const format = sbomFormatOf(readJsonReport(content, file));
  // Each reader parses again with its own signature check; SBOMs are read once per run, not per finding.
  switch (format) {
    case 'cyclonedx':
      return cycloneDxSbom(readCycloneDxDocument(content, file));
    case 'spdx':
      return spdxSbom(readSpdxDocument(content, file));
    case 'syft':
      return syftSbom(readSyftDocument(content, file));
    default:
      throw new ParseError('not an SBOM: expected CycloneDX JSON ("bomFormat"), SPDX JSON ("spdxVersion") or syft JSON ("artifacts")', file);
  }
}

/**
 * The components of an SBOM, for engines that look packages up by purl (the offline OSV engine):
 * every component, nested ones included; `purl` is set only when the SBOM gave a real package URL.
 */
export function sbomComponents(content: string, file: string): SbomComponent[] {
  return readSbom(content, file).components;
}
