import { ParseError } from '@gatehouse/findings';
import { isJsonObject, readJsonReport } from '../json-document';

/** SPDX 2.x JSON: `spdxVersion: "SPDX-2.x"` and the document's own SPDXID. SPDX 3 (JSON-LD) is refused by name. */
export function readSpdxDocument(content: string, file: string): Record<string, unknown> & { spdxVersion: string } {
  const doc = readJsonReport(content, file);
  if (!isJsonObject(doc)) {
    throw new ParseError(`not an SPDX JSON document: expected an object with "spdxVersion", found ${Array.isArray(doc) ? 'an array' : doc === null ? 'null' : typeof doc}`, file);
  }
  if (Object.hasOwn(doc, '@context') && Object.hasOwn(doc, '@graph')) throw new ParseError('this is SPDX 3 (JSON-LD); only SPDX 2.2 and 2.3 JSON are read', file);
  if (typeof doc.spdxVersion !== 'string') {
    const hint = doc.bomFormat === 'CycloneDX' ? ' (this is CycloneDX: read it with --from cyclonedx)' : '';
    throw new ParseError(`not an SPDX JSON document: no "spdxVersion"${hint}`, file);
  }
  if (!/^SPDX-2\.[0-3]$/.test(doc.spdxVersion)) throw new ParseError(`unsupported SPDX version ${JSON.stringify(doc.spdxVersion.slice(0, 20))}; SPDX-2.2 and SPDX-2.3 JSON are read`, file);
  if (doc.SPDXID !== 'SPDXRef-DOCUMENT') throw new ParseError('not an SPDX JSON document: its SPDXID is not "SPDXRef-DOCUMENT"', file);
  for (const key of ['packages', 'relationships', 'files'] as const) {
    if (doc[key] !== undefined && !Array.isArray(doc[key])) throw new ParseError(`SPDX document: "${key}" is not an array`, file);
  }
  return doc as Record<string, unknown> & { spdxVersion: string };
}
