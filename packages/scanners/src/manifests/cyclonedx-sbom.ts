import { ParseError } from '@gatehouse/findings';
import { isJsonObject } from '../json-document';
import { emptyResult, makePackageRef, type ManifestParseResult } from './package-ref';
import { osvPackageOfPurl, parsePurl } from './purl-parse';
import { readManifestJson } from './read-manifest-text';

const MAX_COMPONENT_DEPTH = 50;

/**
 * The packages of a CycloneDX JSON SBOM: every component (nested ones too) with a purl of an
 * ecosystem OSV knows, with its version. The SBOM's own subject (`metadata.component`) is not a
 * dependency. Components without a purl or a version, or of types OSV has no ecosystem for (deb,
 * apk, generic, github), are skipped with the reason, so the summary can say what was not checked.
 */
export function parseCycloneDxSbom(text: string, manifest: string): ManifestParseResult {
  const doc = readManifestJson(text, manifest);
  if (!isJsonObject(doc) || doc.bomFormat !== 'CycloneDX') throw new ParseError('not a CycloneDX JSON SBOM: no "bomFormat": "CycloneDX"', manifest);
  const result = emptyResult(manifest, 'cyclonedx', 'mixed');
  const seen = new Set<string>();
  const visit = (components: unknown, path: string, depth: number) => {
    if (!Array.isArray(components)) return;
    if (depth > MAX_COMPONENT_DEPTH) {
      result.skipped.push({ at: path, reason: `components nested deeper than ${MAX_COMPONENT_DEPTH}`, unreadable: true });
      return;
    }
    components.forEach((component, index) => {
      const at = `${path}[${index}]`;
      if (!isJsonObject(component)) {
        result.skipped.push({ at, reason: 'not an object', unreadable: true });
        return;
      }
      visit(component.components, `${at}.components`, depth + 1);
      const name = typeof component.name === 'string' ? component.name.slice(0, 200) : undefined;
      if (typeof component.purl !== 'string') {
        result.skipped.push({ at, reason: 'no purl', ...(name ? { name } : {}) });
        return;
      }
      const purl = parsePurl(component.purl);
      const pkg = purl && osvPackageOfPurl(purl);
      if (!purl || !pkg) {
        result.skipped.push({ at, reason: purl ? `purl type "${purl.type}" has no OSV ecosystem` : 'a malformed purl', ...(name ? { name } : {}) });
        return;
      }
      const version = purl.version ?? (typeof component.version === 'string' ? component.version : undefined);
      if (!version) {
        result.skipped.push({ at, reason: 'no version', unreadable: true, name: pkg.name });
        return;
      }
      const key = `${pkg.ecosystem}\u0000${pkg.name}\u0000${version}`;
      if (seen.has(key)) return;
      seen.add(key);
      const made = makePackageRef({ ecosystem: pkg.ecosystem, name: pkg.name, version, manifest, purl: component.purl.trim() });
      if (made.ok) result.packages.push(made.ref);
      else result.skipped.push({ at, reason: made.reason, unreadable: true, name: pkg.name });
    });
  };
  visit(doc.components, 'components', 0);
  return result;
}
