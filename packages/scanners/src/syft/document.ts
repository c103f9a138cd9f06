import { ParseError } from '@gatehouse/findings';
import { isJsonObject, readJsonReport } from '../json-document';

/**
 * syft JSON: an `artifacts` array written by syft (its descriptor, or its schema URL). Some of
 * syft's own encoder goldens have no `schema` key, so the descriptor alone is enough.
 */
export function readSyftDocument(content: string, file: string): Record<string, unknown> & { artifacts: unknown[] } {
  const doc = readJsonReport(content, file);
  if (!isJsonObject(doc)) {
    throw new ParseError(`not a syft JSON document: expected an object with "artifacts", found ${Array.isArray(doc) ? 'an array' : doc === null ? 'null' : typeof doc}`, file);
  }
  if (Object.hasOwn(doc, 'bomFormat') || Object.hasOwn(doc, 'spdxVersion')) {
    throw new ParseError('this is a CycloneDX or SPDX SBOM, not syft JSON: read it with --from cyclonedx or --from spdx', file);
  }
  if (!Array.isArray(doc.artifacts)) throw new ParseError('not a syft JSON document: no "artifacts" array (is this another tool\'s report?)', file);
  const descriptor = isJsonObject(doc.descriptor) ? doc.descriptor.name : undefined;
  const schemaUrl = isJsonObject(doc.schema) && typeof doc.schema.url === 'string' ? doc.schema.url : '';
  if (descriptor !== 'syft' && !/anchore\/syft/.test(schemaUrl)) {
    throw new ParseError(`not a syft JSON document: written by ${JSON.stringify(typeof descriptor === 'string' ? descriptor.slice(0, 50) : 'an unknown tool')}`, file);
  }
  return doc as Record<string, unknown> & { artifacts: unknown[] };
}
