import { ParseError } from '@gatehouse/findings';
import { isJsonObject, readJsonReport } from '../json-document';

/** CycloneDX JSON: `bomFormat: "CycloneDX"` and a spec version this reader knows. */
export const CYCLONEDX_SPEC_VERSIONS = ['1.2', '1.3', '1.4', '1.5', '1.6', '1.7'] as const;

export function readCycloneDxDocument(content: string, file: string): Record<string, unknown> & { specVersion: string } {
  const doc = readJsonReport(content, file);
  if (!isJsonObject(doc)) {
    throw new ParseError(`not a CycloneDX JSON document: expected an object with "bomFormat": "CycloneDX", found ${Array.isArray(doc) ? 'an array' : doc === null ? 'null' : typeof doc}`, file);
  }
  if (doc.bomFormat !== 'CycloneDX') {
    const hint = Object.hasOwn(doc, 'spdxVersion') ? ' (this is SPDX: read it with --from spdx)' : '';
    throw new ParseError(`not a CycloneDX JSON document: "bomFormat" is ${JSON.stringify(doc.bomFormat ?? null)}${hint}`, file);
  }
  if (typeof doc.specVersion !== 'string' || !(CYCLONEDX_SPEC_VERSIONS as readonly string[]).includes(doc.specVersion)) {
    throw new ParseError(`unsupported CycloneDX specVersion ${JSON.stringify(doc.specVersion ?? null)}; JSON 1.2 to 1.7 are read`, file);
  }
  for (const key of ['components', 'dependencies', 'vulnerabilities'] as const) {
    if (doc[key] !== undefined && !Array.isArray(doc[key])) throw new ParseError(`CycloneDX document: "${key}" is not an array`, file);
  }
  return doc as Record<string, unknown> & { specVersion: string };
}
