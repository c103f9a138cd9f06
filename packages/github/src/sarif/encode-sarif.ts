import { gzipSync } from 'node:zlib';

/** Code scanning refuses SARIF over 10 MB once gzipped. */
export const SARIF_GZIP_MAX_BYTES = 10 * 1024 * 1024;

export type EncodedSarif = { ok: true; base64: string; gzippedBytes: number } | { ok: false; gzippedBytes: number };

/**
 * The upload API's transport form: JSON, gzip, base64. A log over the 10 MB gzipped limit is not
 * encoded (the caller trims results first: the SARIF writer keeps the most severe).
 */
export function encodeSarif(document: unknown, maxGzippedBytes = SARIF_GZIP_MAX_BYTES): EncodedSarif {
  const gzipped = gzipSync(Buffer.from(JSON.stringify(document), 'utf8'));
  if (gzipped.length > maxGzippedBytes) return { ok: false, gzippedBytes: gzipped.length };
  return { ok: true, base64: gzipped.toString('base64'), gzippedBytes: gzipped.length };
}
