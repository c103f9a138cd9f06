import type { ParseContext, ParseResult } from '../adapter';
import { syftSbom } from './components';
import { readSyftDocument } from './document';

/** syft JSON is an SBOM: no findings; its artifacts are read with `sbomComponents` (src/sbom). */
export function parseSyft(content: string, ctx: ParseContext): ParseResult {
  const doc = readSyftDocument(content, ctx.file);
  const sbom = syftSbom(doc);
  const notes = [`syft JSON${sbom.specVersion ? ` schema ${sbom.specVersion}` : ''}: ${sbom.components.length} artifacts`];
  if (sbom.skipped.length > 0) notes.push(`${sbom.skipped.length} artifacts or relationships could not be read (${sbom.skipped.slice(0, 3).map((s) => `${s.at}: ${s.reason}`).join('; ')})`);
  const version = sbom.tools[0]?.split(' ')[1];
  return { findings: [], skipped: [], incomplete: [], nativeCount: 0, notes, ...(version && /\d/.test(version) && !version.startsWith('[') ? { engineVersion: version.slice(0, 100) } : {}) };
}
