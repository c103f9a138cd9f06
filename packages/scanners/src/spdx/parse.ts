import type { ParseContext, ParseResult } from '../adapter';
import { spdxSbom } from './components';
import { readSpdxDocument } from './document';

/**
 * SPDX 2.2/2.3 JSON (syft -o spdx-json, trivy --format spdx-json, any other generator). SPDX has no
 * vulnerabilities: an SBOM yields no findings; its packages are read with `sbomComponents`.
 */
export function parseSpdx(content: string, ctx: ParseContext): ParseResult {
  const doc = readSpdxDocument(content, ctx.file);
  const sbom = spdxSbom(doc);
  const notes = [`${doc.spdxVersion}: ${sbom.components.length} packages${sbom.tools.length ? ` written by ${sbom.tools.join(', ')}` : ''}`];
  if (sbom.skipped.length > 0) notes.push(`${sbom.skipped.length} packages or relationships could not be read (${sbom.skipped.slice(0, 3).map((s) => `${s.at}: ${s.reason}`).join('; ')})`);
  return { findings: [], skipped: [], incomplete: [], nativeCount: 0, notes };
}
